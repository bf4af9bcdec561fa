using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Jobs;

/// <summary>A background job as administrators see it: what it is for, when it is due, how often it failed and why.</summary>
public sealed record JobView(long Id, string Kind, long? InstanceId, DateTimeOffset DueAt, string State, int Attempts, string? LeaseOwner,
    DateTimeOffset? LeaseUntil, string? LastError, DateTimeOffset CreatedAt);

/// <summary>
/// Read side of the job table for administrators (others are refused): the jobs due now and not yet taken by a node,
/// oldest due first, and the jobs that failed every retry (each has an incident to retry), newest first.
/// </summary>
public sealed class JobQueries(G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    /// <summary>Pending jobs whose time has come and whose lease (if any) has run out: what the executor should be running.</summary>
    public async Task<Page<JobView>> DueAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireAdministrator(callers, "list jobs");
        var now = clock.GetUtcNow();
        var due = db.Set<JobRecord>().AsNoTracking()
            .Where(j => j.State == JobStates.Pending && j.DueAt <= now && (j.LeaseUntil == null || j.LeaseUntil < now))
            .OrderBy(j => j.DueAt).ThenBy(j => j.Id);
        return await ViewsAsync(due, page, pageSize, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jobs that failed every attempt, newest first.</summary>
    public async Task<Page<JobView>> FailedAsync(int page, int pageSize, CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireAdministrator(callers, "list jobs");
        var failed = db.Set<JobRecord>().AsNoTracking().Where(j => j.State == JobStates.Failed).OrderByDescending(j => j.Id);
        return await ViewsAsync(failed, page, pageSize, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Page<JobView>> ViewsAsync(IQueryable<JobRecord> ordered, int page, int pageSize, CancellationToken cancellationToken)
    {
        var slice = await ordered.SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return slice.With(await slice.Rows
            .Select(j => new JobView(j.Id, j.Kind, j.InstanceId, j.DueAt, j.State, j.Attempts, j.LeaseOwner, j.LeaseUntil, j.LastError, j.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false));
    }
}
