using System.Globalization;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace G2G.Web.Components.Shell;

/// <summary>
/// MudBlazor's own texts (pager, loading, close buttons) in Simplified Chinese when the page is Chinese; English
/// pages keep MudBlazor's built-in English.
/// </summary>
internal sealed class MudChineseText : MudLocalizer
{
    private static readonly Dictionary<string, string> Chinese = new(StringComparer.Ordinal)
    {
        ["MudDataGridPager_RowsPerPage"] = "每页行数：",
        ["MudDataGridPager_FirstPage"] = "第一页",
        ["MudDataGridPager_PreviousPage"] = "上一页",
        ["MudDataGridPager_NextPage"] = "下一页",
        ["MudDataGridPager_LastPage"] = "最后一页",
        ["MudDataGridPager_AllItems"] = "全部",
        ["MudDataGrid_Loading"] = "正在加载…",
        ["MudDataGrid_RefreshData"] = "刷新",
        ["MudAlert_Close"] = "关闭",
        ["MudChip_Close"] = "移除",
        ["MudDialog_Close"] = "关闭",
        ["MudSnackbar_Close"] = "关闭",
    };

    public override LocalizedString this[string key] =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "zh" && Chinese.TryGetValue(key, out var text)
            ? new LocalizedString(key, text)
            : new LocalizedString(key, key, resourceNotFound: true);
}
