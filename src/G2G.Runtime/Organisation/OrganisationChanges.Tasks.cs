using System.Text.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Notifications;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

internal sealed partial class OrganisationChanges
{
    /// <summary>
    /// Deactivates a user and moves their open work. A task assigned to them returns to its owner when it was
    /// delegated to them (委派), or goes back to the person it was meant for when they held it on someone's behalf
    /// (委托), if that person is active; otherwise to their successor: the head of their home department, else of the
    /// next department up, else the principal leader(s) of their agency — never the user themselves, always an active
    /// user, and through that person's delegation if one is in force. Where they were one of several candidates they
    /// are simply removed; where they had delegated a task, it will return to their successor. A task left with
    /// nobody becomes an incident.
    /// Every move is audited in the instance's chain; the deactivation in the organisation chain.
    /// </summary>
    public async Task<DeactivationResult> DeactivateUserAsync(string userId, string? reason, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(userId, cancellationToken).ConfigureAwait(false);
        if (!user.IsActive)
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.UserDeactivatedAlready(userId));
        user.IsActive = false;
        user.SecurityStamp = Guid.NewGuid().ToString("N"); // ends the user's sign-in sessions
        await SaveAsync(cancellationToken).ConfigureAwait(false); // the user no longer counts as active below

        var tasks = await db.Set<TaskRecord>().Include(t => t.Candidates)
            .Where(t => t.State == TaskStates.Open
                && (t.Assignee == userId || t.Owner == userId || t.Candidates.Any(c => c.Kind == CandidateKinds.User && c.Value == userId)))
            .OrderBy(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        var successor = tasks.Count == 0 ? [] : await Superiors.OfAsync(db, user.Id, user.DepartmentId, user.AgencyId, cancellationToken).ConfigureAwait(false);
        var note = $"用户停用 {user.DisplayName} ({userId}) deactivated" + (string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}");
        var moves = new List<TaskMove>();
        foreach (var task in tasks)
        {
            if (task.Owner == userId && task.Assignee != userId)
            {
                // They had delegated (委派) the task: it will return to their successor instead, or stays with the delegate for good.
                task.Owner = successor.Count == 1 ? successor[0] : null;
                moves.Add(await MoveTaskAsync(task, task.Assignee, [], userId, task.OnBehalfOf, note, cancellationToken).ConfigureAwait(false));
                continue;
            }
            var othersRemain = task.Assignee is not null && task.Assignee != userId
                || task.Candidates.Any(c => !(c.Kind == CandidateKinds.User && c.Value == userId));
            if (task.Assignee != userId && othersRemain)
            {
                // One of several candidates, or a candidate of a task someone else already holds: just removed.
                moves.Add(await MoveTaskAsync(task, task.Assignee, [], userId, task.OnBehalfOf, note, cancellationToken).ConfigureAwait(false));
                continue;
            }
            // A task delegated to them (委派) returns to its owner; one held on someone's behalf (委托) goes back to that person.
            IReadOnlyList<string> targets = successor;
            if (task.Owner is { } owner && owner != userId && await IsActiveAsync(owner, cancellationToken).ConfigureAwait(false))
            {
                targets = [owner];
                task.Owner = null;
            }
            else if (task.OnBehalfOf is { } meant && meant != userId && await IsActiveAsync(meant, cancellationToken).ConfigureAwait(false))
            {
                targets = [meant];
            }
            var routed = new List<(string To, string Meant)>();
            foreach (var target in targets)
            {
                if (await ClearedRouteAsync(task, target, cancellationToken).ConfigureAwait(false) is { } to)
                    routed.Add((to, target));
            }
            moves.Add(routed is [var (single, meantFor)]
                ? await MoveTaskAsync(task, single, [], userId, single == meantFor ? null : meantFor, note, cancellationToken).ConfigureAwait(false)
                : await MoveTaskAsync(task, null, [.. routed.Select(r => r.To)], userId, null, note, cancellationToken).ConfigureAwait(false));
        }
        Audit("user.deactivated", note, new { user = userId, reason, successor, tasks = moves.Select(m => new { m.TaskId, m.InstanceId, m.To, m.Candidates }) });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return new DeactivationResult(userId, moves);
    }

