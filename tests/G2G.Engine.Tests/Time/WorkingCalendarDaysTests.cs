using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

public class WorkingCalendarDaysTests
{
    [Theory]
    [InlineData(1, 9)]   // Fri 2024-02-09
    [InlineData(2, 18)]  // Sun 2024-02-18, make-up workday
    [InlineData(3, 19)]  // Mon 2024-02-19
    public void AddWorkingDays_AcrossSpringFestival2024_SkipsHolidayAndCountsMakeUpSunday(int days, int expectedDay)
    {
        Assert.Equal(Cn(2024, 2, expectedDay, 10), China.AddWorkingDays(Cn(2024, 2, 8, 10), days));
    }

    [Fact]
    public void AddWorkingDays_AcrossSpringFestival2026_CountsMakeUpSaturdays()
    {
        Assert.Equal(Cn(2026, 2, 14, 15), China.AddWorkingDays(Cn(2026, 2, 13, 15), 1));
        Assert.Equal(Cn(2026, 2, 24, 15), China.AddWorkingDays(Cn(2026, 2, 13, 15), 2));
        Assert.Equal(Cn(2026, 2, 28, 15), China.AddWorkingDays(Cn(2026, 2, 13, 15), 6));
    }

    [Fact]
    public void AddWorkingDays_AcrossNationalDay2025_SkipsEightDaysAndCountsMakeUpSaturday()
    {
        Assert.Equal(Cn(2025, 10, 9, 9), China.AddWorkingDays(Cn(2025, 9, 30, 9), 1));
        Assert.Equal(Cn(2025, 10, 11, 9), China.AddWorkingDays(Cn(2025, 9, 30, 9), 3));
        Assert.Equal(Cn(2025, 10, 13, 9), China.AddWorkingDays(Cn(2025, 9, 30, 9), 4));
    }

    [Fact]
    public void AddWorkingDays_AcrossNewYear2026_CountsSundayJanuary4()
    {
        Assert.Equal(Cn(2026, 1, 4, 11), China.AddWorkingDays(Cn(2025, 12, 31, 11), 1));
    }

    [Fact]
    public void AddWorkingDays_FromFriday_ExcludesStartDay()
    {
        Assert.Equal(Cn(2026, 3, 9, 10), China.AddWorkingDays(Cn(2026, 3, 6, 10), 1));
        Assert.Equal(Cn(2026, 3, 20, 10), China.AddWorkingDays(Cn(2026, 3, 6, 10), 10));
    }

    [Fact]
    public void AddWorkingDays_FromSaturday_CountingBeginsAfterNextWorkingDay()
    {
        Assert.Equal(Cn(2026, 3, 10, 10), China.AddWorkingDays(Cn(2026, 3, 7, 10), 1));
    }

    [Fact]
    public void AddWorkingDays_Zero_RollsNonWorkingStartForwardAndKeepsWorkingStart()
    {
        Assert.Equal(Cn(2026, 3, 9, 10), China.AddWorkingDays(Cn(2026, 3, 7, 10), 0));
        Assert.Equal(Cn(2025, 10, 9, 22, 30), China.AddWorkingDays(Cn(2025, 10, 1, 22, 30), 0));
        Assert.Equal(Cn(2026, 3, 11, 10), China.AddWorkingDays(Cn(2026, 3, 11, 10), 0));
    }

    [Fact]
    public void AddWorkingDays_Negative_CountsBackwardsOverHolidays()
    {
        Assert.Equal(Cn(2026, 3, 9, 17), China.AddWorkingDays(Cn(2026, 3, 10, 17), -1));
        Assert.Equal(Cn(2025, 9, 30, 17), China.AddWorkingDays(Cn(2025, 10, 9, 17), -1));
        Assert.Equal(Cn(2025, 9, 29, 17), China.AddWorkingDays(Cn(2025, 10, 9, 17), -2));
        Assert.Equal(Cn(2025, 9, 28, 17), China.AddWorkingDays(Cn(2025, 10, 9, 17), -3));
    }

    [Fact]
    public void AddWorkingDays_NegativeFromSunday_IsWorkingDayStrictlyBefore()
    {
        Assert.Equal(Cn(2026, 3, 6, 17), China.AddWorkingDays(Cn(2026, 3, 8, 17), -1));
    }

    [Fact]
    public void AddWorkingDays_ThenNegative_ReturnsToWorkingStart()
    {
        var start = Cn(2024, 2, 8, 10);
        Assert.Equal(start, China.AddWorkingDays(China.AddWorkingDays(start, 15), -15));
    }

    [Fact]
    public void AddWorkingDays_UtcInput_UsesChinaLocalDateAndReturnsChinaOffset()
    {
        // 2026-03-06T20:00Z is Saturday 04:00 in Beijing.
        var result = China.AddWorkingDays(new DateTimeOffset(2026, 3, 6, 20, 0, 0, TimeSpan.Zero), 1);
        Assert.Equal(Cn(2026, 3, 10, 4), result);
        Assert.Equal(Cst, result.Offset);
    }

    [Fact]
    public void AddWorkingDays_IntoYearWithoutData_ThrowsCalendarYearMissing()
    {
        var ex = Assert.Throws<CalendarYearMissingException>(() => China.AddWorkingDays(Cn(2026, 12, 30, 9), 5));
        Assert.Equal(2027, ex.Year);
        Assert.Equal(2022, Assert.Throws<CalendarYearMissingException>(() => China.AddWorkingDays(Cn(2023, 1, 3, 9), -2)).Year);
    }

    [Fact]
    public void AddWorkingDays_TwentyDays_DoesNotAllocate()
    {
        var start = Cn(2025, 9, 15, 9);
        China.AddWorkingDays(start, 20);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = China.AddWorkingDays(start, 20);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal(Cn(2025, 10, 17, 9), result); // via make-up 09-28 and 10-11
    }

    [Fact]
    public void NextWorkingDayOnOrAfter_SkipsHolidayWeek()
    {
        Assert.Equal(D(2025, 10, 9), China.NextWorkingDayOnOrAfter(D(2025, 10, 1)));
        Assert.Equal(D(2025, 10, 9), China.NextWorkingDayOnOrAfter(D(2025, 10, 9)));
    }
}
