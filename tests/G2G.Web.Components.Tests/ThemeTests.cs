using Bunit;
using G2G.Web.Components.Shell;

namespace G2G.Web.Components.Tests;

/// <summary>The interactive pages' theme sets the same CJK fonts as the static pages' stylesheet.</summary>
public sealed class ThemeTests : WorkContext
{
    [Fact]
    public void TheThemesFontFamily_NamesTheFontsThemselves_NotTheirNamesInQuotes()
    {
        var theme = Context.Render<Interactive>(p => p.AddChildContent("<p>page</p>")); // the pages' MudBlazor services and theme

        var family = theme.FindAll("style").Select(s => s.TextContent)
            .SelectMany(css => css.Split(';')).Select(d => d.Trim())
            .Single(d => d.StartsWith("--mud-typography-default-family:", StringComparison.Ordinal));
        Assert.StartsWith("--mud-typography-default-family: 'Noto Sans CJK SC', 'Source Han Sans SC'", family, StringComparison.Ordinal);
        Assert.DoesNotContain("\"", family, StringComparison.Ordinal);
    }
}
