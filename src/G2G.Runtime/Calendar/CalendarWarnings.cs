using System.Globalization;
using G2G.Engine.Time;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Calendar;

/// <summary>A year administrators should load, and why.</summary>
/// <param name="Code"><c>calendar.year-missing</c> (this year: deadlines are provisional now) or
/// <c>calendar.next-year-missing</c> (next year, from <see cref="CalendarOptions.WarnFromMonth"/>).</param>
/// <param name="ProvisionalTasks">Open tasks whose deadline waits for a missing year.</param>
public sealed record CalendarWarning(int Year, string Code, string Message, int ProvisionalTasks);

/// <summary>Which years of holidays the installation misses, seen from today in China Standard Time.</summary>
public sealed class CalendarWarnings(G2GDbContext db, CalendarProvider calendars, TimeProvider clock, IOptions<CalendarOptions> options)
{
    public const string YearMissing = "calendar.year-missing", NextYearMissing = "calendar.next-year-missing";

    public async Task<IReadOnlyList<CalendarWarning>> ListAsync(CancellationToken cancellationToken)
    {
        var data = await calendars.DataAsync(db, cancellationToken).ConfigureAwait(false);
        var today = clock.GetUtcNow().ToOffset(WorkingCalendar.ChinaStandardOffset);
        var missing = new List<(int Year, string Code)>();
        if (!data.HasYear(today.Year))
            missing.Add((today.Year, YearMissing));
        if (today.Month >= options.Value.WarnFromMonth && !data.HasYear(today.Year + 1))
            missing.Add((today.Year + 1, NextYearMissing));
        if (missing.Count == 0)
            return [];
        var provisional = await db.Set<TaskRecord>()
            .CountAsync(t => t.State == TaskStates.Open && t.DueProvisional, cancellationToken).ConfigureAwait(false);
        return [.. missing.Select(m => new CalendarWarning(m.Year, m.Code, Message(m.Year, m.Code, provisional), provisional))];
    }

    private static string Message(int year, string code, int provisional)
    {
        var y = year.ToString(CultureInfo.InvariantCulture);
        var what = code == YearMissing
            ? $"The official holidays of {y} are not loaded: working days in {y} are counted by the weekend rule only."
            : $"The official holidays of {y} are not loaded yet: deadlines reaching into {y} are counted by the weekend rule only.";
        return $"{what} {provisional.ToString(CultureInfo.InvariantCulture)} open task deadlines are provisional and will be "
            + $"counted again when the year is loaded (PUT /api/v1/calendar/years/{y}, or a {y}.json file in the calendar folder).";
    }
}
