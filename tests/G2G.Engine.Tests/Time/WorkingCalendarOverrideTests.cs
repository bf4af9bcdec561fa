using G2G.Engine.Time;
using static G2G.Engine.Tests.Time.CalendarTestData;

namespace G2G.Engine.Tests.Time;

public class WorkingCalendarOverrideTests
{
    [Fact]
    public void WithOverrides_ExtraDayOff_IsSkippedAndOriginalUnchanged()
    {
        var agency = China.WithOverrides([new DayOverride(D(2026, 3, 10), false, "本市防汛停工")]);
        Assert.False(agency.IsWorkingDay(D(2026, 3, 10)));
        Assert.Equal(Cn(2026, 3, 11, 10), agency.AddWorkingDays(Cn(2026, 3, 9, 10), 1));
        Assert.True(China.IsWorkingDay(D(2026, 3, 10)));
        Assert.Equal(Cn(2026, 3, 10, 10), China.AddWorkingDays(Cn(2026, 3, 9, 10), 1));
    }

    [Fact]
    public void WithOverrides_ExtraWorkday_CountsSaturday()
    {
        var agency = China.WithOverrides([new DayOverride(D(2026, 3, 7), true)]);
        Assert.True(agency.IsWorkingDay(D(2026, 3, 7)));
        Assert.Equal(Cn(2026, 3, 7, 10), agency.AddWorkingDays(Cn(2026, 3, 6, 10), 1));
        Assert.Equal(Cn(2026, 3, 7, 9), agency.AddWorkingHours(Cn(2026, 3, 6, 17), 1m));
    }

    [Fact]
    public void WithOverrides_CanOverrideOfficialHolidayAndMakeUpDay()
    {
        var agency = China.WithOverrides([new DayOverride(D(2025, 10, 2), true), new DayOverride(D(2025, 9, 28), false)]);
        Assert.True(agency.IsWorkingDay(D(2025, 10, 2)));
        Assert.False(agency.IsWorkingDay(D(2025, 9, 28)));
    }

    [Fact]
    public void WithOverrides_LaterOverrideForSameDateWins()
    {
        var agency = China
            .WithOverrides([new DayOverride(D(2026, 3, 10), false)])
            .WithOverrides([new DayOverride(D(2026, 3, 10), true)]);
        Assert.True(agency.IsWorkingDay(D(2026, 3, 10)));
        Assert.Equal(2, agency.Overrides.Count);
    }

    [Fact]
    public void WithOverrides_InMissingYear_DoesNotMakeYearKnownButAppliesOnceLoaded()
    {
        var agency = China.WithOverrides([new DayOverride(D(2027, 1, 4), false)]);
        Assert.Throws<CalendarYearMissingException>(() => agency.IsWorkingDay(D(2027, 1, 4)));
        var y2027 = """{"year": 2027, "days": [{"name": "元旦", "date": "2027-01-01", "isOffDay": true}]}""";
        var loaded = agency.WithData(agency.Data.Merge(HolidayCalendarData.Parse(y2027)));
        Assert.False(loaded.IsWorkingDay(D(2027, 1, 4)));
        Assert.True(loaded.IsWorkingDay(D(2027, 1, 5)));
    }

    [Fact]
    public void WithOfficeHours_KeepsOverridesAndData()
    {
        var agency = China.WithOverrides([new DayOverride(D(2026, 3, 10), false)])
            .WithOfficeHours(OfficeHours.Parse("09:00-17:00"));
        Assert.False(agency.IsWorkingDay(D(2026, 3, 10)));
        Assert.Equal(Cn(2026, 3, 11, 10), agency.AddWorkingHours(Cn(2026, 3, 9, 16), 2m));
    }

    [Fact]
    public void Constructor_OtherOffset_UsesItsLocalDates()
    {
        var utcCalendar = new WorkingCalendar(HolidayCalendarData.LoadEmbedded(), offset: TimeSpan.Zero);
        // Friday 2026-03-06 20:00 UTC is Saturday in Beijing but still Friday in UTC.
        var start = new DateTimeOffset(2026, 3, 6, 20, 0, 0, TimeSpan.Zero);
        Assert.Equal(new DateTimeOffset(2026, 3, 9, 20, 0, 0, TimeSpan.Zero), utcCalendar.AddWorkingDays(start, 1));
        Assert.Equal(Cn(2026, 3, 10, 4), China.AddWorkingDays(start, 1));
    }

    [Fact]
    public void Constructor_OffsetBeyondFourteenHours_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkingCalendar(HolidayCalendarData.Empty, offset: TimeSpan.FromHours(15)));
    }

    [Fact]
    public async Task ConcurrentUse_FromManyThreads_GivesSameAnswers()
    {
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).Select(i => China.AddWorkingDays(Cn(2025, 1, 2, 9), i % 50)).ToList()));
        var results = await Task.WhenAll(tasks);
        Assert.All(results, r => Assert.Equal(results[0], r));
    }
}
