using System.Globalization;

namespace G2G.Engine.Time;

/// <summary>How a <see cref="DeadlineSpec"/> measures time.</summary>
public enum DeadlineKind
{
    /// <summary>Calendar time, an ISO 8601 duration (<c>P3D</c>, <c>PT4H</c>).</summary>
    CalendarTime,

    /// <summary>Working days of the calendar (<c>3wd</c>).</summary>
    WorkingDays,

    /// <summary>Office hours of the calendar (<c>4wh</c>, <c>1.5wh</c>).</summary>
    WorkingHours,
}

/// <summary>
/// A due date or reminder offset of the G2G BPMN extensions: calendar time (<c>P3D</c>) or working time
/// (<c>3wd</c>, <c>1.5wh</c>), possibly negative (<c>-1wd</c>, "remind one working day before"). Immutable;
/// equal specs compare equal; <see cref="ToString"/> round-trips through <see cref="Parse"/>.
/// </summary>
public sealed partial record DeadlineSpec
{
    private DeadlineSpec(DeadlineKind kind, IsoDuration duration, int workingDays, decimal workingHours)
    {
        Kind = kind;
        Duration = duration;
        WorkingDays = workingDays;
        WorkingHours = workingHours;
    }

    /// <summary>How the spec measures time.</summary>
    public DeadlineKind Kind { get; }

    /// <summary>The duration of a <see cref="DeadlineKind.CalendarTime"/> spec (zero otherwise).</summary>
    public IsoDuration Duration { get; }

    /// <summary>The days of a <see cref="DeadlineKind.WorkingDays"/> spec (zero otherwise).</summary>
    public int WorkingDays { get; }

    /// <summary>The hours of a <see cref="DeadlineKind.WorkingHours"/> spec (zero otherwise).</summary>
    public decimal WorkingHours { get; }

    /// <summary>A calendar-time spec.</summary>
    public static DeadlineSpec FromDuration(IsoDuration duration) => new(DeadlineKind.CalendarTime, duration, 0, 0m);

    /// <summary>A working-days spec.</summary>
    public static DeadlineSpec FromWorkingDays(int days) => new(DeadlineKind.WorkingDays, default, days, 0m);

    /// <summary>A working-hours spec.</summary>
    public static DeadlineSpec FromWorkingHours(decimal hours) => new(DeadlineKind.WorkingHours, default, 0, hours);

    /// <summary>
    /// The due instant counted from <paramref name="start"/>: calendar time via <see cref="IsoDuration.AddTo"/>,
    /// working time via <see cref="IWorkingCalendar.AddWorkingDays"/> / <see cref="IWorkingCalendar.AddWorkingHours"/>.
    /// </summary>
    /// <exception cref="CalendarYearMissingException">The calendar has no data for a year the count reaches.</exception>
    public DateTimeOffset DueFrom(DateTimeOffset start, IWorkingCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return Kind switch
        {
            DeadlineKind.WorkingDays => calendar.AddWorkingDays(start, WorkingDays),
            DeadlineKind.WorkingHours => calendar.AddWorkingHours(start, WorkingHours),
            _ => Duration.AddTo(start),
        };
    }

    /// <summary>The opposite offset, e.g. <c>-1wd</c> from <c>1wd</c>, for "remind before due".</summary>
    /// <exception cref="OverflowException">The spec is <see cref="int.MinValue"/> working days.</exception>
    public DeadlineSpec Negate() => Kind switch
    {
        DeadlineKind.WorkingDays => FromWorkingDays(checked(-WorkingDays)),
        DeadlineKind.WorkingHours => FromWorkingHours(-WorkingHours),
        _ => FromDuration(Duration.Negate()),
    };

    /// <summary>The canonical text: <c>P3D</c>, <c>-PT4H</c>, <c>3wd</c>, <c>-1.5wh</c>.</summary>
    public override string ToString() => Kind switch
    {
        DeadlineKind.WorkingDays => WorkingDays.ToString(CultureInfo.InvariantCulture) + "wd",
        DeadlineKind.WorkingHours => WorkingHours.ToString("0.############################", CultureInfo.InvariantCulture) + "wh",
        _ => Duration.ToString(),
    };
}
