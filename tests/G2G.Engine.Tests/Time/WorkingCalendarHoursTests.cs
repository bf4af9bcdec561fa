using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

/// <summary>Default office hours 08:30–12:00 and 14:00–17:30 (+08:00).</summary>
public class WorkingCalendarHoursTests
{
    [Fact]
    public void AddWorkingHours_AcrossLunchBreak_SkipsTwoHours()
    {
        Assert.Equal(Cn(2026, 3, 9, 15), China.AddWorkingHours(Cn(2026, 3, 9, 11), 2m));
    }

    [Fact]
    public void AddWorkingHours_AcrossEvening_ContinuesNextMorning()
    {
        Assert.Equal(Cn(2026, 3, 10, 9, 30), China.AddWorkingHours(Cn(2026, 3, 9, 16, 30), 2m));
    }

    [Fact]
    public void AddWorkingHours_AcrossWeekend_ContinuesMonday()
    {
        Assert.Equal(Cn(2026, 3, 9, 9, 30), China.AddWorkingHours(Cn(2026, 3, 6, 16, 30), 2m));
    }

    [Fact]
    public void AddWorkingHours_AcrossNationalDay2025_ContinuesOctober9()
    {
        Assert.Equal(Cn(2025, 10, 9, 9), China.AddWorkingHours(Cn(2025, 9, 30, 17), 1m));
    }

    [Theory]
    [InlineData(7, 0, 1.0, 9, 30)]    // before office: starts 08:30
    [InlineData(12, 30, 0.5, 14, 30)] // in lunch break: starts 14:00
    [InlineData(8, 30, 3.5, 12, 0)]   // exactly fills the morning: its end, not 14:00
    [InlineData(8, 30, 7.0, 17, 30)]  // a whole office day
    [InlineData(11, 45, 0.25, 12, 0)]
    [InlineData(10, 0, 0.0, 10, 0)]   // zero inside office time: unchanged
    [InlineData(12, 0, 0.0, 14, 0)]   // zero at lunch: rolled to the afternoon
    public void AddWorkingHours_OnMonday_CountsOnlyOfficeTime(int h, int m, double hours, int eh, int em)
    {
        Assert.Equal(Cn(2026, 3, 9, eh, em), China.AddWorkingHours(Cn(2026, 3, 9, h, m), (decimal)hours));
    }

    [Fact]
    public void AddWorkingHours_FromSaturday_StartsMondayMorning()
    {
        Assert.Equal(Cn(2026, 3, 9, 10), China.AddWorkingHours(Cn(2026, 3, 7, 10), 1.5m));
    }

    [Fact]
    public void AddWorkingHours_SeveralDays_SkipsWholeDays()
    {
        Assert.Equal(Cn(2026, 3, 10, 17, 30), China.AddWorkingHours(Cn(2026, 3, 9, 8, 30), 14m));
        Assert.Equal(Cn(2026, 3, 11, 9), China.AddWorkingHours(Cn(2026, 3, 9, 8, 30), 14.5m));
        Assert.Equal(Cn(2026, 3, 16, 9), China.AddWorkingHours(Cn(2026, 3, 7, 0), 35.5m)); // five days, then half an hour
    }

    [Fact]
    public void AddWorkingHours_Negative_CountsBackThroughOfficeTime()
    {
        Assert.Equal(Cn(2026, 3, 9, 11, 30), China.AddWorkingHours(Cn(2026, 3, 9, 14, 30), -1m));
        Assert.Equal(Cn(2026, 3, 6, 17), China.AddWorkingHours(Cn(2026, 3, 9, 9), -1m));
        Assert.Equal(Cn(2026, 3, 9, 8, 30), China.AddWorkingHours(Cn(2026, 3, 9, 12), -3.5m));
        Assert.Equal(Cn(2025, 9, 30, 17), China.AddWorkingHours(Cn(2025, 10, 9, 9), -1m));
    }

    [Fact]
    public void AddWorkingHours_CustomOfficeHours_UsesAgencyPeriods()
    {
        var calendar = China.WithOfficeHours(OfficeHours.Parse("09:00-12:00, 13:30-17:30"));
        Assert.Equal(Cn(2026, 3, 9, 14, 30), calendar.AddWorkingHours(Cn(2026, 3, 9, 11), 2m));
        Assert.Equal(TimeSpan.FromHours(7), calendar.OfficeHours.DailyTotal);
    }

    [Fact]
    public void AddWorkingHours_IntoYearWithoutData_Throws()
    {
        Assert.Equal(2027, Assert.Throws<CalendarYearMissingException>(() => China.AddWorkingHours(Cn(2026, 12, 31, 17), 1m)).Year);
    }

    [Fact]
    public void AddWorkingHours_UtcInput_ReturnsChinaOffset()
    {
        var result = China.AddWorkingHours(new DateTimeOffset(2026, 3, 9, 3, 0, 0, TimeSpan.Zero), 2m);
        Assert.Equal(Cn(2026, 3, 9, 15), result);
        Assert.Equal(Cst, result.Offset);
    }

    [Fact]
    public void OfficeHours_Default_Is0830To1200And1400To1730()
    {
        Assert.Equal("08:30-12:00, 14:00-17:30", OfficeHours.Default.ToString());
        Assert.Equal(TimeSpan.FromHours(7), OfficeHours.Default.DailyTotal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("8:30-12:00")]
    [InlineData("08:30 12:00")]
    [InlineData("08:30-25:00")]
    public void OfficeHours_ParseMalformed_ThrowsFormatException(string text)
    {
        Assert.Throws<FormatException>(() => OfficeHours.Parse(text));
    }

    [Theory]
    [InlineData("12:00-08:30")]
    [InlineData("08:30-12:00, 11:00-17:30")]
    [InlineData("14:00-17:30, 08:30-12:00")]
    public void OfficeHours_EmptyOrOverlappingPeriods_ThrowArgumentException(string text)
    {
        Assert.Throws<ArgumentException>(() => OfficeHours.Parse(text));
    }
}
