using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

public class TimerScheduleTests
{
    [Fact]
    public void Date_WithOffset_FiresOnceAtThatInstant()
    {
        var timer = TimerSchedule.Date("2026-12-01T09:00:00+08:00");
        Assert.Equal(TimerKind.Date, timer.Kind);
        Assert.False(timer.IsRepeating);
        Assert.Equal(Cn(2026, 12, 1, 9), timer.NextDue(Cn(2026, 1, 1), 0));
        Assert.Null(timer.NextDue(Cn(2026, 1, 1), 1));
    }

    [Theory]
    [InlineData("2026-12-01T09:00", 9, 0)]
    [InlineData("2026-12-01T09:00:30.5", 9, 0)]
    [InlineData("2026-12-01", 0, 0)]
    public void Date_WithoutOffset_IsChinaStandardTime(string text, int hour, int minute)
    {
        var at = TimerSchedule.Date(text).At!.Value;
        Assert.Equal(Cst, at.Offset);
        Assert.Equal(new DateTime(2026, 12, 1, hour, minute, 0), new DateTime(at.DateTime.Year, at.Month, at.Day, at.Hour, at.Minute, 0));
    }

    [Theory]
    [InlineData("2026-12-01T01:00:00Z")]
    [InlineData("2026-12-01T09:00:00+0800")]
    [InlineData("2026-12-01T09:00+08")]
    [InlineData("  2026-12-01T09:00:00+08:00\n")]
    public void Date_OffsetForms_AreTheSameInstant(string text)
    {
        Assert.Equal(Cn(2026, 12, 1, 9), TimerSchedule.Date(text).At);
    }

    [Fact]
    public void Date_DefaultOffsetParameter_AppliesToDatesWithoutOffset()
    {
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(9)),
            TimerSchedule.Date("2026-12-01T09:00", TimeSpan.FromHours(9)).At);
    }

    [Theory]
    [InlineData("2026-13-01T09:00", "position 6: month 13 does not exist")]
    [InlineData("2026-12-01t09:00", "position 11: an upper-case 'T'")]
    [InlineData("2026-12-1", "position 9: 2 digits of the day were expected")]
    [InlineData("2026-12-01T09", "position 14: ':' was expected after the hour")]
    [InlineData("2026-12-01T09:00+15:00", "position 17: an offset is at most ±14:00")]
    [InlineData("2026-12-01T09:00 CST", "position 17: an offset (Z, +08:00) or the end was expected")]
    [InlineData("tomorrow", "position 1: 4 digits of the year were expected")]
    public void Date_Invalid_ThrowsFormatExceptionWithPositionAndText(string text, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => TimerSchedule.Date(text));
        Assert.Contains(expected, ex.Message);
        Assert.Contains($"timer date \"{text}\"", ex.Message);
    }

    [Fact]
    public void Duration_FiresOnceAfterArming()
    {
        var timer = TimerSchedule.Duration(" PT4H ");
        Assert.Equal(Cn(2026, 3, 9, 13), timer.NextDue(Cn(2026, 3, 9, 9), 0));
        Assert.Null(timer.NextDue(Cn(2026, 3, 9, 9), 1));
        Assert.Equal("PT4H", timer.ToString());
    }

    [Theory]
    [InlineData("", "text is empty")]
    [InlineData("-PT1H", "cannot wait a negative time")]
    [InlineData("PT4h", "timer duration \"PT4h\" at position 4: lowercase designator 'h'")]
    public void Duration_Invalid_ThrowsFormatException(string text, string expected)
    {
        Assert.Contains(expected, Assert.Throws<FormatException>(() => TimerSchedule.Duration(text)).Message);
    }

    [Fact]
    public void Cycle_RepeatsAndExhausts()
    {
        var timer = TimerSchedule.Cycle("R2/PT30M");
        Assert.True(timer.IsRepeating);
        Assert.Equal(Cn(2026, 3, 9, 9, 30), timer.NextDue(Cn(2026, 3, 9, 9), 0));
        Assert.Equal(Cn(2026, 3, 9, 10), timer.NextDue(Cn(2026, 3, 9, 9), 1));
        Assert.Null(timer.NextDue(Cn(2026, 3, 9, 9), 2));
    }

    [Theory]
    [InlineData("0 0 9 * * ?", "cron expressions are not supported")]
    [InlineData("PT1H", "timer cycle \"PT1H\" at position 1: a repeating interval starts with 'R'")]
    public void Cycle_Invalid_ThrowsFormatException(string text, string expected)
    {
        Assert.Contains(expected, Assert.Throws<FormatException>(() => TimerSchedule.Cycle(text)).Message);
    }

    [Fact]
    public void ToString_DateIsCanonicalIso()
    {
        Assert.Equal("2026-12-01T09:00:00+08:00", TimerSchedule.Date("2026-12-01T09:00").ToString());
        Assert.Equal("2026-12-01T09:00:00.25+08:00", TimerSchedule.Date("2026-12-01T09:00:00,25").ToString());
    }
}
