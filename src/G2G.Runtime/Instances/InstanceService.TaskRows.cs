using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Audit;
using G2G.Runtime.Notifications;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

public sealed partial class InstanceService
{
    /// <summary>Claims an unassigned task for one of its candidate users (or a member of a candidate group).</summary>
    public Task ClaimAsync(long taskId, string actor, IReadOnlyCollection<string>? actorGroups = null, CancellationToken cancellationToken = default) =>
        TaskRowAsync(taskId, actor, "task.claimed", TaskAction.Claim, TaskOperations.None, (task, _) =>
        {
            if (task.Assignee is not null)
                throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.TaskClaimedAlready(taskId, task.Assignee));
            var candidate = task.Candidates.Any(c => c.Kind == CandidateKinds.User ? c.Value == actor : actorGroups?.Contains(c.Value) == true);
            if (!candidate)
                throw new RuntimeException(RuntimeErrorCode.NotAllowed, RuntimeMessages.NotACandidate(actor, taskId));
            task.Assignee = actor;
        }, cancellationToken);

    /// <summary>Gives a claimed task back to its candidates.</summary>
    public Task ReleaseAsync(long taskId, string actor, CancellationToken cancellationToken = default) =>
        TaskRowAsync(taskId, actor, "task.released", TaskAction.Release, TaskOperations.None, (task, _) =>
        {
            RequireAssignee(task, actor);
            if (task.Candidates.Count == 0)
                throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.NoCandidatesToUnclaim(taskId));
            task.Assignee = null;
        }, cancellationToken);

    /// <summary>转办: hands the task over to someone else for good.</summary>
    public Task TransferAsync(long taskId, string actor, string toUser, string? comment = null, CancellationToken cancellationToken = default) =>
        TaskRowAsync(taskId, actor, "task.transferred", TaskAction.Transfer, TaskOperations.Transfer, (task, notify) =>
        {
            RequireAssignee(task, actor);
            task.Assignee = toUser;
            notify("task.transferred", toUser, $"转办 Transferred to you: {task.Name}", comment);
        }, cancellationToken, outcome: toUser, comment: comment, targets: [toUser]);

    /// <summary>委派: asks someone to do the task; it comes back to the owner, who completes it.</summary>
    public Task DelegateAsync(long taskId, string actor, string toUser, string? comment = null, CancellationToken cancellationToken = default) =>
        TaskRowAsync(taskId, actor, "task.delegated", TaskAction.Delegate, TaskOperations.Delegate, (task, notify) =>
        {
            RequireAssignee(task, actor);
            task.Owner ??= actor;
            task.Assignee = toUser;
            notify("task.delegated", toUser, $"委派 Delegated to you: {task.Name}", comment);
        }, cancellationToken, outcome: toUser, comment: comment, targets: [toUser]);

    /// <summary>The delegate returns a delegated task to its owner, with an opinion.</summary>
    public Task ReturnDelegatedAsync(long taskId, string actor, string? comment = null, CancellationToken cancellationToken = default) =>
        TaskRowAsync(taskId, actor, "task.returned", TaskAction.ReturnDelegated, TaskOperations.None, (task, notify) =>
        {
            RequireAssignee(task, actor);
            var owner = task.Owner ?? throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.TaskNotDelegated(taskId));
            task.Assignee = owner;
            task.Owner = null;
            notify("task.returned", owner, $"委派已办 Returned to you: {task.Name}", comment);
        }, cancellationToken, comment: comment);

    /// <summary>抄送/传阅: sends the task's document to people for reading; each copy gets a read receipt.</summary>
    public Task CopyAsync(long taskId, string actor, IReadOnlyCollection<string> readers, string? comment = null, CancellationToken cancellationToken = default) =>
        TaskRowAsync(taskId, actor, "task.copied", TaskAction.Copy, TaskOperations.Copy, (task, notify) =>
        {
            if (readers.Count == 0)
                throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.CopyNeedsReaders());
            foreach (var reader in readers.Distinct())
            {
                db.Add(new TaskCopyRecord { InstanceId = task.InstanceId, TaskId = task.Id, UserId = reader, CopiedBy = actor, Comment = comment, CreatedAt = clock.GetUtcNow() });
                notify("task.copied", reader, $"抄送 For your information: {task.Title ?? task.Name}", comment);
            }
        }, cancellationToken, outcome: string.Join(",", readers), comment: comment, targets: readers);

    /// <summary>
    /// 催办: reminds the people who hold the task, by hand. One person urges the same task at most once per
    /// <see cref="RuntimeOptions.UrgeInterval"/>: the instance's log, read in the command's transaction (so two nodes agree),
    /// says when they last did; sooner is refused (<see cref="RuntimeErrorCode.TooSoon"/>) with the time they may again.
    /// </summary>
    public Task UrgeAsync(long taskId, string actor, string? comment = null, CancellationToken cancellationToken = default) =>
        TaskRowAsync(taskId, actor, UrgedAction, TaskAction.Urge, TaskOperations.Urge, (task, notify) =>
        {
            foreach (var recipient in TaskNotifications.Recipients(task))
                notify(UrgedAction, recipient, $"催办 Please handle: {task.Name}", comment);
        }, cancellationToken, comment: comment, precondition: (task, now) => RequireUrgeDueAsync(task, actor, now, cancellationToken));

    private const string UrgedAction = "task.urged";

    private async Task RequireUrgeDueAsync(TaskRecord task, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var interval = options.Value.UrgeInterval;
        var since = now - interval;
        var last = await db.Set<InstanceEventRecord>().AsNoTracking()
            .Where(e => e.InstanceId == task.InstanceId && e.TaskId == task.Id && e.Kind == UrgedAction && e.Actor == actor && e.OccurredAt > since)
            .OrderByDescending(e => e.Seq).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (last is not null)
        {
            var again = last.OccurredAt + interval;
            throw new RuntimeException(RuntimeErrorCode.TooSoon, RuntimeMessages.UrgedRecently(task.Id, new BilingualName(task.Name ?? task.ElementId), last.OccurredAt, again))
            {
                RetryAt = again,
            };
        }
    }

    /// <summary>
    /// 已阅: the reader's receipt for a copy, a fact of the instance's log that leaves the instance's version (the ETag the
    /// task's users hold) as it was. Reading a copy twice changes nothing.
    /// </summary>
    public async Task MarkCopyReadAsync(long copyId, string reader, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var copy = await db.Set<TaskCopyRecord>().FirstOrDefaultAsync(c => c.Id == copyId && c.UserId == reader, cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NoSuchCopy(reader, copyId));
            if (copy.ReadAt is not null)
                return;
            var now = clock.GetUtcNow();
            copy.ReadAt = now;
            // The receipt is a fact of the log that changes nothing the task's users act on: like a deadline notice it moves the
            // log's head, not the version their If-Match names (the head is a concurrency token, so it still orders with commands).
            var instance = await db.Set<ProcessInstanceRecord>().FirstAsync(i => i.Id == copy.InstanceId, cancellationToken).ConfigureAwait(false);
            AuditLog.Append(db, instance, new AuditEntry(reader, EventKinds.CopyRead, TaskId: copy.TaskId,
                Data: copyId.ToString(System.Globalization.CultureInfo.InvariantCulture)), now);
            if (await TrySaveAsync(transaction, attempt, cancellationToken).ConfigureAwait(false))
                return;
        }
    }

    /// <summary>
    /// Saves and commits a write that appended to an instance's log; false after a lost race (the instance's version moved:
    /// try again on fresh rows), until the last attempt, which reports the conflict.
    /// </summary>
    private async Task<bool> TrySaveAsync(Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, int attempt, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateConcurrencyException) when (attempt < options.Value.MaxCommandAttempts)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return false;
        }
    }

    private static void RequireAssignee(TaskRecord task, string actor)
    {
        if (task.Assignee != actor)
        {
            throw new RuntimeException(RuntimeErrorCode.NotAllowed, task.Assignee is { } assignee
                ? RuntimeMessages.OnlyAssigneeOfTask(assignee, task.Id) : RuntimeMessages.TaskNotClaimed(task.Id));
        }
    }

    /// <summary>
    /// An operation on a task row that does not move tokens: in one transaction it checks the task is
    /// open, the instance is at the caller's expected version (<see cref="IfVersion"/>) and the step allows the operation,
    /// changes the row, notifies, and audits on the instance's chain (which moves the instance version, so ETags change
    /// and concurrent changes conflict). The people the task
    /// goes to (<paramref name="targets"/>) must be cleared for its classification, and the operation's own
    /// <paramref name="precondition"/>, when it has one, must hold.
    /// </summary>
    private async Task TaskRowAsync(long taskId, string actor, string action, TaskAction access, TaskOperations required,
        Action<TaskRecord, Action<string, string, string, string?>> change, CancellationToken cancellationToken, string? outcome = null,
        string? comment = null, IReadOnlyCollection<string>? targets = null, Func<TaskRecord, DateTimeOffset, Task>? precondition = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var task = await db.Set<TaskRecord>().Include(t => t.Candidates).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.TaskNotFound(taskId));
            var instance = await db.Set<ProcessInstanceRecord>().FirstAsync(i => i.Id == task.InstanceId, cancellationToken).ConfigureAwait(false);
            await AuthorizeTaskAsync(task, instance, access, cancellationToken).ConfigureAwait(false);
            RequireExpectedVersion(instance);
            if (task.State != TaskStates.Open)
                throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.TaskNoLongerOpen(taskId, task.State));
            if (required != TaskOperations.None && (Definition(instance).FindNode(task.ElementId) as UserTask)?.Settings.Operations.HasFlag(required) != true)
                throw new RuntimeException(RuntimeErrorCode.NotAllowed, RuntimeMessages.StepDoesNotAllow(task.Name ?? task.ElementId, required.ToString()));
            if (targets is not null)
            {
                if (callers.Current is not null) // people and systems name people; trusted code (jobs, tests) may name any id
                    await TargetClearance.RequirePeopleAsync(db, targets, taskId, cancellationToken).ConfigureAwait(false);
                await TargetClearance.RequireAsync(db, task.Classification, targets, actor, access.ToString(), RuntimeMessages.TaskItem(taskId), cancellationToken)
                    .ConfigureAwait(false);
            }
            var now = clock.GetUtcNow();
            if (precondition is not null)
                await precondition(task, now).ConfigureAwait(false);
            change(task, (kind, recipient, subject, body) => db.Add(
                TaskNotifications.Create(kind, task, recipient, subject, body ?? task.Title, now, $":{instance.EventSeq + 1}")));
            instance.Version++;
            AuditLog.Append(db, instance, new AuditEntry(actor, action, TaskId: task.Id, ElementId: task.ElementId, Outcome: outcome, Comment: comment), now);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (DbUpdateException exception) when (attempt < options.Value.MaxCommandAttempts)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                if (exception is not DbUpdateConcurrencyException && !await VersionMovedAsync(instance.Id, instance, cancellationToken).ConfigureAwait(false))
                    throw;
            }
        }
    }
}
