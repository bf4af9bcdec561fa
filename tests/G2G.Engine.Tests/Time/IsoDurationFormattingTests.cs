using G2G.Engine.Time;

namespace G2G.Engine.Tests.Time;

public class IsoDurationFormattingTests
{
    [Theory]
    [InlineData("P1Y2M3DT4H5M6.5S")]
    [InlineData("P2W")]
    [InlineData("PT4H")]
    [InlineData("P3D")]
    [InlineData("PT1.5S")]
    [InlineData("-P1D")]
    [InlineData("-PT0.25S")]
    [InlineData("P1W2D")]
    [InlineData("PT1M")]
    [InlineData("P1M")]
    [InlineData("PT0.0000001S")]
    public void ToString_OfParsed_RoundTripsCanonicalText(string text)
    {
        var parsed = IsoDuration.Parse(text);
        Assert.Equal(text, parsed.ToString());
        Assert.Equal(parsed, IsoDuration.Parse(parsed.ToString()));
    }

    [Theory]
    [InlineData("P0D", "PT0S")]
    [InlineData("PT0H0M0S", "PT0S")]
    [InlineData("P0Y1M", "P1M")]
    [InlineData("PT6.500S", "PT6.5S")]
    [InlineData("PT1,5S", "PT1.5S")]
    [InlineData("+P1D", "P1D")]
    [InlineData("P1DT0H", "P1D")]
    public void ToString_DropsZeroComponentsAndTrailingZeros(string text, string canonical)
    {
        Assert.Equal(canonical, IsoDuration.Parse(text).ToString());
    }

    [Fact]
    public void ToString_Default_IsPT0S()
    {
        Assert.Equal("PT0S", default(IsoDuration).ToString());
        Assert.True(default(IsoDuration).IsZero);
    }

    [Fact]
    public void ToString_UsesInvariantCultureForDecimalPoint()
    {
        var saved = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("de-DE");
            Assert.Equal("PT2.75S", new IsoDuration(0, 0, 0, 0, 0, 0, 2.75m).ToString());
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = saved;
        }
    }
}