    /// <summary>
    /// 转办 by an administrator: gives an open task to one active user cleared for it (through their delegation) and
    /// closes the task's assignment incidents. A task above the administrator's own clearance does not exist for them.
    /// </summary>
    public async Task<TaskMove> ReassignTaskAsync(long taskId, string toUserId, string? reason, Caller? caller, CancellationToken cancellationToken)
    {
        var task = await db.Set<TaskRecord>().Include(t => t.Candidates).FirstOrDefaultAsync(t => t.Id == taskId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.TaskNotFound(taskId));
        if (caller is not null && !TaskAccess.Visible(caller, task, await db.Set<ProcessInstanceRecord>().Where(i => i.Id == task.InstanceId)
                .Select(i => i.Initiator).FirstAsync(cancellationToken).ConfigureAwait(false)))
            throw AccessRefusals.Hidden(caller, RuntimeMessages.TaskNotFound(taskId), $"task {taskId}", "reassign");
        if (task.State != TaskStates.Open)
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.TaskNoLongerOpen(taskId, task.State));
        var user = await RequireUserAsync(toUserId, cancellationToken).ConfigureAwait(false);
        if (!user.IsActive)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.UserDeactivatedCannotReceive(toUserId, taskId));
        await TargetClearance.RequireAsync(db, task.Classification, [toUserId], actor, "reassign", RuntimeMessages.TaskItem(taskId), cancellationToken)
            .ConfigureAwait(false);
        var routed = (await ClearedRouteAsync(task, toUserId, cancellationToken).ConfigureAwait(false))!;
        var note = "管理员转办 reassigned by an administrator" + (string.IsNullOrWhiteSpace(reason) ? "" : $": {reason.Trim()}");
        var move = await MoveTaskAsync(task, routed, [], null, routed == toUserId ? null : toUserId, note, cancellationToken).ConfigureAwait(false);
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return move;
    }

    /// <summary>
    /// Who receives a task meant for <paramref name="target"/>: their delegate (委托) when cleared for the task's 密级, else
    /// the target when cleared, else nobody.
    /// </summary>
    private async Task<string?> ClearedRouteAsync(TaskRecord task, string target, CancellationToken cancellationToken)
    {
        var today = OrganisationClock.Today(clock);
        var routed = await DelegationRouting.RouteAsync(db, target, task.ProcessKey, today, cancellationToken).ConfigureAwait(false);
        if (await TargetClearance.IsClearedAsync(db, routed, task.Classification, cancellationToken).ConfigureAwait(false))
            return routed;
        var meantForCleared = routed != target
            && await TargetClearance.IsClearedAsync(db, target, task.Classification, cancellationToken).ConfigureAwait(false);
        return meantForCleared ? target : null;
    }

    private Task<bool> IsActiveAsync(string userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.IsActive, cancellationToken);

    /// <summary>
    /// Gives a task to a new assignee or adds candidate users (removing <paramref name="removeCandidate"/>), audited in
    /// the instance's chain (which bumps the instance version, so a concurrent command on the instance retries
    /// instead of interleaving), with a notification to whoever receives it. A task left with nobody gets an incident;
    /// a task that has someone again has its assignment incidents resolved.
    /// </summary>
    private async Task<TaskMove> MoveTaskAsync(TaskRecord task, string? assignee, IReadOnlyList<string> addCandidates, string? removeCandidate,
        string? onBehalfOf, string note, CancellationToken cancellationToken)
    {
        var instance = await db.Set<ProcessInstanceRecord>().FirstAsync(i => i.Id == task.InstanceId, cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var from = task.Assignee;
        task.Candidates.RemoveAll(c => c.Kind == CandidateKinds.User && c.Value == removeCandidate);
        var added = addCandidates.Where(u => !task.Candidates.Any(c => c.Kind == CandidateKinds.User && c.Value == u)).Distinct(StringComparer.Ordinal).ToList();
        task.Candidates.AddRange(added.Select(u => new TaskCandidateRecord { TaskId = task.Id, Kind = CandidateKinds.User, Value = u }));
        task.OnBehalfOf = assignee == from ? task.OnBehalfOf : onBehalfOf;
        task.Assignee = assignee;
        task.Version++;
        instance.Version++;
        var candidates = task.Candidates.Where(c => c.Kind == CandidateKinds.User).Select(c => c.Value).ToList();
        AuditLog.Append(db, instance, new AuditEntry(actor, "task.reassigned", TaskId: task.Id, ElementId: task.ElementId, Outcome: assignee,
            Comment: note, Data: JsonSerializer.Serialize(new { from, to = assignee, removed = removeCandidate, candidates, onBehalfOf = task.OnBehalfOf, owner = task.Owner }, AuditJson)), now);

        var recipients = assignee is not null && assignee != from ? [assignee] : added;
        foreach (var recipient in recipients)
        {
            db.Add(TaskNotifications.Create("task.assigned", task, recipient,
                $"新待办 New task: {task.Name ?? task.ElementId}", task.Title, now, $":v{task.Version}"));
        }
        if (assignee is null && task.Candidates.Count == 0)
        {
            db.Add(new IncidentRecord
            {
                InstanceId = instance.Id, ElementId = task.ElementId, CreatedAt = now,
                Message = $"Task '{task.Name ?? task.ElementId}' ({task.ElementId}) has nobody to work on it after '{from ?? removeCandidate}' left it ({note}): "
                    + "no active department head or principal leader could take it over. An administrator can reassign it.",
            });
        }
        else
        {
            // The assignment incidents of this task (written by the runtime, not by the engine or a job) are settled.
            await db.Set<IncidentRecord>()
                .Where(i => i.InstanceId == instance.Id && i.ElementId == task.ElementId && i.EngineIncidentId == null && i.JobId == null && i.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ResolvedAt, now), cancellationToken).ConfigureAwait(false);
        }
        return new TaskMove(task.Id, task.InstanceId, task.ElementId, from, assignee, candidates, task.OnBehalfOf, note);
    }
}
