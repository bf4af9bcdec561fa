using G2G.Engine.Execution;
using G2G.Runtime.Assignment;
using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Notifications;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

internal sealed partial class EffectApplier
{
    private async Task CreateTaskAsync(TaskCreated created, CancellationToken cancellationToken)
    {
        TaskAssignment assignment;
        try
        {
            assignment = await assignments.ResolveAsync(created.Assignment,
                new AssignmentContext(instance.Id, instance.ProcessKey, instance.Initiator, instance.AgencyId, instance.Classification, organisationStamp), cancellationToken).ConfigureAwait(false);
        }
        catch (AssignmentUnresolvedException unresolved)
        {
            // The task is still created, without anyone, so an administrator can reassign it; the incident says why.
            assignment = new TaskAssignment(null, [], []);
            db.Add(new IncidentRecord
            {
                InstanceId = instance.Id, ElementId = created.ElementId, CreatedAt = now,
                Message = $"Task '{created.Name ?? created.ElementId}' ({created.ElementId}) has nobody to work on it. {unresolved.Message} "
                    + "It was created without an assignee; an administrator can reassign it.",
            });
        }
        var task = new TaskRecord
        {
            InstanceId = instance.Id,
            EngineTaskId = created.TaskId,
            ElementId = created.ElementId,
            Name = created.Name,
            ProcessKey = instance.ProcessKey,
            Title = instance.Title,
            FormKey = created.Task.Settings.FormKey,
            Assignee = assignment.Assignee,
            AgencyId = instance.AgencyId,
            Classification = instance.Classification,
            State = TaskStates.Open,
            CreatedAt = now,
            DueAt = created.DueAt,
            RemindAt = created.RemindAt,
            DueProvisional = created.DueProvisional,
            AddedSigner = created.Signer?.UserId,
            OnBehalfOf = assignment.OnBehalfOf,
        };
        task.Candidates.AddRange(assignment.CandidateUsers.Distinct().Select(u => new TaskCandidateRecord { Kind = CandidateKinds.User, Value = u }));
        task.Candidates.AddRange(assignment.CandidateGroups.Distinct().Select(g => new TaskCandidateRecord { Kind = CandidateKinds.Group, Value = g }));
        await db.AddAsync(task, cancellationToken).ConfigureAwait(false); // on PostgreSQL the id (and the candidates' task_id) is known now

        var settings = created.Task.Settings;
        if (created.RemindAt is { } remindAt)
            AddJob(JobKinds.Reminder, created.TaskId, remindAt);
        if (created.DueAt is { } due)
        {
            AddJob(JobKinds.Overdue, created.TaskId, due);
            if (settings.EscalateAfter is { } after)
            {
                var escalateAt = after.DueFrom(due, calendar);
                task.DueProvisional |= calendar.IsProvisional(now, escalateAt);
                // The rule's arguments were evaluated in the task's scope; who holds the position is asked when it falls due.
                var payload = created.EscalateTo is { } rule ? VariablesJson.Serialize(new EscalationPayload(rule.Kind, [.. rule.Arguments])) : null;
                AddJob(JobKinds.Escalation, created.TaskId, escalateAt, payload);
            }
        }
        // The row id is not known yet on SQLite (the batch inserts the task), so the fact names the engine's task id as token.
        Fact(EventKinds.TaskCreated, created.ElementId, "userTask", created.TaskId, outcome: assignment.Assignee,
            data: task.Candidates.Count == 0 ? null : string.Join(",", task.Candidates.Select(c => $"{c.Kind}:{c.Value}")), onBehalfOf: assignment.OnBehalfOf);
        foreach (var recipient in TaskNotifications.Recipients(assignment))
            untracked.Add(TaskNotifications.Create("task.assigned", task, recipient, $"新待办 New task: {created.Name ?? created.ElementId}", instance.Title, now), task);
    }

    /// <summary>Keeps event_subscriptions equal to the message and signal subscriptions in the state.</summary>
    private void ProjectSubscriptions(ProcessState before, ProcessState after)
    {
        static bool Correlatable(Subscription s) => s.Kind is SubscriptionKind.Message or SubscriptionKind.Signal;
        var old = before.Subscriptions.Where(Correlatable).Select(s => s.Id).ToHashSet();
        var current = after.Subscriptions.Where(Correlatable).ToList();
        var removed = old.Except(current.Select(s => s.Id)).ToList();
        if (removed.Count > 0)
            untracked.DeleteSubscriptions(instance.Id, removed);
        foreach (var added in current.Where(s => !old.Contains(s.Id)))
        {
            db.Add(new EventSubscriptionRecord
            {
                InstanceId = instance.Id, SubscriptionId = added.Id, Kind = added.Kind.ToString().ToLowerInvariant(),
                Name = added.Name!, CorrelationKey = added.CorrelationKey, ElementId = added.ElementId,
            });
        }
    }
}

/// <summary>Candidate kinds in <c>task_candidates.kind</c>.</summary>
public static class CandidateKinds
{
    public const string User = "user";
    public const string Group = "group";
}
