using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Supervision;

/// <summary>
/// 督办: overdue and soon-due items in the caller's scope, aging buckets, and on-time rates with average handling
/// times per department, agency, procedure or step for a date range. Only supervisors (their agency subtree) and
/// administrators (every agency) may read them; items above the caller's clearance are left out of every list,
/// count and aggregate. Lists are paged and everything is counted and aggregated in the database; counts over agencies
/// (without a department or procedure filter) come from the maintained <see cref="TaskCounts"/> (SupervisionQueries.Counted.cs).
/// </summary>
public sealed partial class SupervisionQueries(G2GDbContext db, TaskCounts counts, CallerContext callers, TimeProvider clock, IOptions<RuntimeOptions> options)
{
    /// <summary>Open tasks already overdue or due within <paramref name="dueSoon"/>, most overdue first, one page with the total.</summary>
    public async Task<Page<OverdueItem>> OverdueAsync(SupervisionFilter filter, TimeSpan dueSoon, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var scope = await ResolveAsync(filter, "supervision overdue", cancellationToken).ConfigureAwait(false);
        var horizon = clock.GetUtcNow() + dueSoon;
        var query = OverdueQuery(scope, horizon);
        var slice = IsCounted(scope)
            ? query.Slice(page, pageSize, (await CountDueBeforeAsync(scope, [horizon], cancellationToken).ConfigureAwait(false))[0])
            : await query.SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return slice.With(await ItemsAsync(slice.Rows, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Every item of <see cref="OverdueAsync"/> for an export. Refused (<see cref="RuntimeErrorCode.Invalid"/>) when there are more
    /// than <see cref="SupervisionOptions.MaxExportRows"/>: a silently cut spreadsheet would be read as complete.
    /// </summary>
    public async Task<IReadOnlyList<OverdueItem>> OverdueExportAsync(SupervisionFilter filter, TimeSpan dueSoon, CancellationToken cancellationToken = default)
    {
        var query = OverdueQuery(await ResolveAsync(filter, "supervision export", cancellationToken).ConfigureAwait(false), clock.GetUtcNow() + dueSoon);
        var limit = options.Value.Supervision.MaxExportRows;
        var total = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        if (total > limit)
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.ExportTooLarge(total, limit));
        }
        return await ItemsAsync(query, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many open tasks fall in each aging bucket, counted in the database.</summary>
    public async Task<IReadOnlyDictionary<AgingBucket, int>> AgingAsync(SupervisionFilter filter, TimeSpan dueSoon, CancellationToken cancellationToken = default)
    {
        var scope = await ResolveAsync(filter, "supervision aging", cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var (days3, days7, days30) = (now.AddDays(-3), now.AddDays(-7), now.AddDays(-30));
        if (IsCounted(scope))
        {
            // Tasks due before each bound; a bucket is the difference of two.
            var before = await CountDueBeforeAsync(scope, [days30, days7, days3, now, now + dueSoon], cancellationToken).ConfigureAwait(false);
            int[] counted = [before[4] - before[3], before[3] - before[2], before[2] - before[1], before[1] - before[0], before[0]];
            return Enum.GetValues<AgingBucket>().ToDictionary(b => b, b => counted[(int)b]);
        }
        var counts = await OverdueQuery(scope, now + dueSoon).Select(f => f.Task.DueAt).GroupBy(_ => 1).Select(g => new
        {
            DueSoon = g.Count(due => due >= now),
            UpTo3Days = g.Count(due => due < now && due >= days3),
            UpTo7Days = g.Count(due => due < days3 && due >= days7),
            UpTo30Days = g.Count(due => due < days7 && due >= days30),
            Over30Days = g.Count(due => due < days30),
        }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        int[] byBucket = counts is null ? new int[5] : [counts.DueSoon, counts.UpTo3Days, counts.UpTo7Days, counts.UpTo30Days, counts.Over30Days];
        return Enum.GetValues<AgingBucket>().ToDictionary(b => b, b => byBucket[(int)b]);
    }

    /// <summary>Open tasks due before <paramref name="horizon"/>, most overdue first (then by id, so pages are stable).</summary>
    private IOrderedQueryable<TaskFact> OverdueQuery(ResolvedScope scope, DateTimeOffset horizon)
    {
        return OpenTasks(scope).Where(f => f.Task.DueAt != null && f.Task.DueAt < horizon).OrderBy(f => f.Task.DueAt).ThenBy(f => f.Task.Id);
    }

    private async Task<List<OverdueItem>> ItemsAsync(IQueryable<TaskFact> query, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var rows = await query.Select(f => new
        {
            f.Task.Id, f.Task.InstanceId, f.Task.Title, f.Task.Name, f.Task.ProcessKey, f.Task.AgencyId, f.DepartmentId, f.Task.Assignee, DueAt = f.Task.DueAt!.Value,
        }).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(r => new OverdueItem(r.Id, r.InstanceId, r.Title, r.Name, r.ProcessKey, r.AgencyId, r.DepartmentId, r.Assignee, r.DueAt,
            Hours(now - r.DueAt), Bucket(now - r.DueAt)))];
    }

    /// <summary>Hours to one decimal; a task due within three minutes rounds to 0, never to -0 (which JSON writes as "-0").</summary>
    private static double Hours(TimeSpan late) => Math.Round(late.TotalHours, 1) is var hours && hours == 0 ? 0 : hours;

    /// <summary>The bucket of a task <paramref name="late"/> past due; the same bounds as the counts of <see cref="AgingAsync"/>.</summary>
    private static AgingBucket Bucket(TimeSpan late) => late.TotalDays switch
    {
        <= 0 => AgingBucket.DueSoon,
        <= 3 => AgingBucket.UpTo3Days,
        <= 7 => AgingBucket.UpTo7Days,
        <= 30 => AgingBucket.UpTo30Days,
        _ => AgingBucket.Over30Days,
    };
}
