using G2G.Engine.Execution;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

public sealed partial class InstanceService
{
    /// <summary>终止: cancels an instance with every open task and timer.</summary>
    public Task CancelAsync(long instanceId, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        CancelAsync(instanceId, actor, reason, null, cancellationToken);

    /// <summary>As above, for a job whose claim the cancellation consumes.</summary>
    internal Task CancelAsync(long instanceId, string actor, string? reason, Jobs.JobClaim? job, CancellationToken cancellationToken) =>
        RunAsync(instanceId, async loaded =>
        {
            await AuthorizeAdministrationAsync(loaded.Instance, "terminate", cancellationToken).ConfigureAwait(false);
            return new Prepared(new CancelProcess(reason), new AuditEntry(actor, "instance.cancelled", Comment: reason), Job: job);
        }, cancellationToken);

    /// <summary>挂起: no command but cancel or resume runs while an instance is suspended; its jobs wait.</summary>
    public Task SuspendAsync(long instanceId, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        SetSuspendedAsync(instanceId, actor, true, reason, cancellationToken);

    public Task ResumeAsync(long instanceId, string actor, CancellationToken cancellationToken = default) =>
        SetSuspendedAsync(instanceId, actor, false, null, cancellationToken);

    private async Task SetSuspendedAsync(long instanceId, string actor, bool suspended, string? reason, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var instance = await db.Set<ProcessInstanceRecord>().FirstOrDefaultAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.InstanceNotFound(instanceId));
        await AuthorizeAdministrationAsync(instance, suspended ? "suspend" : "resume", cancellationToken).ConfigureAwait(false);
        if (instance.Status != InstanceStatus.Running)
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.InstanceNotRunning(instanceId, instance.Status));
        if (instance.Suspended == suspended)
            throw new RuntimeException(RuntimeErrorCode.Conflict, suspended
                ? RuntimeMessages.InstanceSuspendedAlready(instanceId) : RuntimeMessages.InstanceRunningAlready(instanceId));
        instance.Suspended = suspended;
        instance.Version++;
        AuditLog.Append(db, instance, new AuditEntry(actor, suspended ? "instance.suspended" : "instance.resumed", Comment: reason), clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateConcurrencyException exception)
        {
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.InstanceChangedMeanwhile(instanceId), inner: exception);
        }
    }

    /// <summary>Runs the failed step of an engine incident again.</summary>
    public Task RetryIncidentAsync(long instanceId, long engineIncidentId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(instanceId, async loaded =>
        {
            await AuthorizeAdministrationAsync(loaded.Instance, "retry incidents of", cancellationToken).ConfigureAwait(false);
            return new Prepared(new RetryIncident(engineIncidentId),
                new AuditEntry(actor, "incident.retried", Data: engineIncidentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }, cancellationToken);

    /// <summary>
    /// Retries an incident by its row id: an engine incident runs its failed step again; a failed job
    /// becomes due now with a fresh set of attempts. Audited either way.
    /// </summary>
    public async Task RetryIncidentByIdAsync(long incidentId, string actor, CancellationToken cancellationToken = default)
    {
        var incident = await db.Set<IncidentRecord>().AsNoTracking().FirstOrDefaultAsync(i => i.Id == incidentId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.IncidentNotFound(incidentId));
        if (incident.ResolvedAt is not null)
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.IncidentResolvedAlready(incidentId, incident.ResolvedAt.Value));
        if (incident.EngineIncidentId is { } engineIncident)
        {
            await RetryIncidentAsync(incident.InstanceId, engineIncident, actor, cancellationToken).ConfigureAwait(false);
            return;
        }
        var now = clock.GetUtcNow();
        db.ChangeTracker.Clear();
        using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<JobRecord>().Where(j => j.Id == incident.JobId && j.State == Jobs.JobStates.Failed).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.State, Jobs.JobStates.Pending).SetProperty(j => j.Attempts, 0).SetProperty(j => j.DueAt, now), cancellationToken).ConfigureAwait(false);
        await db.Set<IncidentRecord>().Where(i => i.Id == incidentId).ExecuteUpdateAsync(s => s.SetProperty(i => i.ResolvedAt, now), cancellationToken).ConfigureAwait(false);
        var instance = await db.Set<ProcessInstanceRecord>().FirstAsync(i => i.Id == incident.InstanceId, cancellationToken).ConfigureAwait(false);
        await AuthorizeAdministrationAsync(instance, "retry incidents of", cancellationToken).ConfigureAwait(false);
        instance.Version++;
        AuditLog.Append(db, instance, new AuditEntry(actor, "incident.retried", Data: $"job {incident.JobId}"), now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
