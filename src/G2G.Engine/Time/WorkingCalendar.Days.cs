namespace G2G.Engine.Time;

public sealed partial class WorkingCalendar
{
    /// <summary>
    /// The instant <paramref name="days"/> working days after <paramref name="start"/>, at the same local
    /// time of day, in this calendar's offset.
    /// </summary>
    /// <remarks>
    /// Start-day rule: a start on a non-working day counts as received on the next working day (at the same
    /// time), as for matters filed during a holiday. The start day itself is never counted, as in statutory
    /// periods: from Friday 10:00, 1 working day is Monday 10:00; from Saturday 10:00 it is Tuesday 10:00.
    /// <paramref name="days"/> = 0 returns the start rolled forward to a working day.
    /// Negative <paramref name="days"/> count backwards from the start date, again excluding it: the
    /// |days|-th working day strictly before it (−1 from a Sunday is the Friday before).
    /// </remarks>
    /// <exception cref="CalendarYearMissingException">Counting reaches a year without data.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var local = start.ToOffset(Offset);
        var date = DateOnly.FromDateTime(local.DateTime);
        if (days >= 0)
        {
            while (!IsWorkingDay(date)) date = date.AddDays(1);
            for (var remaining = days; remaining > 0;)
            {
                date = date.AddDays(1);
                if (IsWorkingDay(date)) remaining--;
            }
        }
        else
        {
            for (var remaining = -(long)days; remaining > 0;)
            {
                date = date.AddDays(-1);
                if (IsWorkingDay(date)) remaining--;
            }
        }

        return At(date, local.TimeOfDay.Ticks);
    }

    /// <summary>The working day on or after <paramref name="day"/>.</summary>
    /// <exception cref="CalendarYearMissingException">The search reaches a year without data.</exception>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly day)
    {
        while (!IsWorkingDay(day)) day = day.AddDays(1);
        return day;
    }

    /// <summary>Counts the working days in <paramref name="from"/> (exclusive) to <paramref name="to"/> (inclusive); negative when <paramref name="to"/> is earlier.</summary>
    /// <exception cref="CalendarYearMissingException">The range crosses a year without data.</exception>
    public int CountWorkingDays(DateOnly from, DateOnly to)
    {
        var sign = to >= from ? 1 : -1;
        var (low, high) = sign > 0 ? (from, to) : (to, from);
        var count = 0;
        for (var day = low.AddDays(1); day <= high; day = day.AddDays(1))
        {
            if (IsWorkingDay(day)) count++;
        }

        return sign * count;
    }

    private DateTimeOffset At(DateOnly date, long timeOfDayTicks) =>
        new(date.ToDateTime(TimeOnly.MinValue).AddTicks(timeOfDayTicks), Offset);
}
