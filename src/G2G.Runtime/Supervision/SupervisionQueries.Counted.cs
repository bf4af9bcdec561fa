using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Supervision;

public sealed partial class SupervisionQueries
{
    /// <summary>
    /// Whether the maintained <see cref="TaskCounts"/> answer for the scope: they are kept per agency and 密级, so a
    /// department or procedure filter counts the rows instead.
    /// </summary>
    private static bool IsCounted(ResolvedScope scope) => scope.DepartmentId is null && scope.ProcessKey is null;

    /// <summary>
    /// How many open tasks in scope are due before each bound: the whole days before the bound's day from the counts,
    /// the bound's own day up to the bound from the rows (one day of the open-task index).
    /// </summary>
    private async Task<int[]> CountDueBeforeAsync(ResolvedScope scope, DateTimeOffset[] bounds, CancellationToken cancellationToken)
    {
        var byDay = await counts.ByDayAsync(TaskCountKind.OpenDue, scope.Clearance, scope.Agencies, DayOf(bounds.Max()), cancellationToken).ConfigureAwait(false);
        var before = new int[bounds.Length];
        for (var i = 0; i < bounds.Length; i++)
        {
            var (day, bound) = (DayOf(bounds[i]), bounds[i]);
            var start = StartOf(day);
            var sameDay = await OpenTasks(scope).CountAsync(f => f.Task.DueAt >= start && f.Task.DueAt < bound, cancellationToken).ConfigureAwait(false);
            before[i] = (int)byDay.Where(d => d.Key < day).Sum(d => d.Value.Tasks) + sameDay;
        }
        return before;
    }

    /// <summary>Open tasks in scope overdue at <paramref name="now"/>, per agency (<see cref="NoKey"/> for none), as <see cref="CountDueBeforeAsync"/> counts them.</summary>
    private async Task<Dictionary<string, int>> CountedOverdueByAgencyAsync(ResolvedScope scope, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var today = DayOf(now);
        var start = StartOf(today);
        var byAgency = await counts.ByAgencyAsync(TaskCountKind.OpenDue, scope.Clearance, scope.Agencies, null, today, cancellationToken).ConfigureAwait(false);
        var sameDay = await OpenTasks(scope).Where(f => f.Task.DueAt >= start && f.Task.DueAt < now).GroupBy(f => f.Task.AgencyId)
            .Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var agency in sameDay)
            byAgency[agency.Key ?? ""] = byAgency.GetValueOrDefault(agency.Key ?? "") + new TaskCounts.Totals(agency.Count, 0, 0);
        return byAgency.Where(a => a.Value.Tasks != 0).ToDictionary(a => a.Key.Length == 0 ? NoKey : a.Key, a => (int)a.Value.Tasks);
    }

    /// <summary>
    /// <see cref="CompletedTotals"/> per agency for [from, to): the whole days inside the range from the counts, the part
    /// days at either end from the rows.
    /// </summary>
    private async Task<List<Totals>> CountedCompletedByAgencyAsync(ResolvedScope scope, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var first = DayOf(from) is var day && StartOf(day) < from ? day.AddDays(1) : DayOf(from);
        var end = DayOf(to);
        Dictionary<string, TaskCounts.Totals> byAgency = [];
        List<(DateTimeOffset From, DateTimeOffset To)> rows = [(from, to)];
        if (first < end)
        {
            byAgency = await counts.ByAgencyAsync(TaskCountKind.Completed, scope.Clearance, scope.Agencies, first, end, cancellationToken).ConfigureAwait(false);
            rows = [(from, StartOf(first)), (StartOf(end), to)];
        }
        foreach (var (start, stop) in rows.Where(r => r.From < r.To))
        {
            var part = await CompletedTotals(Tasks(scope, t => t.CompletedBy), start, stop, f => f.Task.AgencyId).ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var totals in part)
                byAgency[totals.Key ?? ""] = byAgency.GetValueOrDefault(totals.Key ?? "") + new TaskCounts.Totals(totals.Completed, totals.OnTime, totals.Seconds * totals.Completed);
        }
        return [.. byAgency.Where(a => a.Value.Tasks > 0).Select(a => new Totals
        {
            Key = a.Key.Length == 0 ? null : a.Key,
            Completed = (int)a.Value.Tasks,
            OnTime = (int)a.Value.OnTime,
            Seconds = a.Value.Seconds / a.Value.Tasks,
        })];
    }

    private static DateOnly DayOf(DateTimeOffset instant) => DateOnly.FromDateTime(instant.UtcDateTime);

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
