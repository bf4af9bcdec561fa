using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Jobs;

/// <summary>
/// Acquires due jobs with a lease. PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so nodes never wait
/// for each other's rows. SQLite: one conditional UPDATE; SQLite runs writers one at a time, so it is
/// atomic. A job whose lease expired (its node died) is due again for everyone.
/// </summary>
internal sealed class JobStore(G2GDbContext db, DatabaseSettings settings)
{
    public async Task<List<JobRecord>> AcquireAsync(string owner, DateTimeOffset now, TimeSpan lease, int batchSize, CancellationToken cancellationToken)
    {
        var until = now + lease;
        var lockClause = settings.Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE jobs SET lease_owner = {0}, lease_until = {1}
            WHERE id IN (
                SELECT id FROM jobs
                WHERE state = 'pending' AND due_at <= {2} AND (lease_until IS NULL OR lease_until < {2})
                ORDER BY due_at
                LIMIT {{batchSize}}
                {{lockClause}})
            """;
        var taken = await db.Database.ExecuteSqlRawAsync(sql, [owner, DbTime(until), DbTime(now)], cancellationToken).ConfigureAwait(false);
        if (taken == 0)
            return [];
        return await db.Set<JobRecord>().AsNoTracking().Where(j => j.LeaseOwner == owner && j.LeaseUntil == until)
            .OrderBy(j => j.DueAt).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Extends the lease of jobs a node still holds (the batch it works through); returns how many it still held.</summary>
    public Task<int> RenewAsync(IReadOnlyCollection<long> jobIds, string owner, DateTimeOffset until, CancellationToken cancellationToken) =>
        db.Set<JobRecord>().Where(j => jobIds.Contains(j.Id) && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseUntil, until), cancellationToken);

    /// <summary>Removes a job this node still holds the lease of; false when the lease was lost (another node has the job).</summary>
    public async Task<bool> DeleteAsync(JobClaim claim, CancellationToken cancellationToken) =>
        await db.Set<JobRecord>().Where(j => j.Id == claim.JobId && j.LeaseOwner == claim.Owner).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false) == 1;

    /// <summary>
    /// Consumes a job this node still holds the lease of, in the caller's transaction: removes it, or moves it to
    /// <see cref="JobClaim.MovesTo"/> (due again then, released, no failures counted). False when the lease was lost.
    /// </summary>
    public static async Task<bool> ConsumeAsync(G2GDbContext db, JobClaim claim, CancellationToken cancellationToken)
    {
        var held = db.Set<JobRecord>().Where(j => j.Id == claim.JobId && j.LeaseOwner == claim.Owner);
        var consumed = claim.MovesTo is { } next
            ? await held.ExecuteUpdateAsync(s => s
                .SetProperty(j => j.DueAt, next.DueAt)
                .SetProperty(j => j.Payload, next.Payload)
                .SetProperty(j => j.Attempts, 0)
                .SetProperty(j => j.LastError, (string?)null)
                .SetProperty(j => j.LeaseOwner, (string?)null)
                .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false)
            : await held.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return consumed == 1;
    }

    /// <summary>Gives jobs back (shutdown): another node, or this one after restart, takes them at once.</summary>
    public Task ReleaseAsync(IEnumerable<long> jobIds, string owner, CancellationToken cancellationToken)
    {
        var ids = jobIds.ToList();
        return db.Set<JobRecord>().Where(j => ids.Contains(j.Id) && j.LeaseOwner == owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
    }

    /// <summary>Moves a job's due date (a repeated reminder) and releases it; false when the lease was lost.</summary>
    public async Task<bool> RescheduleAsync(JobClaim claim, DateTimeOffset due, CancellationToken cancellationToken) =>
        await db.Set<JobRecord>().Where(j => j.Id == claim.JobId && j.LeaseOwner == claim.Owner)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.DueAt, due).SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken)
            .ConfigureAwait(false) == 1;

    /// <summary>
    /// Records a failure: retry later with backoff, or after the last try mark it failed with an incident. A timer start
    /// that failed every try stays failed for that occurrence, and its cycle goes on with a job for the next one.
    /// </summary>
    public async Task FailAsync(JobRecord job, string owner, string error, DateTimeOffset now, JobOptions options, CancellationToken cancellationToken)
    {
        var attempts = job.Attempts + 1;
        var exhausted = attempts >= options.MaxAttempts;
        var retryAt = now + options.RetryBackoff * Math.Pow(2, attempts - 1);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var held = await db.Set<JobRecord>().Where(j => j.Id == job.Id && j.LeaseOwner == owner).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Attempts, attempts)
            .SetProperty(j => j.LastError, error)
            .SetProperty(j => j.State, exhausted ? JobStates.Failed : JobStates.Pending)
            .SetProperty(j => j.DueAt, exhausted ? job.DueAt : retryAt)
            .SetProperty(j => j.LeaseOwner, (string?)null)
            .SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken).ConfigureAwait(false);
        if (exhausted && job.InstanceId is { } instanceId)
            db.Add(new IncidentRecord { InstanceId = instanceId, JobId = job.Id, Message = $"Job '{job.Kind}' failed {attempts} times: {error}", CreatedAt = now });
        if (exhausted && held == 1 && job.Kind == JobKinds.TimerStart && TimerStarts.Following(job, now) is { } next)
            db.Add(TimerStarts.Job(job.TargetId!.Value, next, now));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Raw SQL sees what EF stores.</summary>
    private object DbTime(DateTimeOffset value) => StoredInstants.For(settings.Provider == DatabaseProvider.Postgres).ConvertToProvider(value)!;
}
