using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Assignment;
using G2G.Runtime.Instances;
using G2G.Runtime.Notifications;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Jobs;

/// <summary>Who an escalation reaches, or why it reaches nobody.</summary>
internal sealed record EscalationTarget(IReadOnlyList<string> Recipients, string? Nobody);

/// <summary>
/// Who receives an escalation (督办) when it falls due, resolved against the organisation as it is then: the
/// g2g:escalateTo rule like an assignment rule (its arguments evaluated when the task was created), or by default
/// whoever answers for the task: the head of its holder's department, going up, then the agency's principal leader
/// (<see cref="Superiors"/>). Standing delegations apply, and only people cleared for the task's 密级 are told.
/// </summary>
internal sealed class EscalationRecipients(G2GDbContext db, IAssignmentResolver assignments, TimeProvider clock)
{
    public async Task<EscalationTarget> ResolveAsync(JobRecord job, TaskRecord task, AssignmentRule? declared,
        CancellationToken cancellationToken)
    {
        var instance = await db.Set<ProcessInstanceRecord>().AsNoTracking().FirstAsync(i => i.Id == task.InstanceId, cancellationToken)
            .ConfigureAwait(false);
        var rule = job.Payload is { } payload
            ? Rule(VariablesJson.Deserialize<EscalationPayload>(payload))
            : declared is null ? null : Evaluate(declared, instance);
        if (rule is null)
            return await DefaultAsync(task, cancellationToken).ConfigureAwait(false);
        try
        {
            var context = new AssignmentContext(instance.Id, instance.ProcessKey, instance.Initiator, instance.AgencyId,
                instance.Classification);
            var assignment = await assignments.ResolveAsync(rule, context, cancellationToken).ConfigureAwait(false);
            return new EscalationTarget([.. TaskNotifications.Recipients(assignment)], null);
        }
        catch (AssignmentUnresolvedException nobody)
        {
            return new EscalationTarget([], nobody.Message);
        }
    }

    private static ResolvedAssignment Rule(EscalationPayload payload) => new(payload.Kind, [.. payload.Arguments]);

    /// <summary>A job written before rules were evaluated with the task: its arguments read the process variables.</summary>
    private ResolvedAssignment Evaluate(AssignmentRule rule, ProcessInstanceRecord instance)
    {
        var scope = new DictionaryVariableScope(StoredState.Read(instance.Id, instance.State).Variables);
        var context = new EvaluationContext { Now = clock.GetUtcNow() };
        return new ResolvedAssignment(rule.Kind, [.. rule.Arguments.Select(a => a.Evaluate(scope, context))]);
    }

    private async Task<EscalationTarget> DefaultAsync(TaskRecord task, CancellationToken cancellationToken)
    {
        var holder = task.Owner ?? task.Assignee;
        var department = holder is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == holder).Select(u => u.DepartmentId)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var superiors = await Superiors.OfAsync(db, holder, department, task.AgencyId, cancellationToken).ConfigureAwait(false);
        var today = OrganisationClock.Today(clock);
        var routed = new List<(string User, string Meant)>();
        foreach (var superior in superiors)
        {
            var user = await DelegationRouting.RouteAsync(db, superior, task.ProcessKey, today, cancellationToken).ConfigureAwait(false);
            routed.Add((user, superior));
        }
        var ids = routed.SelectMany(r => new[] { r.User, r.Meant }).ToList();
        var cleared = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Clearance >= task.Classification)
            .Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        // A delegate without the clearance leaves the notice with the person it was meant for, as for tasks.
        var recipients = routed.Select(r => cleared.Contains(r.User) ? r.User : cleared.Contains(r.Meant) ? r.Meant : null)
            .OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (recipients.Count > 0)
            return new EscalationTarget(recipients, null);
        var whose = holder is null ? "the task has no holder" : $"the holder '{holder}'";
        return new EscalationTarget([], superiors.Count == 0
            ? $"nobody answers for it: {whose}, and no department head above it nor principal leader of agency "
                + $"'{task.AgencyId}' is active."
            : $"none of {string.Join(", ", superiors)}, who answer for it, is cleared for its 密级 "
                + $"{task.Classification.ChineseName()}.");
    }
}
