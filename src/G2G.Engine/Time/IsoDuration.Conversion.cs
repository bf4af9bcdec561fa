namespace G2G.Engine.Time;

public readonly partial record struct IsoDuration
{
    /// <summary>
    /// The exact length as a <see cref="TimeSpan"/> (a week is 7 days, a day 24 hours), or null when the
    /// duration has years or months, whose length depends on the date. Seconds are rounded to 100 ns ticks.
    /// </summary>
    /// <exception cref="OverflowException">The length exceeds <see cref="TimeSpan.MaxValue"/>.</exception>
    public TimeSpan? ToExactTimeSpan()
    {
        if (HasCalendarPart) return null;
        return TimeSpan.FromTicks(SignedDayTimeTicks());
    }

    /// <summary>
    /// The duration of <paramref name="value"/> as days, hours, minutes and (fractional) seconds,
    /// e.g. 1 day 2.5 hours is <c>P1DT2H30M</c>.
    /// </summary>
    public static IsoDuration FromTimeSpan(TimeSpan value)
    {
        // Unsigned magnitude so that TimeSpan.MinValue does not overflow.
        var ticks = value.Ticks < 0 ? (ulong)(-(value.Ticks + 1)) + 1 : (ulong)value.Ticks;
        var days = ticks / TimeSpan.TicksPerDay;
        var rest = ticks % TimeSpan.TicksPerDay;
        var hours = rest / TimeSpan.TicksPerHour;
        rest %= TimeSpan.TicksPerHour;
        var minutes = rest / TimeSpan.TicksPerMinute;
        rest %= TimeSpan.TicksPerMinute;
        return new IsoDuration(0, 0, 0, (int)days, (int)hours, (int)minutes,
            rest / (decimal)TimeSpan.TicksPerSecond, value.Ticks < 0);
    }

    /// <summary>Weeks, days and time of day as signed ticks (a day is 24 hours).</summary>
    /// <exception cref="OverflowException">The length exceeds the tick range.</exception>
    private long SignedDayTimeTicks()
    {
        // Decimal holds every int component times ticks-per-day exactly; only the final value must fit a long.
        var ticks = ((((Weeks * 7m) + Days) * TimeSpan.TicksPerDay) + (Hours * (decimal)TimeSpan.TicksPerHour)
            + (Minutes * (decimal)TimeSpan.TicksPerMinute)
            + decimal.Round(Seconds * TimeSpan.TicksPerSecond, MidpointRounding.AwayFromZero));
        return (long)(Negative ? -ticks : ticks);
    }
}
