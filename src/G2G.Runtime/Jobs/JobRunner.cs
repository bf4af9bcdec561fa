using G2G.Engine.Execution;
using G2G.Engine.Model.Activities;
using G2G.Runtime.Audit;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Notifications;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Jobs;

/// <summary>
/// Runs one leased job. Instance commands get the job's claim as an argument and delete the job in their own transaction
/// (exactly once); notifications are written with the job's deletion; everything else is idempotent.
/// </summary>
internal sealed class JobRunner(G2GDbContext db, InstanceService instances, JobStore store, DefinitionCache cache,
    Calendar.CalendarProvider calendars, EscalationRecipients escalations, Microsoft.Extensions.Options.IOptions<RuntimeOptions> options, TimeProvider clock)
{
    public async Task RunAsync(JobRecord job, JobClaim claim, CancellationToken cancellationToken)
    {
        if (job.InstanceId is { } id && await db.Set<ProcessInstanceRecord>().AsNoTracking().AnyAsync(i => i.Id == id && i.Suspended, cancellationToken).ConfigureAwait(false))
        {
            // A suspended instance's jobs wait; they are looked at again in a minute, without counting as a failure.
            await store.RescheduleAsync(claim, clock.GetUtcNow().AddMinutes(1), cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (job.Kind)
        {
            case JobKinds.Timer:
                await instances.FireTimerAsync(job.InstanceId!.Value, job.TargetId!.Value, claim, cancellationToken).ConfigureAwait(false);
                break;
            case JobKinds.StartChild:
                await instances.StartChildAsync(job.InstanceId!.Value, job.TargetId!.Value, VariablesJson.Deserialize<StartChildPayload>(job.Payload!), claim, cancellationToken).ConfigureAwait(false);
                break;
            case JobKinds.ChildResult:
                await instances.ChildResultAsync(job.InstanceId!.Value, job.TargetId!.Value, VariablesJson.Deserialize<ChildResultPayload>(job.Payload!), claim, cancellationToken).ConfigureAwait(false);
                break;
            case JobKinds.CancelChild:
                await instances.CancelChildAsync(job.InstanceId!.Value, job.TargetId!.Value, claim, cancellationToken).ConfigureAwait(false);
                break;
            case JobKinds.Message:
                var message = VariablesJson.Deserialize<MessagePayload>(job.Payload!);
                if (job.TargetId is { } receiver)
                {
                    await IgnoreStaleAsync(() => instances.DeliverMessageAsync(receiver, message.Name, message.CorrelationKey, message.Variables, "system", claim, cancellationToken)).ConfigureAwait(false);
                    break;
                }
                var recipients = await instances.MessageRecipientsAsync(message.Name, message.CorrelationKey, cancellationToken)
                    .ConfigureAwait(false);
                if (await FanOutAsync(job, claim, recipients, [], cancellationToken).ConfigureAwait(false))
                    return;
                await DeliverAsync(() => instances.CorrelateMessageAsync(message.Name, message.CorrelationKey, message.Variables, "system", message.Start, claim, cancellationToken)).ConfigureAwait(false);
                break;
            case JobKinds.Signal:
                var signal = VariablesJson.Deserialize<SignalPayload>(job.Payload!);
                if (job.TargetId is { } listener)
                {
                    await IgnoreStaleAsync(() => instances.DeliverSignalAsync(listener, signal.Name, signal.Variables, "system", claim, cancellationToken)).ConfigureAwait(false);
                    break;
                }
                var listeners = await instances.SignalRecipientsAsync(signal.Name, signal.SourceInstanceId, cancellationToken)
                    .ConfigureAwait(false);
                var starts = await instances.SignalStartsAsync(signal.Name, signal.SourceInstanceId, cancellationToken)
                    .ConfigureAwait(false);
                var startJobs = starts
                    .Select(s => VariablesJson.Serialize(new SignalStartPayload(s.Key, s.StartEvent, signal.Variables))).ToList();
                if (await FanOutAsync(job, claim, listeners, startJobs, cancellationToken).ConfigureAwait(false))
                    return;
                break; // nobody waits for it and no process starts on it
            case JobKinds.SignalStart:
                var start = VariablesJson.Deserialize<SignalStartPayload>(job.Payload!);
                // A process retracted meanwhile starts nothing; the job must not retry forever.
                await DeliverAsync(() => instances.StartOnSignalAsync(start.ProcessKey, start.StartEventId, start.Variables, "system",
                    claim, cancellationToken)).ConfigureAwait(false);
                break;
            case JobKinds.TimerStart:
                await StartOnTimerAsync(job, claim, cancellationToken).ConfigureAwait(false);
                return;
            case JobKinds.Reminder:
            case JobKinds.Overdue:
            case JobKinds.Escalation:
                await RemindAsync(job, claim, cancellationToken).ConfigureAwait(false);
                return;
            default:
                throw new InvalidOperationException($"Unknown job kind '{job.Kind}'.");
        }
        // Still leased when no command consumed it (a stale timer, a child already started, nobody waiting).
        await store.DeleteAsync(claim, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A message or signal that instances wait for becomes one delivery job per receiving instance (target: that
    /// instance), written in one transaction with the removal of this job under its lease. Each delivery is then
    /// consumed by its own command, so every instance gets it exactly once even if a node dies part-way through, and
    /// one that cannot take it now (suspended) holds up only its own delivery. A signal also becomes one start job per
    /// process that starts on it. False when nobody waits and nothing starts.
    /// </summary>
    private async Task<bool> FanOutAsync(JobRecord job, JobClaim claim, List<long> recipients, List<string> signalStarts,
        CancellationToken cancellationToken)
    {
        if (recipients.Count == 0 && signalStarts.Count == 0)
            return false;
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (!await store.DeleteAsync(claim, cancellationToken).ConfigureAwait(false))
            return true; // the lease was lost: the node that holds it now fans out
        foreach (var recipient in recipients)
        {
            db.Add(new JobRecord
            {
                Kind = job.Kind, InstanceId = recipient, TargetId = recipient, Payload = job.Payload, DueAt = now, State = JobStates.Pending, CreatedAt = now,
            });
        }
        foreach (var payload in signalStarts)
        {
            db.Add(new JobRecord
            {
                Kind = JobKinds.SignalStart, Payload = payload, DueAt = now, State = JobStates.Pending, CreatedAt = now,
            });
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A delivery to an instance that no longer waits (it moved on, finished or was cancelled) is dropped.</summary>
    private static async Task IgnoreStaleAsync(Func<Task> deliver)
    {
        try
        {
            await deliver().ConfigureAwait(false);
        }
        catch (RuntimeException stale) when (stale.InnerException is G2G.Engine.Execution.CommandRejectedException)
        {
        }
    }

    /// <summary>
    /// A message nobody waits for (or a start whose process was retracted) is dropped, as BPMN specifies; the job
    /// must not retry forever.
    /// </summary>
    private static async Task DeliverAsync(Func<Task> deliver)
    {
        try
        {
            await deliver().ConfigureAwait(false);
        }
        catch (RuntimeException nobody) when (nobody.Code == RuntimeErrorCode.NotFound)
        {
        }
    }

    /// <summary>
    /// A process's timer start event is due: an instance of the version that armed it starts, as <c>system</c>, and the job
    /// moves on to the timer's next occurrence (or goes, after the last) in the start's own transaction, so an occurrence
    /// starts one instance even when two nodes run the job. A retracted version starts nothing, and its cycle goes on; a job
    /// of a version no longer the latest (left by a deploy racing with this run) is dropped.
    /// </summary>
    private async Task StartOnTimerAsync(JobRecord job, JobClaim claim, CancellationToken cancellationToken)
    {
        var version = await db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == job.TargetId)
            .Select(d => new { d.ProcessKey, d.Version, d.IsPublished, Superseded = db.ProcessDefinitions.Any(n => n.ProcessKey == d.ProcessKey && n.Version > d.Version) })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (version is null || version.Superseded)
        {
            await store.DeleteAsync(claim, cancellationToken).ConfigureAwait(false);
            return;
        }
        var consumed = claim with { MovesTo = TimerStarts.Following(job, clock.GetUtcNow()) };
        if (!version.IsPublished)
        {
            await JobStore.ConsumeAsync(db, consumed, cancellationToken).ConfigureAwait(false);
            return;
        }
        var startEvent = VariablesJson.Deserialize<TimerStartPayload>(job.Payload!).StartEventId;
        await instances.StartOnTimerAsync(version.ProcessKey, version.Version, startEvent, consumed, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reminder, overdue notice or escalation of an open task; an overdue notice repeats every g2g:remindEvery. An
    /// escalation goes to the people its rule names now (<see cref="EscalationRecipients"/>); one that reaches nobody is
    /// an incident, so the 督办 is not lost silently.
    /// </summary>
    private async Task RemindAsync(JobRecord job, JobClaim claim, CancellationToken cancellationToken)
    {
        var task = await db.Set<TaskRecord>().AsNoTracking().Include(t => t.Candidates)
            .FirstOrDefaultAsync(t => t.InstanceId == job.InstanceId && t.EngineTaskId == job.TargetId && t.State == TaskStates.Open, cancellationToken).ConfigureAwait(false);
        if (task is null)
        {
            await store.DeleteAsync(claim, cancellationToken).ConfigureAwait(false);
            return;
        }
        var now = clock.GetUtcNow();
        var settings = job.Kind == JobKinds.Reminder ? null : Settings(task); // a reminder needs nothing of the definition
        var (kind, subject) = job.Kind switch
        {
            JobKinds.Reminder => (EventKinds.TaskReminder, $"催办提醒 Reminder: {task.Name} 将于 {task.DueAt:yyyy-MM-dd HH:mm} 到期"),
            JobKinds.Overdue => (EventKinds.TaskOverdue, $"已超期 Overdue: {task.Name}"),
            _ => (EventKinds.TaskEscalated, $"督办 Escalation: {task.Name} 超期未办"),
        };
        IReadOnlyList<string> recipients = [.. TaskNotifications.Recipients(task)];
        string? nobody = null;
        if (job.Kind == JobKinds.Escalation)
        {
            var target = await escalations.ResolveAsync(job, task, settings?.EscalateTo, cancellationToken).ConfigureAwait(false);
            recipients = target.Recipients;
            nobody = target.Nobody;
        }
        var every = job.Kind == JobKinds.Overdue ? settings?.RemindEvery : null;
        var calendar = every is null ? null : await calendars.ForAgencyAsync(db, task.AgencyId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            // The job is removed (or moved) under its lease first: a node whose lease ran out and was taken over, or whose
            // job went with its task meanwhile, rolls back and sends nothing, so a notice is written exactly once.
            var held = every is not null
                ? await store.RescheduleAsync(claim, every.DueFrom(now, calendar!), cancellationToken).ConfigureAwait(false)
                : await store.DeleteAsync(claim, cancellationToken).ConfigureAwait(false);
            if (!held)
                return;
            if (nobody is not null)
            {
                db.Add(new IncidentRecord
                {
                    InstanceId = task.InstanceId, ElementId = task.ElementId, CreatedAt = now,
                    Message = $"The escalation (督办) of task '{task.Name ?? task.ElementId}' ({task.Id}) reached nobody: {nobody}",
                });
            }
            foreach (var recipient in recipients)
                db.Add(TaskNotifications.Create(kind, task, recipient, subject, task.Title, now, $":{job.Attempts}:{now.UtcTicks}"));
            // The notice is a fact of the instance's log. It changes nothing a user sees, so it moves the log's head but not the
            // version their If-Match names; the head is a concurrency token too, so a command that read the old head retries.
            var instance = await db.Set<ProcessInstanceRecord>().FirstAsync(i => i.Id == task.InstanceId, cancellationToken).ConfigureAwait(false);
            AuditLog.Append(db, instance, new AuditEntry(null, kind, TaskId: task.Id, ElementId: task.ElementId, Data: string.Join(",", recipients),
                ElementKind: "userTask", TokenId: task.EngineTaskId), now);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt < options.Value.MaxCommandAttempts)
            {
                // A command on the instance committed first; append after it.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private G2G.Engine.Model.Extensions.HumanTaskSettings? Settings(TaskRecord task)
    {
        var definitionId = db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Id == task.InstanceId).Select(i => i.DefinitionId).Single();
        var definition = cache.GetOrParse(definitionId, task.ProcessKey, () => db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == definitionId).Select(d => d.Xml).Single());
        return (definition.FindNode(task.ElementId) as UserTask)?.Settings;
    }
}
