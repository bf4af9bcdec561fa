using System.Globalization;

namespace G2G.Engine.Time;

/// <summary>
/// An ISO 8601 repeating interval as used by BPMN <c>timeCycle</c>: <c>R3/PT4H</c>, <c>R/PT1H</c>
/// (unbounded), <c>R5/2026-12-01T09:00:00+08:00/P1D</c> (with a start), or
/// <c>R2/2026-01-01T00:00Z/2026-01-02T00:00Z</c> (start and end, whose difference is the period).
/// </summary>
/// <remarks>
/// Without a start, occurrences are anchor + 1×period, anchor + 2×period, … (the anchor is when the
/// timer was armed). With a start, occurrences are start + 0×period, start + 1×period, …; those before
/// the anchor are missed and still count towards the repetitions (a timer armed late does not catch up).
/// Multiples are computed from the anchor or start each time, so P1M from 31 January gives 28/29 February
/// and then 31 March, without drifting.
/// </remarks>
public sealed partial class IsoRepeatingInterval
{
    private IsoRepeatingInterval(int? repetitions, DateTimeOffset? start, IsoDuration period)
    {
        Repetitions = repetitions;
        Start = start;
        Period = period;
    }

    /// <summary>How many times it fires, or null when unbounded (<c>R/…</c>).</summary>
    public int? Repetitions { get; }

    /// <summary>The first occurrence, when given.</summary>
    public DateTimeOffset? Start { get; }

    /// <summary>The positive time between occurrences.</summary>
    public IsoDuration Period { get; }

    /// <summary>True for <c>R/…</c>.</summary>
    public bool IsUnbounded => Repetitions is null;

    /// <summary>
    /// The next due instant after <paramref name="alreadyFired"/> firings of a timer armed at
    /// <paramref name="anchor"/>, or null when the repetitions are exhausted (or the instant would be
    /// beyond <see cref="DateTimeOffset.MaxValue"/>).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alreadyFired"/> is negative.</exception>
    public DateTimeOffset? Next(DateTimeOffset anchor, int alreadyFired)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(alreadyFired);
        var index = Start is { } start ? FirstIndexAtOrAfter(start, anchor) + alreadyFired : alreadyFired + 1L;
        var limit = Repetitions is { } n ? (Start is null ? n : n - 1L) : long.MaxValue;
        return index > limit ? null : Occurrence(Start ?? anchor, index);
    }

    /// <summary>Canonical text: <c>R3/PT4H</c>, <c>R/2026-12-01T09:00:00+08:00/P1D</c> (a start/end pair is written start/period).</summary>
    public override string ToString()
    {
        var count = Repetitions?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
        return Start is { } start
            ? $"R{count}/{IsoDateTime.Format(start)}/{Period}"
            : $"R{count}/{Period}";
    }

    /// <summary><paramref name="origin"/> + <paramref name="index"/>×period, or null beyond the representable range.</summary>
    private DateTimeOffset? Occurrence(DateTimeOffset origin, long index)
    {
        try
        {
            if (Period.ToExactTimeSpan() is { } step)
                return origin.AddTicks(checked(step.Ticks * index));
            return index > int.MaxValue ? null : Period.Multiply((int)index).AddTo(origin);
        }
        catch (Exception ex) when (ex is OverflowException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private long FirstIndexAtOrAfter(DateTimeOffset start, DateTimeOffset anchor)
    {
        if (anchor <= start) return 0;
        if (Period.ToExactTimeSpan() is { } step)
        {
            var elapsed = (anchor - start).Ticks;
            return (elapsed / step.Ticks) + (elapsed % step.Ticks == 0 ? 0 : 1);
        }

        // Calendar periods vary in length: estimate with average month and year lengths, then walk.
        var averageDays = (Period.Years * 365.2425) + (Period.Months * 30.436875) + (Period.Weeks * 7) + Period.Days
            + ((double)Period.Hours / 24) + ((double)Period.Minutes / 1440) + ((double)Period.Seconds / 86400);
        var index = Math.Max(0L, (long)((anchor - start).TotalDays / averageDays) - 1);
        while (index > 0 && Occurrence(start, index - 1) is { } previous && previous >= anchor) index--;
        while (Occurrence(start, index) is { } at && at < anchor) index++;
        return index;
    }
}
