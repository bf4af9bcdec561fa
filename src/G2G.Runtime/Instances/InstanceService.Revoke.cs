using G2G.Engine.Execution;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Audit;
using G2G.Runtime.Notifications;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

// 撤销: the initiator withdraws their own application, as far as the definition's g2g:initiatorMayRevoke allows.
public sealed partial class InstanceService
{
    /// <summary>The record of a revocation in the instance's log.</summary>
    public const string RevokedAction = "instance.revoked";

    /// <summary>
    /// The actions on a task by which someone takes the work in hand: after one by anybody but the initiator, <c>untilActed</c>
    /// no longer lets the initiator revoke (unless the work is back with them). Urging, reading a copy and an administrator's
    /// reassignment are not acting on the request.
    /// </summary>
    private static readonly string[] ActingKinds =
    [
        "task.completed", "task.sent-back", "task.claimed", "task.transferred", "task.delegated", "task.signer-added",
        "task.signer-removed", "task.copied",
    ];

    /// <summary>
    /// 撤销: the initiator ends their own running instance, as an administrator's 终止 does (every open task and timer
    /// closes; modules give back what it held), where its definition allows (<see cref="InitiatorRevoke"/>). The people whose
    /// open tasks close are told. Refused, writing nothing: another caller (403 not-allowed, or not found when they cannot see
    /// the instance), a definition that does not allow it (403), an instance no longer running or suspended, or under
    /// <c>untilActed</c> one that somebody else has acted on (409). Racing with a step, one of the two wins: the loser's retry
    /// sees the winner's change and is refused.
    /// </summary>
    public Task RevokeAsync(long instanceId, string actor, string? reason = null, CancellationToken cancellationToken = default) =>
        RunAsync(instanceId, async loaded =>
        {
            await AuthorizeRevokeAsync(loaded, actor, cancellationToken).ConfigureAwait(false);
            await NotifyRevokedAsync(loaded.Instance, reason, cancellationToken).ConfigureAwait(false);
            return new Prepared(new CancelProcess(reason), new AuditEntry(actor, RevokedAction, Comment: reason));
        }, cancellationToken);

    /// <summary>Those of <paramref name="instanceIds"/> the current caller may revoke now: for the pages' 撤销 buttons.</summary>
    public async Task<IReadOnlySet<long>> RevocableAsync(IReadOnlyCollection<long> instanceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        if (callers.Current is not { } caller || instanceIds.Count == 0)
            return new HashSet<long>();
        var candidates = await RevokeFacts(db.Set<ProcessInstanceRecord>().AsNoTracking()
                .Where(i => instanceIds.Contains(i.Id) && i.Initiator == caller.UserId && i.Status == InstanceStatus.Running && !i.Suspended))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return candidates.Where(c => Definition(c.DefinitionId, c.ProcessKey).InitiatorMayRevoke switch
        {
            InitiatorRevoke.Always => true,
            InitiatorRevoke.UntilActed => !c.ActedOn || c.BackWithInitiator,
            _ => false,
        }).Select(c => c.Id).ToHashSet();
    }

    /// <summary>What decides a revocation, read in one query per set of instances.</summary>
    private sealed record RevokeFact(long Id, long DefinitionId, string ProcessKey, bool ActedOn, bool BackWithInitiator);

    private IQueryable<RevokeFact> RevokeFacts(IQueryable<ProcessInstanceRecord> instances) =>
        instances.Select(i => new RevokeFact(i.Id, i.DefinitionId, i.ProcessKey,
            db.Set<InstanceEventRecord>().Any(e => e.InstanceId == i.Id && ActingKinds.Contains(e.Kind) && e.Actor != null && e.Actor != i.Initiator),
            db.Set<TaskRecord>().Any(t => t.InstanceId == i.Id && t.State == TaskStates.Open)
                && !db.Set<TaskRecord>().Any(t => t.InstanceId == i.Id && t.State == TaskStates.Open && (t.Assignee == null || t.Assignee != i.Initiator))));

    private async Task AuthorizeRevokeAsync(Loaded loaded, string actor, CancellationToken cancellationToken)
    {
        var instance = loaded.Instance;
        var caller = callers.Current;
        if (caller is not null)
            await InstanceAccess.RequireVisibleAsync(db, caller, instance, "revoke", cancellationToken).ConfigureAwait(false);
        var who = caller?.UserId ?? actor;
        if (instance.Initiator != who)
        {
            var reason = instance.Initiator is { } initiator
                ? RuntimeMessages.OnlyInitiatorRevokes(instance.Id, initiator) : RuntimeMessages.RevokeWithoutInitiator(instance.Id);
            throw caller is null ? new RuntimeException(RuntimeErrorCode.NotAllowed, reason)
                : AccessRefusals.Forbidden(caller, reason, $"instance {instance.Id}", "revoke");
        }
        var setting = loaded.Definition.InitiatorMayRevoke;
        if (setting == InitiatorRevoke.Never)
            throw new RuntimeException(RuntimeErrorCode.NotAllowed, RuntimeMessages.RevokeNotAllowed(instance.Id,
                new BilingualName(loaded.Definition.Name ?? instance.ProcessKey)));
        if (instance.Status != InstanceStatus.Running)
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.InstanceNotRunning(instance.Id, instance.Status));
        if (instance.Suspended)
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.InstanceSuspended(instance.Id));
        RequireExpectedVersion(instance);
        if (setting != InitiatorRevoke.UntilActed)
            return;
        var facts = await RevokeFacts(db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Id == instance.Id))
            .SingleAsync(cancellationToken).ConfigureAwait(false);
        if (!facts.ActedOn || facts.BackWithInitiator)
            return;
        var act = await db.Set<InstanceEventRecord>().AsNoTracking()
            .Where(e => e.InstanceId == instance.Id && ActingKinds.Contains(e.Kind) && e.Actor != null && e.Actor != instance.Initiator)
            .OrderBy(e => e.Seq).Select(e => new { e.Actor, e.OccurredAt }).FirstAsync(cancellationToken).ConfigureAwait(false);
        throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.RevokeAfterOthersActed(instance.Id, act.Actor!, act.OccurredAt));
    }

    /// <summary>Tells whoever holds an open task of the instance (but the initiator) that the request was revoked, with the reason.</summary>
    private async Task NotifyRevokedAsync(ProcessInstanceRecord instance, string? reason, CancellationToken cancellationToken)
    {
        var open = await db.Set<TaskRecord>().AsNoTracking().Include(t => t.Candidates)
            .Where(t => t.InstanceId == instance.Id && t.State == TaskStates.Open).ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        foreach (var task in open)
        {
            foreach (var recipient in TaskNotifications.Recipients(task).Where(r => r != instance.Initiator))
            {
                db.Add(TaskNotifications.Create(RevokedAction, task, recipient,
                    $"撤销 Revoked by the applicant: {task.Title ?? task.Name}", reason, now));
            }
        }
    }
}
