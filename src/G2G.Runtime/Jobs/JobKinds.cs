using G2G.Engine.Expressions;
using G2G.Runtime.Organisation;

namespace G2G.Runtime.Jobs;

/// <summary>The kinds of background job and what each one does when it falls due.</summary>
public static class JobKinds
{
    /// <summary>A BPMN timer of an instance fires (target: subscription id).</summary>
    public const string Timer = "timer";

    /// <summary>
    /// A process's timer start event falls due: start an instance of the version that armed it (target: its definition id;
    /// the payload is a <see cref="TimerStartPayload"/>; see <see cref="TimerStarts"/>).
    /// </summary>
    public const string TimerStart = "timer-start";

    /// <summary>A task's reminder before its due date (target: engine task id).</summary>
    public const string Reminder = "reminder";

    /// <summary>A task is overdue: notify, and again every g2g:remindEvery.</summary>
    public const string Overdue = "overdue";

    /// <summary>A task is escalated to its supervisor (督办).</summary>
    public const string Escalation = "escalation";

    /// <summary>
    /// Deliver a message to the instances waiting for it (as one delivery job each, whose target is the receiving
    /// instance) or start one by message.
    /// </summary>
    public const string Message = "message";

    /// <summary>Broadcast a signal to every other waiting instance (as one delivery job each, whose target is the receiving instance).</summary>
    public const string Signal = "signal";

    /// <summary>Start an instance of a process at its signal start event (no target; the payload names both).</summary>
    public const string SignalStart = "signal-start";

    /// <summary>Start the child instance a call activity asked for (target: the call's token id).</summary>
    public const string StartChild = "start-child";

    /// <summary>Report a child's completion or error to its parent's call activity.</summary>
    public const string ChildResult = "child-result";

    /// <summary>Cancel a child whose call activity was interrupted (target: the call's token id).</summary>
    public const string CancelChild = "cancel-child";
}

/// <summary>The states of a job (<c>jobs.state</c>): waiting to fall due (and to be leased), or failed every retry (with an incident).</summary>
public static class JobStates
{
    public const string Pending = "pending";
    public const string Failed = "failed";
}

/// <summary>A message to deliver; <see cref="Start"/> says whom an instance it starts belongs to.</summary>
public sealed record MessagePayload(string Name, string? CorrelationKey, Dictionary<string, Value> Variables, long SourceInstanceId,
    MessageStart? Start = null);

/// <summary>
/// The agency, 密级, initiator (none: the instance belongs to its agency) and title of an instance a message starts, as the
/// message names them: a document dispatched to an agency starts that agency's 收文 at the document's classification,
/// titled with the document's title (which its tasks then carry in every 待办). A BPMN message thrown by an instance
/// names its sender's classification, so nothing it starts is less classified.
/// </summary>
public sealed record MessageStart(string? AgencyId, ClearanceLevel Classification, string? Initiator = null, string? Title = null);

public sealed record SignalPayload(string Name, Dictionary<string, Value> Variables, long SourceInstanceId);

public sealed record SignalStartPayload(string ProcessKey, string StartEventId, Dictionary<string, Value> Variables);

public sealed record StartChildPayload(string ProcessKey, int? Version, string ElementId, Dictionary<string, Value> Variables);

/// <summary>An escalation's g2g:escalateTo rule with its arguments evaluated when the task was created (absent: the default).</summary>
public sealed record EscalationPayload(string Kind, Value[] Arguments);

public sealed record ChildResultPayload(Dictionary<string, Value>? Variables, string? ErrorCode);
