using System.Collections.Immutable;

namespace G2G.Engine.Time;

public sealed partial class WorkingCalendar
{
    /// <summary>One 366-bit set per known year: weekday rule, then official days, then agency overrides.</summary>
    private static (int FirstYear, ulong[]?[] Bits) BuildBits(HolidayCalendarData data, ImmutableArray<DayOverride> overrides)
    {
        var years = data.KnownYears;
        if (years.Count == 0) return (0, []);
        var first = years[0];
        var all = new ulong[]?[years[^1] - first + 1];
        foreach (var year in years)
            all[year - first] = WeekdayBits(year);

        // A notice may also fix a neighbouring year's day (2023's lists 2022-12-31); the file of the
        // day's own year is applied last so that it wins if the two ever disagree.
        foreach (var year in data.Years)
            Apply(all, first, year.Days.Where(d => d.Date.Year != year.Year));
        foreach (var year in data.Years)
            Apply(all, first, year.Days.Where(d => d.Date.Year == year.Year));

        foreach (var o in overrides)
        {
            if (Lookup(all, first, o.Date) is { } bits) Set(bits, o.Date.DayOfYear - 1, o.IsWorkingDay);
        }

        return (first, all);
    }

    /// <summary>A year without a schedule: Monday to Friday, then this calendar's overrides of that year.</summary>
    private ulong[] WeekendRuleYear(int year)
    {
        var bits = WeekdayBits(year);
        foreach (var o in Overrides)
        {
            if (o.Date.Year == year) Set(bits, o.Date.DayOfYear - 1, o.IsWorkingDay);
        }

        return bits;
    }

    private static ulong[] WeekdayBits(int year)
    {
        var bits = new ulong[6];
        var day = new DateOnly(year, 1, 1);
        for (var i = 0; day.Year == year; i++, day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) Set(bits, i, true);
            if (day == DateOnly.MaxValue) break;
        }

        return bits;
    }

    private static void Apply(ulong[]?[] all, int first, IEnumerable<HolidayDay> days)
    {
        foreach (var day in days)
        {
            if (Lookup(all, first, day.Date) is { } bits) Set(bits, day.Date.DayOfYear - 1, !day.IsOffDay);
        }
    }

    private static ulong[]? Lookup(ulong[]?[] all, int first, DateOnly date)
    {
        var index = date.Year - first;
        return (uint)index < (uint)all.Length ? all[index] : null;
    }

    private static void Set(ulong[] bits, int bit, bool value)
    {
        if (value) bits[bit >> 6] |= 1UL << (bit & 63);
        else bits[bit >> 6] &= ~(1UL << (bit & 63));
    }
}
