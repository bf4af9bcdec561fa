using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace G2G.Web.Components.Tests;

/// <summary>Spans of time in words as supervision and the deadline selector write them, in both languages.</summary>
public sealed class UiFormatTests : WorkContext
{
    [Theory]
    [InlineData("en", 24, "1 day")]
    [InlineData("en", 72, "3 days")]
    [InlineData("en", 1, "1 hour")]
    [InlineData("en", 5.5, "5.5 hours")]
    [InlineData("en", 36, "1.5 days")]
    [InlineData("zh-CN", 24, "1 天")]
    [InlineData("zh-CN", 5.5, "5.5 小时")]
    public void Duration_IsWrittenInTheUsersLanguage_OneInTheSingular(string culture, double hours, string expected)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        var text = Services.GetRequiredService<IStringLocalizer<UiText>>();

        Assert.Equal(expected, UiFormat.Duration(hours, text));
    }
}
