using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Supervision;

/// <summary>Which agencies a supervisor looks at; null means every agency (administrators).</summary>
public sealed record SupervisionScope(IReadOnlyCollection<string>? AgencyIds)
{
    public static SupervisionScope All { get; } = new((IReadOnlyCollection<string>?)null);
}

/// <summary>How far past its due date an open task is, in calendar days: not yet, up to 3, up to 7, up to 30, more.</summary>
public enum AgingBucket { DueSoon, UpTo3Days, UpTo7Days, UpTo30Days, Over30Days }

public sealed record OverdueItem(long TaskId, long InstanceId, string? Title, string? Step, string ProcessKey, string? AgencyId, string? Assignee,
    DateTimeOffset DueAt, double OverdueHours, AgingBucket Bucket);

/// <summary>Performance of one agency, procedure or step over a date range.</summary>
public sealed record PerformanceRow(string Key, int Completed, int OnTime, decimal OnTimeRate, double AverageHandlingHours, int OpenOverdue);

public enum PerformanceDimension { Agency, Procedure, Step }

/// <summary>
/// 督办: overdue and soon-due items in a supervisor's scope, aging buckets, and on-time rates with
/// average handling times per agency, procedure or step for a date range.
/// </summary>
public sealed class SupervisionQueries(G2GDbContext db, TimeProvider clock)
{
    /// <summary>Open tasks already overdue or due within <paramref name="dueSoon"/>, most overdue first.</summary>
    public async Task<IReadOnlyList<OverdueItem>> OverdueAsync(SupervisionScope scope, TimeSpan dueSoon, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var horizon = now + dueSoon;
        var rows = await Scoped(scope).Where(t => t.State == TaskStates.Open && t.DueAt != null && t.DueAt < horizon)
            .OrderBy(t => t.DueAt).Select(t => new { t.Id, t.InstanceId, t.Title, t.Name, t.ProcessKey, t.AgencyId, t.Assignee, DueAt = t.DueAt!.Value })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r =>
        {
            var late = now - r.DueAt;
            return new OverdueItem(r.Id, r.InstanceId, r.Title, r.Name, r.ProcessKey, r.AgencyId, r.Assignee, r.DueAt, Math.Round(late.TotalHours, 1), Bucket(late));
        })];
    }

    /// <summary>How many open tasks fall in each aging bucket.</summary>
    public async Task<IReadOnlyDictionary<AgingBucket, int>> AgingAsync(SupervisionScope scope, TimeSpan dueSoon, CancellationToken cancellationToken = default)
    {
        var items = await OverdueAsync(scope, dueSoon, cancellationToken).ConfigureAwait(false);
        return Enum.GetValues<AgingBucket>().ToDictionary(b => b, b => items.Count(i => i.Bucket == b));
    }

    /// <summary>
    /// On-time rate and average handling time of the tasks completed in [from, to), grouped by the
    /// dimension; a task without a due date counts as on time. Open overdue tasks are counted alongside.
    /// </summary>
    public async Task<IReadOnlyList<PerformanceRow>> PerformanceAsync(SupervisionScope scope, DateTimeOffset from, DateTimeOffset to,
        PerformanceDimension dimension, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var completed = await Scoped(scope).Where(t => t.State == TaskStates.Completed && t.CompletedAt >= from && t.CompletedAt < to)
            .Select(t => new { t.AgencyId, t.ProcessKey, t.ElementId, t.Name, t.CreatedAt, t.DueAt, t.CompletedAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var overdue = await Scoped(scope).Where(t => t.State == TaskStates.Open && t.DueAt != null && t.DueAt < now)
            .Select(t => new { t.AgencyId, t.ProcessKey, t.ElementId, t.Name }).ToListAsync(cancellationToken).ConfigureAwait(false);
        string KeyOf(string? agency, string process, string element, string? name) => dimension switch
        {
            PerformanceDimension.Agency => agency ?? "-",
            PerformanceDimension.Procedure => process,
            _ => $"{process}/{name ?? element}",
        };
        var open = overdue.GroupBy(t => KeyOf(t.AgencyId, t.ProcessKey, t.ElementId, t.Name)).ToDictionary(g => g.Key, g => g.Count());
        var rows = completed.GroupBy(t => KeyOf(t.AgencyId, t.ProcessKey, t.ElementId, t.Name)).Select(g =>
        {
            var onTime = g.Count(t => t.DueAt is null || t.CompletedAt <= t.DueAt);
            return new PerformanceRow(g.Key, g.Count(), onTime, Math.Round((decimal)onTime / g.Count(), 4),
                Math.Round(g.Average(t => (t.CompletedAt!.Value - t.CreatedAt).TotalHours), 2), open.GetValueOrDefault(g.Key));
        }).ToList();
        rows.AddRange(open.Where(o => rows.All(r => r.Key != o.Key)).Select(o => new PerformanceRow(o.Key, 0, 0, 0, 0, o.Value)));
        return [.. rows.OrderBy(r => r.Key, StringComparer.Ordinal)];
    }

    private IQueryable<TaskRecord> Scoped(SupervisionScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var tasks = db.Set<TaskRecord>().AsNoTracking();
        if (scope.AgencyIds is { } agencies)
        {
            var ids = agencies.ToList();
            tasks = tasks.Where(t => t.AgencyId != null && ids.Contains(t.AgencyId));
        }
        return tasks;
    }

    private static AgingBucket Bucket(TimeSpan late) => late.TotalDays switch
    {
        <= 0 => AgingBucket.DueSoon,
        <= 3 => AgingBucket.UpTo3Days,
        <= 7 => AgingBucket.UpTo7Days,
        <= 30 => AgingBucket.UpTo30Days,
        _ => AgingBucket.Over30Days,
    };
}
