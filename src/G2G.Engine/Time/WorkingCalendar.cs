using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace G2G.Engine.Time;

/// <summary>
/// The official Chinese working-day calendar: Monday–Friday, minus holidays, plus make-up workdays
/// (调休), plus an agency's own <see cref="DayOverride"/>s, with <see cref="OfficeHours"/> in a fixed
/// UTC offset (+08:00, China Standard Time, by default). Immutable and thread-safe; working days are
/// precomputed into one bitset per year, so lookups and day counting do not allocate.
/// </summary>
/// <remarks>Day counting lives in WorkingCalendar.Days.cs, office-time counting in WorkingCalendar.Hours.cs.</remarks>
public sealed partial class WorkingCalendar : IWorkingCalendar
{
    /// <summary>China Standard Time: UTC+08:00 all year (no daylight saving).</summary>
    public static readonly TimeSpan ChinaStandardOffset = TimeSpan.FromHours(8);

    private static readonly Lazy<WorkingCalendar> LazyChinaDefault = new(() => new(HolidayCalendarData.LoadEmbedded()));
    private readonly int _firstYear;
    private readonly ulong[]?[] _workingBits; // per year from _firstYear; bit (DayOfYear - 1) set = working day

    // Weekend-rule years of a provisional calendar, built on first use; null for a strict calendar.
    private readonly ConcurrentDictionary<int, ulong[]>? _provisionalBits;

    /// <summary>Creates a calendar over <paramref name="data"/>.</summary>
    /// <param name="data">Official schedules; dates in other years throw <see cref="CalendarYearMissingException"/>.</param>
    /// <param name="officeHours">Office periods; <see cref="Time.OfficeHours.Default"/> when null.</param>
    /// <param name="offset">UTC offset of local dates and office hours; <see cref="ChinaStandardOffset"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is not whole minutes within ±14 hours.</exception>
    public WorkingCalendar(HolidayCalendarData data, OfficeHours? officeHours = null, TimeSpan? offset = null)
        : this(data, officeHours ?? OfficeHours.Default, offset ?? ChinaStandardOffset, [], provisional: false)
    {
    }

    private WorkingCalendar(
        HolidayCalendarData data, OfficeHours officeHours, TimeSpan offset, ImmutableArray<DayOverride> overrides, bool provisional)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (offset.Ticks % TimeSpan.TicksPerMinute != 0 || offset.Duration() > TimeSpan.FromHours(14))
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "A UTC offset is whole minutes within ±14 hours.");
        Data = data;
        OfficeHours = officeHours;
        Offset = offset;
        Overrides = overrides;
        (_firstYear, _workingBits) = BuildBits(data, overrides);
        _provisionalBits = provisional ? new() : null;
    }

    /// <summary>The built-in official schedules with default office hours in China Standard Time.</summary>
    public static WorkingCalendar ChinaDefault => LazyChinaDefault.Value;

    /// <summary>The official schedules this calendar uses.</summary>
    public HolidayCalendarData Data { get; }

    /// <summary>Office periods of every working day.</summary>
    public OfficeHours OfficeHours { get; }

    /// <summary>UTC offset in which dates and office hours are local; results carry this offset.</summary>
    public TimeSpan Offset { get; }

    /// <summary>The agency's overrides, in the order given (a later one for the same date wins).</summary>
    public IReadOnlyList<DayOverride> Overrides { get; }

    /// <summary>The years with data, ascending.</summary>
    public IReadOnlyList<int> KnownYears => Data.KnownYears;

    /// <summary>True when the official schedule of <paramref name="year"/> is loaded.</summary>
    public bool HasYear(int year) => Data.HasYear(year);

    /// <summary>
    /// True when a year without a schedule is answered by the weekend rule (and the agency's overrides) instead of
    /// throwing <see cref="CalendarYearMissingException"/>; see <see cref="WithProvisionalYears"/>.
    /// </summary>
    public bool AnswersMissingYears => _provisionalBits is not null;

    /// <summary>
    /// A new calendar with <paramref name="overrides"/> added after the existing ones. Overrides never
    /// make a missing year known; they take effect for such a year once its data is loaded (<see cref="WithData"/>).
    /// </summary>
    public WorkingCalendar WithOverrides(IEnumerable<DayOverride> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        return new(Data, OfficeHours, Offset, [.. Overrides, .. overrides], AnswersMissingYears);
    }

    /// <summary>A new calendar with other office hours (e.g. one agency's summer timetable).</summary>
    public WorkingCalendar WithOfficeHours(OfficeHours officeHours)
    {
        ArgumentNullException.ThrowIfNull(officeHours);
        return new(Data, officeHours, Offset, [.. Overrides], AnswersMissingYears);
    }

    /// <summary>A new calendar over other schedules (e.g. after an administrator loaded a new year), keeping overrides.</summary>
    public WorkingCalendar WithData(HolidayCalendarData data) =>
        new(data, OfficeHours, Offset, [.. Overrides], AnswersMissingYears);

    /// <summary>
    /// A new calendar that answers a year without a schedule by the weekend rule plus the overrides, so that no
    /// deadline is ever refused for want of data; <see cref="IsProvisional"/> tells which answers may still move.
    /// </summary>
    public WorkingCalendar WithProvisionalYears() => new(Data, OfficeHours, Offset, [.. Overrides], provisional: true);

    /// <inheritdoc/>
    public bool IsProvisional(DateTimeOffset start, DateTimeOffset until)
    {
        if (_provisionalBits is null) return false;
        var (a, b) = (start.ToOffset(Offset).Year, until.ToOffset(Offset).Year);
        for (var year = Math.Min(a, b); year <= Math.Max(a, b); year++)
        {
            if (!Data.HasYear(year)) return true;
        }

        return false;
    }

    /// <inheritdoc/>
    /// <exception cref="CalendarYearMissingException">The calendar has no data for the day's year.</exception>
    public bool IsWorkingDay(DateOnly day)
    {
        var index = day.Year - _firstYear;
        if ((uint)index >= (uint)_workingBits.Length || _workingBits[index] is not { } bits)
            bits = _provisionalBits?.GetOrAdd(day.Year, WeekendRuleYear) ?? throw new CalendarYearMissingException(day.Year);
        var bit = day.DayOfYear - 1;
        return (bits[bit >> 6] & (1UL << (bit & 63))) != 0;
    }
}
