using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

/// <summary>The built-in data against the official State Council schedules.</summary>
public class WorkingCalendarFactsTests
{
    [Fact]
    public void KnownYears_AreThePublishedYears2023To2026()
    {
        Assert.Equal([2023, 2024, 2025, 2026], China.KnownYears);
        Assert.True(China.HasYear(2024));
        Assert.False(China.HasYear(2027));
        Assert.False(China.HasYear(2022));
    }

    [Theory]
    [InlineData(2024, 2, 4)]   // Sunday before Spring Festival
    [InlineData(2024, 2, 18)]  // Sunday after Spring Festival
    [InlineData(2024, 10, 12)] // Saturday after National Day
    [InlineData(2025, 1, 26)]
    [InlineData(2025, 9, 28)]  // Sunday before National Day + Mid-Autumn
    [InlineData(2025, 10, 11)] // Saturday after
    [InlineData(2026, 1, 4)]
    [InlineData(2026, 2, 14)]
    [InlineData(2026, 2, 28)]
    [InlineData(2026, 5, 9)]
    [InlineData(2026, 9, 20)]
    [InlineData(2026, 10, 10)]
    [InlineData(2023, 1, 28)]
    public void IsWorkingDay_MakeUpWeekendDay_IsWorking(int y, int m, int d)
    {
        Assert.True(D(y, m, d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        Assert.True(China.IsWorkingDay(D(y, m, d)));
    }

    [Fact]
    public void IsWorkingDay_NationalDayAndMidAutumn2025_AllEightDaysOff()
    {
        for (var day = 1; day <= 8; day++) Assert.False(China.IsWorkingDay(D(2025, 10, day)), $"2025-10-{day:00}");
        Assert.True(China.IsWorkingDay(D(2025, 9, 30)));
        Assert.True(China.IsWorkingDay(D(2025, 10, 9)));
    }

    [Fact]
    public void IsWorkingDay_SpringFestival2024_TenTueToSatOff()
    {
        for (var day = 10; day <= 17; day++) Assert.False(China.IsWorkingDay(D(2024, 2, day)), $"2024-02-{day}");
        Assert.True(China.IsWorkingDay(D(2024, 2, 9)));
    }

    [Fact]
    public void IsWorkingDay_SpringFestival2026_FifteenthToTwentyThirdOff()
    {
        for (var day = 15; day <= 23; day++) Assert.False(China.IsWorkingDay(D(2026, 2, day)), $"2026-02-{day}");
        Assert.True(China.IsWorkingDay(D(2026, 2, 24)));
    }

    [Fact]
    public void IsWorkingDay_OrdinaryWeek_FollowsWeekendRule()
    {
        Assert.True(China.IsWorkingDay(D(2026, 3, 9)));   // Monday
        Assert.True(China.IsWorkingDay(D(2026, 3, 13)));  // Friday
        Assert.False(China.IsWorkingDay(D(2026, 3, 14))); // Saturday
        Assert.False(China.IsWorkingDay(D(2026, 3, 15))); // Sunday
    }

    [Fact]
    public void IsWorkingDay_LabourDay2024_HolidayOnWeekdaysAndMakeUpSaturday()
    {
        Assert.False(China.IsWorkingDay(D(2024, 5, 1)));
        Assert.False(China.IsWorkingDay(D(2024, 5, 3)));
        Assert.True(China.IsWorkingDay(D(2024, 4, 28)));
        Assert.True(China.IsWorkingDay(D(2024, 5, 11)));
    }

    [Fact]
    public void IsWorkingDay_YearWithoutData_ThrowsWithYearInMessage()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => China.IsWorkingDay(D(2027, 3, 1)));
        Assert.Equal(2027, ex.Year);
        Assert.Contains("2027", ex.Message);
    }

    [Fact]
    public void IsWorkingDay_DayListedByNextYearsNotice_StillThrowsForMissingYear()
    {
        // The 2023 notice lists 2022-12-31, but 2022 as a whole is unknown.
        Assert.Equal(2022, Assert.Throws<CalendarYearMissingException>(() => China.IsWorkingDay(D(2022, 12, 31))).Year);
        Assert.Equal(2022, Assert.Throws<CalendarYearMissingException>(() => China.IsWorkingDay(D(2022, 6, 1))).Year);
    }

    [Fact]
    public void EmbeddedData_KeepsStateCouncilNoticesAndMakeUpDays2026()
    {
        var year = HolidayCalendarData.LoadEmbedded().GetYear(2026)!;
        Assert.Equal(["https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"], year.Papers);
        Assert.Equal(
            [D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)],
            year.Days.Where(d => !d.IsOffDay).Select(d => d.Date));
        Assert.Contains(year.Days, d => d.Date == D(2026, 2, 17) && d.Name == "春节" && d.IsOffDay);
        Assert.All(HolidayCalendarData.LoadEmbedded().Years, y => Assert.NotEmpty(y.Papers));
    }

    [Fact]
    public void CountWorkingDays_Year2025_Is248()
    {
        // 261 weekdays − 18 holiday weekdays + 5 make-up days, the figure reported when the notice came out.
        Assert.Equal(248, China.CountWorkingDays(D(2024, 12, 31), D(2025, 12, 31)));
        Assert.Equal(-248, China.CountWorkingDays(D(2025, 12, 31), D(2024, 12, 31)));
    }
}
