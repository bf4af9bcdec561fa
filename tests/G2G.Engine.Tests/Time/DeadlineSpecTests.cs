using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

public class DeadlineSpecTests
{
    [Theory]
    [InlineData("P3D", DeadlineKind.CalendarTime)]
    [InlineData("PT4H", DeadlineKind.CalendarTime)]
    [InlineData("3wd", DeadlineKind.WorkingDays)]
    [InlineData("4wh", DeadlineKind.WorkingHours)]
    [InlineData("1.5wh", DeadlineKind.WorkingHours)]
    public void Parse_RecognisesKind(string text, DeadlineKind kind)
    {
        Assert.Equal(kind, DeadlineSpec.Parse(text).Kind);
    }

    [Theory]
    [InlineData(" 3wd ", "3wd")]
    [InlineData("3 WD", "3wd")]
    [InlineData("3Wd", "3wd")]
    [InlineData("\t1.50 wh\n", "1.5wh")]
    [InlineData("-1wd", "-1wd")]
    [InlineData("- 2 wd", "-2wd")]
    [InlineData("+2wd", "2wd")]
    [InlineData("0wd", "0wd")]
    [InlineData(" P3D", "P3D")]
    [InlineData("-PT4H", "-PT4H")]
    [InlineData("P1DT0H", "P1D")]
    public void ToString_IsCanonicalAndRoundTrips(string text, string canonical)
    {
        var spec = DeadlineSpec.Parse(text);
        Assert.Equal(canonical, spec.ToString());
        Assert.Equal(spec, DeadlineSpec.Parse(spec.ToString()));
    }

    [Theory]
    [InlineData("", "the text is empty")]
    [InlineData("   ", "the text is empty")]
    [InlineData("3d", "expected an ISO 8601 duration such as P3D or PT4H, or working time such as 3wd, 4wh or 1.5wh")]
    [InlineData("three wd", "\"three\" before 'wd' is not a number")]
    [InlineData("wd", "\"\" before 'wd' is not a number")]
    [InlineData("1.5wd", "working days must be a whole number")]
    [InlineData("1.2.3wh", "is not a number")]
    [InlineData(".5wh", "is not a number")]
    [InlineData("99999999999wd", "too large")]
    [InlineData("2000000wh", "too large (at most 1000000)")]
    [InlineData("p3d", "lowercase 'p'")]
    [InlineData("P3", "position 3")]
    public void Parse_Invalid_ThrowsClearFormatException(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => DeadlineSpec.Parse(text));
        Assert.Contains(expected, ex.Message);
        Assert.False(DeadlineSpec.TryParse(text, out _));
    }

    [Fact]
    public void DueFrom_WorkingDays_UsesCalendarAcrossNationalDay()
    {
        Assert.Equal(Cn(2025, 10, 10, 9), DeadlineSpec.Parse("2wd").DueFrom(Cn(2025, 9, 30, 9), China));
    }

    [Fact]
    public void DueFrom_WorkingHours_SkipsLunchBreak()
    {
        Assert.Equal(Cn(2026, 3, 9, 15, 30), DeadlineSpec.Parse("2.5wh").DueFrom(Cn(2026, 3, 9, 11), China));
    }

    [Fact]
    public void DueFrom_CalendarTime_IgnoresHolidays()
    {
        Assert.Equal(Cn(2025, 10, 3, 9), DeadlineSpec.Parse("P3D").DueFrom(Cn(2025, 9, 30, 9), China));
    }

    [Fact]
    public void Negate_RemindOneWorkingDayBeforeDue()
    {
        var due = DeadlineSpec.Parse("3wd").DueFrom(Cn(2025, 9, 26, 10), China); // Fri → 28 (Sun), 29, 30
        Assert.Equal(Cn(2025, 9, 30, 10), due);
        var remind = DeadlineSpec.Parse("1wd").Negate();
        Assert.Equal("-1wd", remind.ToString());
        Assert.Equal(Cn(2025, 9, 29, 10), remind.DueFrom(due, China));
    }

    [Fact]
    public void Negate_OfHoursAndDurations_FlipsSign()
    {
        Assert.Equal(DeadlineSpec.Parse("-1.5wh"), DeadlineSpec.Parse("1.5wh").Negate());
        Assert.Equal(DeadlineSpec.Parse("PT4H"), DeadlineSpec.Parse("-PT4H").Negate());
        Assert.Equal(Cn(2026, 3, 9, 11, 30), DeadlineSpec.Parse("1wh").Negate().DueFrom(Cn(2026, 3, 9, 14, 30), China));
    }

    [Fact]
    public void Factories_MatchParsedSpecs()
    {
        Assert.Equal(DeadlineSpec.Parse("5wd"), DeadlineSpec.FromWorkingDays(5));
        Assert.Equal(DeadlineSpec.Parse("0.25wh"), DeadlineSpec.FromWorkingHours(0.25m));
        Assert.Equal(DeadlineSpec.Parse("P2W"), DeadlineSpec.FromDuration(IsoDuration.Parse("P2W")));
    }

    [Fact]
    public void DueFrom_NullCalendar_Throws()
    {
        Assert.Throws<ArgumentNullException>(() => DeadlineSpec.Parse("1wd").DueFrom(Cn(2026, 3, 9), null!));
    }
}
