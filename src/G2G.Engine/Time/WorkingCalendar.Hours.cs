namespace G2G.Engine.Time;

public sealed partial class WorkingCalendar
{
    /// <summary>
    /// The instant after <paramref name="hours"/> of office time counted from <paramref name="start"/>,
    /// in this calendar's offset. Only <see cref="OfficeHours"/> on working days count; a start outside
    /// them begins at the next office period (so 0 hours rolls the start forward into office time). A
    /// result that exactly fills a period is that period's end (3.5 hours from 08:30 is 12:00, not 14:00).
    /// Negative hours count backwards through office time. Hours are rounded to 100 ns ticks.
    /// </summary>
    /// <exception cref="CalendarYearMissingException">Counting reaches a year without data.</exception>
    /// <exception cref="OverflowException"><paramref name="hours"/> is too large to count.</exception>
    public DateTimeOffset AddWorkingHours(DateTimeOffset start, decimal hours)
    {
        var ticks = (long)decimal.Round(hours * TimeSpan.TicksPerHour, MidpointRounding.AwayFromZero);
        var local = start.ToOffset(Offset);
        var date = DateOnly.FromDateTime(local.DateTime);
        var timeOfDay = local.TimeOfDay.Ticks;
        return ticks >= 0 ? Forward(date, timeOfDay, ticks) : Backward(date, timeOfDay, -ticks);
    }

    private DateTimeOffset Forward(DateOnly date, long timeOfDay, long remaining)
    {
        var periods = OfficeHours.PeriodArray;
        var daily = OfficeHours.DailyTotal.Ticks;
        while (true)
        {
            if (IsWorkingDay(date))
            {
                if (timeOfDay == 0 && remaining > daily)
                {
                    // A whole working day fits: skip it without walking its periods.
                    remaining -= daily;
                }
                else
                {
                    for (var i = 0; i < periods.Length; i++)
                    {
                        long from = Math.Max(timeOfDay, periods[i].Start.Ticks), to = periods[i].End.Ticks;
                        if (from >= to) continue;
                        if (remaining <= to - from) return At(date, from + remaining);
                        remaining -= to - from;
                    }
                }
            }

            date = date.AddDays(1);
            timeOfDay = 0;
        }
    }

    private DateTimeOffset Backward(DateOnly date, long timeOfDay, long remaining)
    {
        var periods = OfficeHours.PeriodArray;
        var daily = OfficeHours.DailyTotal.Ticks;
        while (true)
        {
            if (IsWorkingDay(date))
            {
                if (timeOfDay == TimeSpan.TicksPerDay && remaining > daily)
                {
                    remaining -= daily;
                }
                else
                {
                    for (var i = periods.Length - 1; i >= 0; i--)
                    {
                        long from = periods[i].Start.Ticks, to = Math.Min(timeOfDay, periods[i].End.Ticks);
                        if (to <= from) continue;
                        if (remaining <= to - from) return At(date, to - remaining);
                        remaining -= to - from;
                    }
                }
            }

            date = date.AddDays(-1);
            timeOfDay = TimeSpan.TicksPerDay;
        }
    }
}
