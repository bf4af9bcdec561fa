namespace G2G.Engine.Time;

/// <summary>Which BPMN timer definition a <see cref="TimerSchedule"/> came from.</summary>
public enum TimerKind
{
    /// <summary><c>timeDate</c>: once, at an instant.</summary>
    Date,

    /// <summary><c>timeDuration</c>: once, a duration after the timer is armed.</summary>
    Duration,

    /// <summary><c>timeCycle</c>: repeatedly, per an ISO 8601 repeating interval.</summary>
    Cycle,
}

/// <summary>
/// A parsed BPMN <c>timerEventDefinition</c>: <see cref="Date"/> (<c>timeDate</c>),
/// <see cref="Duration"/> (<c>timeDuration</c>) or <see cref="Cycle"/> (<c>timeCycle</c>). Text is
/// trimmed first, because it usually comes from XML element content. Immutable.
/// </summary>
public sealed class TimerSchedule
{
    private TimerSchedule(TimerKind kind, DateTimeOffset? at, IsoDuration? duration, IsoRepeatingInterval? cycle)
    {
        Kind = kind;
        At = at;
        Delay = duration;
        Interval = cycle;
    }

    /// <summary>The kind of definition.</summary>
    public TimerKind Kind { get; }

    /// <summary>The instant of a <see cref="TimerKind.Date"/> timer.</summary>
    public DateTimeOffset? At { get; }

    /// <summary>The delay of a <see cref="TimerKind.Duration"/> timer.</summary>
    public IsoDuration? Delay { get; }

    /// <summary>The interval of a <see cref="TimerKind.Cycle"/> timer.</summary>
    public IsoRepeatingInterval? Interval { get; }

    /// <summary>True for cycles, which may fire more than once.</summary>
    public bool IsRepeating => Kind == TimerKind.Cycle;

    /// <summary>A <c>timeDate</c>, e.g. <c>2026-12-01T09:00:00+08:00</c>; without an offset it is read in <paramref name="defaultOffset"/> (+08:00 when null).</summary>
    /// <exception cref="FormatException">Not an ISO 8601 date-time; the message gives the position and the text.</exception>
    public static TimerSchedule Date(string iso, TimeSpan? defaultOffset = null)
    {
        var text = Trimmed(iso);
        var error = IsoDateTime.TryParse(text, 0, text.Length, defaultOffset ?? WorkingCalendar.ChinaStandardOffset, "timer date", out var at);
        return error is null ? new TimerSchedule(TimerKind.Date, at, null, null) : throw new FormatException(error);
    }

    /// <summary>A <c>timeDuration</c>, e.g. <c>PT4H</c>; it must not be negative.</summary>
    /// <exception cref="FormatException">Not a non-negative ISO 8601 duration.</exception>
    public static TimerSchedule Duration(string iso)
    {
        var text = Trimmed(iso);
        IsoDuration delay = default;
        var error = text.Length == 0
            ? "Invalid timer duration \"\": the text is empty (write e.g. PT4H)."
            : IsoDuration.TryParseCore(text, 0, text.Length, "timer duration", out delay);
        if (error is null && delay.Negative) error = $"Invalid timer duration \"{text}\" at position 1: a timer cannot wait a negative time.";
        return error is null ? new TimerSchedule(TimerKind.Duration, null, delay, null) : throw new FormatException(error);
    }

    /// <summary>A <c>timeCycle</c>, e.g. <c>R3/PT4H</c> or <c>R/2026-12-01T09:00/P1D</c> (see <see cref="IsoRepeatingInterval"/>).</summary>
    /// <exception cref="FormatException">Not a repeating interval (cron expressions are not supported).</exception>
    public static TimerSchedule Cycle(string iso, TimeSpan? defaultOffset = null)
    {
        var text = Trimmed(iso);
        IsoRepeatingInterval? cycle = null;
        var error = text.Contains(' ', StringComparison.Ordinal) && !text.StartsWith('R')
            ? $"Invalid timer cycle \"{text}\": cron expressions are not supported; write an ISO 8601 repeating interval such as R/P1D."
            : IsoRepeatingInterval.TryParseCore(text, defaultOffset ?? WorkingCalendar.ChinaStandardOffset, out cycle, "timer cycle");
        return error is null ? new TimerSchedule(TimerKind.Cycle, null, null, cycle) : throw new FormatException(error);
    }

    /// <summary>
    /// When the timer is next due, given when it was armed and how often it has fired; null when it is done.
    /// A date fires once at its instant (even if that has passed), a duration once at armedAt + duration,
    /// a cycle per <see cref="IsoRepeatingInterval.Next"/>.
    /// </summary>
    public DateTimeOffset? NextDue(DateTimeOffset armedAt, int firedCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firedCount);
        return Kind switch
        {
            TimerKind.Date => firedCount == 0 ? At : null,
            TimerKind.Duration => firedCount == 0 ? Delay!.Value.AddTo(armedAt) : null,
            _ => Interval!.Next(armedAt, firedCount),
        };
    }

    /// <summary>The canonical text of the definition (date with offset, duration, or interval).</summary>
    public override string ToString() => Kind switch
    {
        TimerKind.Date => IsoDateTime.Format(At!.Value),
        TimerKind.Duration => Delay!.Value.ToString(),
        _ => Interval!.ToString(),
    };

    private static string Trimmed(string iso)
    {
        ArgumentNullException.ThrowIfNull(iso);
        return iso.Trim();
    }
}
