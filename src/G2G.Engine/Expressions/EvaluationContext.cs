using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

/// <summary>
/// What an evaluation may know about the world: the current instant, the office's UTC offset,
/// the working calendar and the limits. Immutable; build one and reuse it across evaluations.
/// </summary>
public sealed class EvaluationContext
{
    private readonly TimeSpan _offset = TimeSpan.FromHours(8);
    private readonly ExpressionLimits _limits = ExpressionLimits.Default;

    /// <summary>The instant <c>now()</c> returns; the engine never reads the clock itself.</summary>
    public DateTimeOffset Now { get; init; }

    /// <summary>
    /// The office's UTC offset (default +08:00, China Standard Time). Date-only values such as
    /// <c>@2026-11-22</c> and <c>today()</c> are midnight at this offset, and calendar functions
    /// (<c>year</c>, <c>weekday</c>, <c>isWorkingDay</c>, <c>daysBetween</c>, ...) look at dates in it.
    /// </summary>
    public TimeSpan Offset
    {
        get => _offset;
        init
        {
            if (value.Ticks % TimeSpan.TicksPerMinute != 0 || value > TimeSpan.FromHours(14) || value < TimeSpan.FromHours(-14))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "An offset must be whole minutes between -14:00 and +14:00.");
            }
            _offset = value;
        }
    }

    /// <summary>Working days and hours for <c>addWorkingDays</c>, <c>addWorkingHours</c> and <c>isWorkingDay</c>; optional.</summary>
    public IWorkingCalendar? Calendar { get; init; }

    /// <summary>Evaluation limits; <see cref="ExpressionLimits.Default"/> unless set.</summary>
    public ExpressionLimits Limits
    {
        get => _limits;
        init => _limits = value ?? throw new ArgumentNullException(nameof(value));
    }
}
