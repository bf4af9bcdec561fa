using G2G.Engine.Time;

namespace G2G.Engine.Tests.Time;

public class IsoDurationArithmeticTests
{
    private static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    private static DateTimeOffset At(int y, int mo, int d, int h = 0, int mi = 0) => new(y, mo, d, h, mi, 0, Cst);

    [Fact]
    public void AddTo_OneMonthFromJanuary31_ClampsToFebruaryMonthEnd()
    {
        Assert.Equal(At(2026, 2, 28, 9), IsoDuration.Parse("P1M").AddTo(At(2026, 1, 31, 9)));
        Assert.Equal(At(2024, 2, 29, 9), IsoDuration.Parse("P1M").AddTo(At(2024, 1, 31, 9)));
    }

    [Fact]
    public void AddTo_OneYearFromLeapDay_ClampsToFebruary28()
    {
        Assert.Equal(At(2025, 2, 28), IsoDuration.Parse("P1Y").AddTo(At(2024, 2, 29)));
    }

    [Fact]
    public void AddTo_YearsAndMonthsTogether_AddsTotalMonthsBeforeDays()
    {
        // 13 months from 2024-01-31 is 2025-02-28 (clamped), then one day: 2025-03-01.
        Assert.Equal(At(2025, 3, 1), IsoDuration.Parse("P1Y1M1D").AddTo(At(2024, 1, 31)));
    }

    [Fact]
    public void AddTo_WeeksDaysAndTime_AddsExactly()
    {
        Assert.Equal(At(2026, 3, 18, 13, 30).AddSeconds(1.5),
            IsoDuration.Parse("P2W3DT4H30M1.5S").AddTo(At(2026, 3, 1, 9)));
    }

    [Fact]
    public void AddTo_KeepsOffsetOfStart()
    {
        var result = IsoDuration.Parse("PT4H").AddTo(At(2026, 3, 1, 22));
        Assert.Equal(Cst, result.Offset);
        Assert.Equal(At(2026, 3, 2, 2), result);
    }

    [Fact]
    public void AddTo_Negative_SubtractsMonthsWithClamping()
    {
        Assert.Equal(At(2026, 2, 28, 9), IsoDuration.Parse("-P1M").AddTo(At(2026, 3, 31, 9)));
        Assert.Equal(At(2026, 2, 27, 8), IsoDuration.Parse("-P1DT1H").AddTo(At(2026, 2, 28, 9)));
    }

    [Fact]
    public void AddTo_BeyondDateRange_ThrowsArgumentOutOfRange()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoDuration.Parse("P9000Y").AddTo(At(2026, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoDuration.Parse("P2147483647Y").AddTo(At(2026, 1, 1)));
    }

    [Fact]
    public void Negate_FlipsSignAndKeepsZeroPositive()
    {
        Assert.Equal("-P3D", IsoDuration.Parse("P3D").Negate().ToString());
        Assert.Equal("P3D", IsoDuration.Parse("-P3D").Negate().ToString());
        Assert.False(IsoDuration.Zero.Negate().Negative);
        Assert.Equal(IsoDuration.Parse("-PT4H"), -IsoDuration.Parse("PT4H"));
    }

    [Theory]
    [InlineData("P1D", "PT2H", "P1DT2H")]
    [InlineData("P1Y2M", "P3M4D", "P1Y5M4D")]
    [InlineData("-P1D", "-PT1H", "-P1DT1H")]
    [InlineData("P1D", "-PT1H", "PT23H")]
    [InlineData("PT1.5S", "PT0.5S", "PT2S")]
    [InlineData("P1Y", "-P1M", "P11M")]
    [InlineData("P3D", "-P3D", "PT0S")]
    [InlineData("PT30M", "-PT1H", "-PT30M")]
    public void Add_SumsComponentWise_NormalisingMixedSigns(string left, string right, string expected)
    {
        Assert.Equal(expected, (IsoDuration.Parse(left) + IsoDuration.Parse(right)).ToString());
    }

    [Fact]
    public void Add_MonthAndOppositeDay_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => IsoDuration.Parse("P1M") + IsoDuration.Parse("-P1D"));
    }

    [Fact]
    public void Add_Overflow_Throws()
    {
        Assert.Throws<OverflowException>(() => IsoDuration.Parse("P2147483647D") + IsoDuration.Parse("P1D"));
    }

    [Fact]
    public void Subtract_IsAddOfNegation()
    {
        Assert.Equal("PT3H", (IsoDuration.Parse("PT4H") - IsoDuration.Parse("PT1H")).ToString());
    }

    [Theory]
    [InlineData("P1DT2H", 3, "P3DT6H")]
    [InlineData("PT1.5S", 2, "PT3S")]
    [InlineData("P1M", -2, "-P2M")]
    [InlineData("-P1D", -1, "P1D")]
    [InlineData("P1D", 0, "PT0S")]
    public void Multiply_ScalesEveryComponent(string text, int factor, string expected)
    {
        Assert.Equal(expected, IsoDuration.Parse(text).Multiply(factor).ToString());
    }

    [Fact]
    public void Multiply_Overflow_ThrowsOverflowException()
    {
        Assert.Throws<OverflowException>(() => IsoDuration.Parse("P1073741824D").Multiply(2));
    }

    [Fact]
    public void IsZero_TrueOnlyWhenAllComponentsZero()
    {
        Assert.True(IsoDuration.Parse("P0D").IsZero);
        Assert.False(IsoDuration.Parse("PT0.001S").IsZero);
    }
}
