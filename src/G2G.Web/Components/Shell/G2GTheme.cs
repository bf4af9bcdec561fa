using MudBlazor;

namespace G2G.Web.Components.Shell;

/// <summary>
/// The product's colours: a sober government red for the brand, neutral greys for work surfaces. The state colours and
/// the secondary text are darker than MudBlazor's defaults so that outlined chips and buttons and muted text keep a
/// contrast of at least 4.5:1 (WCAG AA, checked by axe in the browser tests).
/// </summary>
internal static class G2GTheme
{
    public static MudTheme Light { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#9f1d20",
            Secondary = "#455a64",
            AppbarBackground = "#9f1d20",
            Background = "#f6f6f4", // = --g2g-background of app.css, the html element's background under the body
            Error = "#c62828",
            Success = "#2e7d32",
            Warning = "#a84b00",
            Info = "#1565c0",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                // The same fonts as app.css for the static pages. Names unquoted: MudBlazor quotes each name itself, and a
                // quoted one became a font named with its quotes, so interactive pages fell back to the system font.
                FontFamily = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "system-ui", "sans-serif"],
            },
        },
    };
}
