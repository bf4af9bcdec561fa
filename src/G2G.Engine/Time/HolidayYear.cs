namespace G2G.Engine.Time;

/// <summary>One dated entry of an official schedule: a holiday (<see cref="IsOffDay"/>) or a make-up workday (调休).</summary>
/// <param name="Date">The day.</param>
/// <param name="Name">The holiday it belongs to, e.g. 春节.</param>
/// <param name="IsOffDay">True for a day off; false for a Saturday or Sunday that is worked.</param>
public readonly record struct HolidayDay(DateOnly Date, string Name, bool IsOffDay);

/// <summary>
/// The official schedule of one year: the notices it comes from and the days that differ from the
/// Monday–Friday rule. A year that is present is fully defined: every day not listed follows the weekend rule.
/// </summary>
public sealed class HolidayYear
{
    /// <summary>Creates a year; <paramref name="days"/> may include adjacent-year days a notice also fixes (e.g. 31 December).</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is outside 1–9999.</exception>
    public HolidayYear(int year, IEnumerable<string> papers, IEnumerable<HolidayDay> days)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentNullException.ThrowIfNull(papers);
        ArgumentNullException.ThrowIfNull(days);
        Year = year;
        Papers = [.. papers];
        Days = [.. days.OrderBy(d => d.Date)];
    }

    /// <summary>The calendar year this schedule defines.</summary>
    public int Year { get; }

    /// <summary>Source notices (State Council URLs in the built-in files).</summary>
    public IReadOnlyList<string> Papers { get; }

    /// <summary>The listed days, in date order.</summary>
    public IReadOnlyList<HolidayDay> Days { get; }
}
