using MudBlazor;

namespace G2G.Web.Components.Shell;

/// <summary>The product's colours: a sober government red for the brand, neutral greys for work surfaces.</summary>
internal static class G2GTheme
{
    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#9f1d20",
            Secondary = "#455a64",
            AppbarBackground = "#9f1d20",
            Background = "#f6f6f4",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["\"Noto Sans CJK SC\"", "\"Microsoft YaHei\"", "\"PingFang SC\"", "system-ui", "sans-serif"],
            },
        },
    };
}
