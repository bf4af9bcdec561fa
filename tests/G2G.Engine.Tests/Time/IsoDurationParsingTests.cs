using G2G.Engine.Time;

namespace G2G.Engine.Tests.Time;

public class IsoDurationParsingTests
{
    [Theory]
    [InlineData("P2W", 0, 0, 2, 0, 0, 0, "0")]
    [InlineData("PT4H", 0, 0, 0, 0, 4, 0, "0")]
    [InlineData("P3D", 0, 0, 0, 3, 0, 0, "0")]
    [InlineData("PT1.5S", 0, 0, 0, 0, 0, 0, "1.5")]
    [InlineData("PT1,5S", 0, 0, 0, 0, 0, 0, "1.5")]
    [InlineData("P0D", 0, 0, 0, 0, 0, 0, "0")]
    [InlineData("P1Y2M3DT4H5M6.5S", 1, 2, 0, 3, 4, 5, "6.5")]
    [InlineData("P1Y2M1W3D", 1, 2, 1, 3, 0, 0, "0")]
    [InlineData("PT36H", 0, 0, 0, 0, 36, 0, "0")]
    public void Parse_ValidText_ReadsEveryComponent(string text, int y, int mo, int w, int d, int h, int mi, string s)
    {
        var expected = new IsoDuration(y, mo, w, d, h, mi, decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected, IsoDuration.Parse(text));
    }

    [Fact]
    public void Parse_LeadingMinus_IsNegative()
    {
        Assert.Equal(new IsoDuration(0, 0, 0, 1, 0, 0, 0m, Negative: true), IsoDuration.Parse("-P1D"));
    }

    [Fact]
    public void Parse_NegativeZero_IsPlainZero()
    {
        Assert.Equal(IsoDuration.Zero, IsoDuration.Parse("-PT0S"));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("P", "position 2")]
    [InlineData("PT", "position 3")]
    [InlineData("P1DT", "position 5")]
    [InlineData("3D", "position 1")]
    [InlineData("p3d", "lowercase 'p'")]
    [InlineData("P3d", "position 3: lowercase designator 'd'")]
    [InlineData("PT4h", "position 4: lowercase designator 'h'")]
    [InlineData("PD", "position 2: a number was expected but found 'D'")]
    [InlineData("PTH", "position 3")]
    [InlineData("P3", "position 3: the number '3' has no designator after it")]
    [InlineData("P3X", "position 3: unknown designator 'X'")]
    [InlineData("P4H", "must come after 'T'")]
    [InlineData("PT3D", "must come before 'T'")]
    [InlineData("P1D2Y", "position 5: designator 'Y' is repeated or out of order")]
    [InlineData("P1D1D", "repeated or out of order")]
    [InlineData("PT1H2H", "repeated or out of order")]
    [InlineData("P1DTT1H", "position 5: a second 'T'")]
    [InlineData("P1.5D", "position 2: only the seconds may have a decimal fraction")]
    [InlineData("PT1.S", "position 5: digits must follow the decimal separator")]
    [InlineData("P2147483648D", "position 2: the number '2147483648' is too large (at most 2147483647)")]
    [InlineData(" P1D", "position 1")]
    [InlineData("P1D ", "position 4")]
    [InlineData("P-1D", "position 2: a number was expected but found '-'")]
    public void Parse_InvalidText_ThrowsFormatExceptionNamingPosition(string text, string expectedFragment)
    {
        var ex = Assert.Throws<FormatException>(() => IsoDuration.Parse(text));
        Assert.Contains(expectedFragment, ex.Message);
        Assert.Contains($"\"{text}\"", ex.Message);
        Assert.False(IsoDuration.TryParse(text, out _));
    }

    [Fact]
    public void Parse_IntMaxValue_IsAccepted()
    {
        Assert.Equal(int.MaxValue, IsoDuration.Parse("P2147483647D").Days);
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(IsoDuration.TryParse(null, out var result));
        Assert.Equal(default, result);
    }

    [Fact]
    public void TryParse_Valid_ReturnsTrueAndValue()
    {
        Assert.True(IsoDuration.TryParse("PT30M", out var result));
        Assert.Equal(new IsoDuration(0, 0, 0, 0, 0, 30, 0m), result);
    }

    [Fact]
    public void Parse_Null_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => IsoDuration.Parse(null!));
    }
}
