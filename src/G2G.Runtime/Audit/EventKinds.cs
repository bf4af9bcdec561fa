using G2G.Engine.Execution;

namespace G2G.Runtime.Audit;

/// <summary>
/// The kinds of the facts in an instance's event log that the runtime writes itself; a command's own record takes
/// its action's name (<c>instance.started</c>, <c>task.completed</c>, <c>task.transferred</c>, …).
/// </summary>
public static class EventKinds
{
    public const string ElementStarted = "element.started", ElementCompleted = "element.completed", ElementCancelled = "element.cancelled";
    public const string FlowTaken = "flow.taken";
    public const string TaskCreated = "task.created";
    public const string TaskReminder = "task.reminder", TaskOverdue = "task.overdue", TaskEscalated = "task.escalated";
    public const string CopyRead = "task.copy-read";
    public const string IncidentRaised = "incident.raised";

    /// <summary>The facts of the path the engine took, with no actor: the history view, not the audit trail.</summary>
    public static readonly string[] Path = [ElementStarted, ElementCompleted, ElementCancelled, FlowTaken];

    /// <summary>Facts that neither the path nor the audit trail shows (only the timeline).</summary>
    public static readonly string[] TimelineOnly = [TaskCreated, IncidentRaised];

    /// <summary>Notices about a task's deadline, shown on the path (as before the event log) and in the audit trail.</summary>
    public static readonly string[] DeadlineNotices = [TaskReminder, TaskOverdue, TaskEscalated];

    /// <summary>The kind of an engine history step.</summary>
    public static string Of(ElementPhase phase) => phase switch
    {
        ElementPhase.Started => ElementStarted,
        ElementPhase.Completed => ElementCompleted,
        ElementPhase.Cancelled => ElementCancelled,
        _ => FlowTaken,
    };

    /// <summary>The phase name the history view has always shown for a kind (<c>Completed</c>, <c>Taken</c>, <c>task.reminder</c>).</summary>
    public static string Phase(string kind) => kind switch
    {
        ElementStarted => nameof(ElementPhase.Started),
        ElementCompleted => nameof(ElementPhase.Completed),
        ElementCancelled => nameof(ElementPhase.Cancelled),
        FlowTaken => nameof(ElementPhase.Taken),
        _ => kind,
    };
}

/// <summary>The views of an instance's event log, as queries.</summary>
public static class InstanceEventViews
{
    /// <summary>The path (history): the engine's element and flow facts and the deadline notices.</summary>
    public static IQueryable<Persistence.InstanceEventRecord> PathSteps(this IQueryable<Persistence.InstanceEventRecord> events) =>
        events.Where(e => EventKinds.Path.Contains(e.Kind) || EventKinds.DeadlineNotices.Contains(e.Kind));

    /// <summary>The audit trail: every fact but the engine's path and the timeline-only ones.</summary>
    public static IQueryable<Persistence.InstanceEventRecord> AuditTrail(this IQueryable<Persistence.InstanceEventRecord> events) =>
        events.Where(e => !EventKinds.Path.Contains(e.Kind) && !EventKinds.TimelineOnly.Contains(e.Kind));
}
