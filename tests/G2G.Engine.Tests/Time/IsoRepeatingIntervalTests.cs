using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

public class IsoRepeatingIntervalTests
{
    [Fact]
    public void Next_BoundedWithoutStart_FiresAfterEachPeriodThenStops()
    {
        var cycle = IsoRepeatingInterval.Parse("R3/PT4H");
        var armed = Cn(2026, 3, 9, 9);
        Assert.Equal(Cn(2026, 3, 9, 13), cycle.Next(armed, 0));
        Assert.Equal(Cn(2026, 3, 9, 17), cycle.Next(armed, 1));
        Assert.Equal(Cn(2026, 3, 9, 21), cycle.Next(armed, 2));
        Assert.Null(cycle.Next(armed, 3));
        Assert.Equal(3, cycle.Repetitions);
    }

    [Fact]
    public void Next_Unbounded_NeverExhausts()
    {
        var cycle = IsoRepeatingInterval.Parse("R/PT1H");
        Assert.True(cycle.IsUnbounded);
        Assert.Equal(Cn(2026, 3, 9, 9).AddHours(100_001), cycle.Next(Cn(2026, 3, 9, 9), 100_000));
    }

    [Fact]
    public void Next_WithStart_FirstFiresAtStartThenDaily()
    {
        var cycle = IsoRepeatingInterval.Parse("R5/2026-12-01T09:00:00+08:00/P1D");
        var armed = Cn(2026, 11, 20, 15);
        Assert.Equal(Cn(2026, 12, 1, 9), cycle.Next(armed, 0));
        Assert.Equal(Cn(2026, 12, 5, 9), cycle.Next(armed, 4));
        Assert.Null(cycle.Next(armed, 5));
    }

    [Fact]
    public void Next_WithStartInPast_SkipsMissedOccurrencesWhichStillCount()
    {
        var cycle = IsoRepeatingInterval.Parse("R5/2026-12-01T09:00:00+08:00/P1D");
        var armed = Cn(2026, 12, 3, 10); // occurrences of 1, 2 and 3 December 09:00 are missed
        Assert.Equal(Cn(2026, 12, 4, 9), cycle.Next(armed, 0));
        Assert.Equal(Cn(2026, 12, 5, 9), cycle.Next(armed, 1));
        Assert.Null(cycle.Next(armed, 2));
        Assert.Equal(Cn(2026, 12, 3, 9), cycle.Next(Cn(2026, 12, 3, 9), 0)); // exactly on an occurrence
    }

    [Fact]
    public void Next_StartAndEnd_UsesDifferenceAsPeriod()
    {
        var cycle = IsoRepeatingInterval.Parse("R2/2026-01-01T00:00Z/2026-01-02T00:00Z");
        var armed = new DateTimeOffset(2025, 12, 31, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(IsoDuration.Parse("P1D"), cycle.Period);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), cycle.Next(armed, 0));
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 0, 0, 0, TimeSpan.Zero), cycle.Next(armed, 1));
        Assert.Null(cycle.Next(armed, 2));
    }

    [Fact]
    public void Next_MonthlyFromJanuary31_ClampsWithoutDrift()
    {
        var cycle = IsoRepeatingInterval.Parse("R/2026-01-31T09:00/P1M");
        var armed = Cn(2026, 1, 1);
        Assert.Equal(Cn(2026, 2, 28, 9), cycle.Next(armed, 1));
        Assert.Equal(Cn(2026, 3, 31, 9), cycle.Next(armed, 2));
        Assert.Equal(Cn(2026, 4, 30, 9), cycle.Next(Cn(2026, 4, 15), 0)); // late arming skips to April
    }

    [Fact]
    public void Parse_DateWithoutOffset_UsesChinaStandardTimeOrGivenDefault()
    {
        Assert.Equal(Cn(2026, 12, 1, 9), IsoRepeatingInterval.Parse("R/2026-12-01T09:00/P1D").Start);
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
            IsoRepeatingInterval.Parse("R/2026-12-01T09:00/P1D", TimeSpan.Zero).Start);
    }

    [Theory]
    [InlineData("R3/PT4H", "R3/PT4H")]
    [InlineData("R/PT1H", "R/PT1H")]
    [InlineData("R5/2026-12-01T09:00+08:00/P1D", "R5/2026-12-01T09:00:00+08:00/P1D")]
    [InlineData("R2/2026-01-01T00:00Z/2026-01-02T00:00Z", "R2/2026-01-01T00:00:00+00:00/P1D")]
    public void ToString_IsCanonical(string text, string expected)
    {
        Assert.Equal(expected, IsoRepeatingInterval.Parse(text).ToString());
    }

    [Theory]
    [InlineData("", "position 1: a repeating interval starts with 'R'")]
    [InlineData("r3/PT4H", "position 1: lowercase 'r'")]
    [InlineData("R3", "position 3: '/' and a period were expected")]
    [InlineData("R3/", "position 4: a period or a start date was expected")]
    [InlineData("Rx/PT1H", "position 2: the repetition count must be digits")]
    [InlineData("R99999999999/PT1H", "position 2: the repetition count is too large")]
    [InlineData("R3/PT4h", "position 7: lowercase designator 'h'")]
    [InlineData("R3/PT0S", "position 4: the period PT0S must be longer than zero")]
    [InlineData("R3/-PT1H", "must be longer than zero")]
    [InlineData("R/PT1H/2026-01-01", "position 3: the period/end form is not supported")]
    [InlineData("R/2026-02-30T09:00/P1D", "position 11: day 30 does not exist in 2026-02")]
    [InlineData("R/2026-12-01T25:00/P1D", "position 14: hour 25 does not exist")]
    [InlineData("R/2026-12-01T09:00+08:00/", "position 26: a period or an end date was expected")]
    [InlineData("R/2026-01-02T00:00Z/2026-01-01T00:00Z", "position 21: the end must be after the start")]
    [InlineData("R/2026-01-01/P1D/P1D", "position 17: at most two parts")]
    public void Parse_Invalid_ThrowsFormatExceptionWithPositionAndText(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => IsoRepeatingInterval.Parse(text));
        Assert.Contains(expected, ex.Message);
        Assert.Contains($"\"{text}\"", ex.Message);
        Assert.False(IsoRepeatingInterval.TryParse(text, out _));
    }

    [Fact]
    public void Next_NegativeFiredCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => IsoRepeatingInterval.Parse("R/PT1H").Next(Cn(2026, 1, 1), -1));
    }
}
