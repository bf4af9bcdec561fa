using G2G.Runtime.Assignment;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;

namespace G2G.Runtime.Notifications;

/// <summary>Notifications about a task: who receives them, and the outbox row with its idempotent id.</summary>
public static class TaskNotifications
{
    /// <summary>The assignee, else every candidate; groups are addressed as <c>group:&lt;name&gt;</c> for the organisation to expand.</summary>
    public static IEnumerable<string> Recipients(TaskAssignment assignment)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        return assignment.Assignee is { } assignee
            ? [assignee]
            : assignment.CandidateUsers.Distinct().Concat(assignment.CandidateGroups.Distinct().Select(g => $"group:{g}"));
    }

    /// <summary>Who holds a task row now: its assignee, else its candidates.</summary>
    public static IEnumerable<string> Recipients(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return Recipients(new TaskAssignment(task.Assignee,
            [.. task.Candidates.Where(c => c.Kind == CandidateKinds.User).Select(c => c.Value)],
            [.. task.Candidates.Where(c => c.Kind == CandidateKinds.Group).Select(c => c.Value)]));
    }

    /// <summary>
    /// An outbox row about a task, linking to the task's row id (never the engine's task number, which is only unique
    /// within its instance). The notification id is <c>kind:instance:engine task:recipient</c> plus a discriminator that
    /// tells repeated notices apart; delivery is idempotent on it. A task not yet inserted (id 0 on SQLite) gets its id
    /// from <see cref="Instances.UntrackedWrites"/> when the row is written.
    /// </summary>
    public static OutboxRecord Create(string kind, TaskRecord task, string recipient, string subject, string? body,
        DateTimeOffset createdAt, string discriminator = "")
    {
        ArgumentNullException.ThrowIfNull(task);
        return new()
        {
            NotificationId = $"{kind}:{task.InstanceId}:{task.EngineTaskId}:{recipient}{discriminator}",
            Kind = kind, Recipient = recipient, Subject = subject, Body = body,
            InstanceId = task.InstanceId, TaskId = task.Id, CreatedAt = createdAt,
        };
    }
}
