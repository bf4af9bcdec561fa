namespace G2G.Engine.Time;

/// <summary>
/// Working days and office hours of one agency: weekends, official holidays and make-up workdays.
/// A strict calendar throws <see cref="CalendarYearMissingException"/> for a year it has no data for; a provisional
/// one answers such a year by the weekend rule and says so through <see cref="IsProvisional"/>.
/// </summary>
public interface IWorkingCalendar
{
    /// <summary>True when <paramref name="day"/> is a working day (make-up Saturdays included).</summary>
    bool IsWorkingDay(DateOnly day);

    /// <summary>The instant <paramref name="days"/> working days after <paramref name="start"/>, at the same time of day.</summary>
    DateTimeOffset AddWorkingDays(DateTimeOffset start, int days);

    /// <summary>The instant after <paramref name="hours"/> of office time counted from <paramref name="start"/>.</summary>
    DateTimeOffset AddWorkingHours(DateTimeOffset start, decimal hours);

    /// <summary>
    /// True when a day from <paramref name="start"/> to <paramref name="until"/> (either order) lies in a year answered by
    /// the weekend rule only because its official schedule is not loaded, so a deadline counted over it may move.
    /// </summary>
    bool IsProvisional(DateTimeOffset start, DateTimeOffset until) => false;
}

/// <summary>A date was asked for in a year for which the calendar holds no holiday data.</summary>
public sealed class CalendarYearMissingException(int year)
    : InvalidOperationException($"The working-day calendar has no holiday data for {year}; load that year's calendar before scheduling into it.")
{
    public int Year { get; } = year;
}
