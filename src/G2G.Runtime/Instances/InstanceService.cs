using G2G.Engine.Execution;
using G2G.Engine.Model;
using G2G.Runtime.Assignment;
using G2G.Runtime.Audit;
using G2G.Runtime.Definitions;
using G2G.Runtime.Jobs;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Instances;

/// <summary>
/// Every change to a process instance, each as one database transaction: load the instance, run the
/// engine, write its effects (tasks, jobs, the events of the instance's log, outbox), save with an optimistic version
/// check. A lost race reloads and retries; after <see cref="RuntimeOptions.MaxCommandAttempts"/> it
/// reports a conflict. A refused command writes nothing. On SQLite, commands queue for the write lock in order
/// (<see cref="SqliteWriteGate"/>).
/// </summary>
public sealed partial class InstanceService(
    G2GDbContext db,
    DefinitionCache cache,
    ProcessExecutor executor,
    IAssignmentResolver assignments,
    IOptions<RuntimeOptions> options,
    CallerContext callers,
    SqliteWriteGate writeGate,
    Calendar.CalendarProvider calendars,
    Handlers.ServiceTaskHandlers handlers,
    EventLogKeys keys,
    TimeProvider clock)
{
    /// <summary>
    /// The instance versions a caller's task commands require (HTTP If-Match), or null for any: see <see cref="IfVersion"/>.
    /// </summary>
    private IReadOnlyCollection<int>? ExpectedVersions { get; init; }

    /// <summary>
    /// This service for a caller who read the instance at one of <paramref name="versions"/> (the ETags of their If-Match):
    /// its task commands compare the version of the instance row they load inside their own transaction, and refuse with
    /// <see cref="RuntimeErrorCode.PreconditionFailed"/>, writing nothing, when it is another; the write itself is
    /// version-checked, so no change can slip in between the comparison and the write. An empty collection matches no
    /// version.
    /// </summary>
    public InstanceService IfVersion(IReadOnlyCollection<int> versions) =>
        new(db, cache, executor, assignments, options, callers, writeGate, calendars, handlers, keys, clock) { ExpectedVersions = versions };

    /// <summary>Refuses a command whose caller expected the instance at another version (<see cref="IfVersion"/>).</summary>
    private void RequireExpectedVersion(ProcessInstanceRecord instance)
    {
        if (ExpectedVersions is { } expected && !expected.Contains(instance.Version))
            throw new RuntimeException(RuntimeErrorCode.PreconditionFailed, RuntimeMessages.InstanceChangedSinceRead(instance.Id, instance.Version));
    }

    /// <summary>The writes of the current attempt that go around the change tracker (events, notifications, jobs, changes of rows it did not load).</summary>
    private readonly UntrackedWrites _untracked = new();

    /// <summary>What a command sees: the instance row, its definition and its state; the organisation's stamp when the load read it.</summary>
    private sealed record Loaded(ProcessInstanceRecord Instance, ProcessDefinition Definition, ProcessState State, string? OrganisationStamp = null);

    /// <summary>
    /// An instance row as a command's load reads it, tracked, with the organisation's stamp read in the same query,
    /// so resolving the assignment rules of the tasks the command creates costs no query of its own when the node
    /// has them cached (<see cref="Organisation.ResolvedAssignments"/>).
    /// </summary>
    private sealed record InstanceLoad(ProcessInstanceRecord Instance, string? OrganisationStamp);

    /// <summary>
    /// A prepared command, its own record in the instance's log, and work to do on the rows after the effects are applied.
    /// A command a job runs carries the job's claim (<paramref name="Job"/>): it deletes the job row under its lease in its own
    /// transaction, so the job's effect and its removal are one atomic step (exactly once); every attempt prepares it again.
    /// </summary>
    private sealed record Prepared(Command Command, AuditEntry Audit, Func<ExecutionResult, EffectApplier, Task>? After = null, bool RefuseIncidents = false,
        JobClaim? Job = null);

    /// <summary>The load of every instance command, compiled once (no query-cache lookup per command).</summary>
    private static readonly CompiledQuery<long, InstanceLoad> LoadInstance = new((db, instanceId, _) => (
                from i in db.Set<ProcessInstanceRecord>()
                where i.Id == instanceId
                select new InstanceLoad(i,
                    db.Set<OrganisationStampRecord>().Where(s => s.Id == OrganisationStampRecord.RowId).Select(s => s.Stamp).FirstOrDefault()))
            .FirstOrDefault());

    private Task<ExecutionResult> RunAsync(long instanceId, Func<Loaded, Task<Prepared>> prepare, CancellationToken cancellationToken) =>
        RunAsync(token => LoadInstance.RunAsync(db, instanceId, token),
            RuntimeMessages.InstanceNotFound(instanceId), prepare, cancellationToken);

    /// <summary>
    /// Runs a command on the instance that <paramref name="load"/> reads, tracked, inside the command's
    /// transaction (again on every attempt); null means not found, reported with <paramref name="notFound"/>.
    /// </summary>
    private async Task<ExecutionResult> RunAsync(Func<CancellationToken, Task<InstanceLoad?>> load, RuntimeText notFound,
        Func<Loaded, Task<Prepared>> prepare, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            BeginAttempt();
            using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var (instance, stamp) = await load(cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, notFound);
            var instanceId = instance.Id;
            var loaded = new Loaded(instance, Definition(instance), StoredState.Read(instance.Id, instance.State), stamp);
            var prepared = await prepare(loaded).ConfigureAwait(false);
            try
            {
                var result = await ExecuteAsync(loaded, prepared, cancellationToken).ConfigureAwait(false);
                await SaveAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
            catch (DbUpdateException exception)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                // A lost race shows as a failed version check, or as another write of the batch colliding (such as the
                // event log's sequence numbers, taken by the winner); either way the version moved.
                if (exception is not DbUpdateConcurrencyException && !await VersionMovedAsync(instanceId, loaded.Instance, cancellationToken).ConfigureAwait(false))
                    throw;
                if (attempt >= options.Value.MaxCommandAttempts)
                {
                    throw new RuntimeException(RuntimeErrorCode.Conflict,
                        RuntimeMessages.InstanceChangedByOthers(instanceId, attempt), inner: exception);
                }
            }
        }
    }

    /// <summary>Runs the engine and stages every row change of the command in the context.</summary>
    private async Task<ExecutionResult> ExecuteAsync(Loaded loaded, Prepared prepared, CancellationToken cancellationToken)
    {
        var (instance, definition, state, _) = loaded;
        if (instance.Suspended && prepared.Command is not CancelProcess)
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.InstanceSuspended(instance.Id));
        var now = clock.GetUtcNow();
        var calendar = await calendars.ForAgencyAsync(db, instance.AgencyId, cancellationToken).ConfigureAwait(false);
        var actions = handlers.ForCommand(db, instance, calendar);
        ExecutionResult result;
        try
        {
            result = executor.Execute(definition, state, prepared.Command, now, calendar, actions);
        }
        catch (CommandRejectedException rejected)
        {
            throw Map(rejected);
        }
        if (actions?.WriteFailure is { } failure && await VersionMovedAsync(instance.Id, instance, cancellationToken).ConfigureAwait(false))
        {
            // A handler's write collided with a command that changed this instance meanwhile (two people submitting the same
            // step at once on two nodes: the winner's leave request row is there): the race is lost, not the step broken.
            throw new DbUpdateConcurrencyException($"A service task's write on instance {instance.Id} collided with a command that changed it meanwhile.", failure);
        }
        if (prepared.RefuseIncidents && actions?.Refusal is { } refusal)
        {
            throw refusal.Field is { } field
                ? RuntimeException.ForField(field, refusal.Text)
                : new RuntimeException(RuntimeErrorCode.Invalid, refusal.Text);
        }
        if (prepared.RefuseIncidents && result.Effects.OfType<IncidentRaised>().FirstOrDefault() is { } incident)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.StepWouldFail(incident.Incident.ElementId, incident.Incident.Message));
        var wasRunning = instance.Status == InstanceStatus.Running;
        var applier = new EffectApplier(db, _untracked, instance, loaded.OrganisationStamp, assignments, calendar, now);
        await applier.ApplyAsync(result, state, cancellationToken).ConfigureAwait(false);
        if (prepared.After is not null)
            await prepared.After(result, applier).ConfigureAwait(false);
        if (wasRunning && instance.Status != InstanceStatus.Running)
            handlers.Ended(db, instance, now);
        instance.State = ProcessStateJson.Serialize(result.State);
        instance.Version++;
        _untracked.ChainEvents(instance, AuditLog.Record(instance.Id, prepared.Audit, now), keys);
        if (prepared.Job is { } job)
            await ClaimJobAsync(job, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>Starts an attempt with nothing staged: no tracked entities, no untracked writes.</summary>
    private void BeginAttempt()
    {
        db.ChangeTracker.Clear();
        _untracked.Clear();
    }

    /// <summary>
    /// Writes the command's changes as one batch (<see cref="WriteBatch"/>): changes of rows it did not load, the
    /// tracked rows with their version checks, the appended rows; one round trip on PostgreSQL.
    /// </summary>
    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        using var batch = WriteBatch.For(db);
        _untracked.AddChangesTo(batch);
        await TrackedChanges.AddToAsync(batch, db, cancellationToken).ConfigureAwait(false);
        _untracked.AddInsertsTo(batch, db.Model);
        await batch.ExecuteAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.AcceptAllChanges();
        _untracked.Clear();
    }

    /// <summary>Whether another write moved the instance (its version or its log's head) since <paramref name="loaded"/> was read.</summary>
    private async Task<bool> VersionMovedAsync(long instanceId, ProcessInstanceRecord loaded, CancellationToken cancellationToken)
    {
        var entry = db.Entry(loaded);
        var (version, seq) = (entry.Property(i => i.Version).OriginalValue, entry.Property(i => i.EventSeq).OriginalValue);
        db.ChangeTracker.Clear();
        return !await db.Set<ProcessInstanceRecord>().AsNoTracking().AnyAsync(i => i.Id == instanceId && i.Version == version && i.EventSeq == seq, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Deletes (or moves on) the job a command runs for, under this node's lease; a lease lost meanwhile refuses the command.</summary>
    private async Task ClaimJobAsync(JobClaim job, CancellationToken cancellationToken)
    {
        if (!await JobStore.ConsumeAsync(db, job, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.JobNotLeased(job.JobId, job.Owner));
    }

    private ProcessDefinition Definition(ProcessInstanceRecord instance) => Definition(instance.DefinitionId, instance.ProcessKey);

    private ProcessDefinition Definition(long definitionId, string processKey) =>
        cache.GetOrParse(definitionId, processKey, () => db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == definitionId).Select(d => d.Xml).Single());

    /// <summary>The engine's refusal of a command as the runtime reports it.</summary>
    internal static RuntimeException Map(CommandRejectedException rejected) => new(rejected.Code switch
    {
        RejectionCode.TaskNotFound or RejectionCode.NothingToWithdraw or RejectionCode.NotRunning or RejectionCode.AlreadyStarted => RuntimeErrorCode.Conflict,
        RejectionCode.NotAllowed => RuntimeErrorCode.NotAllowed,
        RejectionCode.IncidentNotFound or RejectionCode.TimerNotFound or RejectionCode.NoMatchingSubscription => RuntimeErrorCode.NotFound,
        _ => RuntimeErrorCode.Invalid,
    }, RuntimeMessages.EngineRejection(rejected), inner: rejected);
}
