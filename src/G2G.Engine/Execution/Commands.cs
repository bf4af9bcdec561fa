using G2G.Engine.Expressions;

namespace G2G.Engine.Execution;

/// <summary>Something that happens to a process instance. Each command is one <see cref="ProcessExecutor.Execute"/> call.</summary>
public abstract record Command;

/// <summary>Start a new instance at its none start event, or at the named start event (timer or message start).</summary>
public sealed record StartProcess(IReadOnlyDictionary<string, Value>? Variables = null, string? StartEventId = null) : Command;

/// <summary>Complete a user task with output variables and an outcome such as <c>approve</c> or <c>reject</c>.</summary>
public sealed record CompleteTask(long TaskId, IReadOnlyDictionary<string, Value>? Variables = null, string? Outcome = null) : Command;

/// <summary>A scheduled timer of the instance is due.</summary>
public sealed record FireTimer(long SubscriptionId) : Command;

/// <summary>A message arrived for this instance (the runtime matched the correlation key).</summary>
public sealed record CorrelateMessage(string MessageName, IReadOnlyDictionary<string, Value>? Variables = null) : Command;

/// <summary>A signal was broadcast; every matching subscription of the instance triggers.</summary>
public sealed record BroadcastSignal(string SignalName, IReadOnlyDictionary<string, Value>? Variables = null) : Command;

/// <summary>Cancel the whole instance (终止, by an administrator).</summary>
public sealed record CancelProcess(string? Reason = null) : Command;

/// <summary>How a sent-back (退回) step continues once it is done again.</summary>
public enum ResumeMode
{
    /// <summary>Follow the flow from the corrected step onwards, repeating every step in between.</summary>
    FromTop,

    /// <summary>Jump straight back to the step that sent the work back.</summary>
    ReturnToSender,
}

/// <summary>退回: move the work of a task back to an earlier user task.</summary>
public sealed record SendBack(long TaskId, string TargetElementId, ResumeMode Resume = ResumeMode.FromTop) : Command;

/// <summary>撤回: the actor of a completed user task takes it back while the tasks it produced are untouched.</summary>
public sealed record Withdraw(string ElementId) : Command;

/// <summary>加签: add a signer before or after the current assignee of a task.</summary>
public sealed record AddSigner(long TaskId, string UserId, SignerPosition Position) : Command;

/// <summary>减签: remove an added signer who has not acted yet.</summary>
public sealed record RemoveSigner(long TaskId, string UserId) : Command;

/// <summary>A child instance started by a call activity completed with its output variables.</summary>
public sealed record CompleteChild(long TokenId, IReadOnlyDictionary<string, Value>? Variables = null) : Command;

/// <summary>A child instance ended with an uncaught BPMN error, which is thrown at the call activity.</summary>
public sealed record FailChild(long TokenId, string ErrorCode, string? Message = null) : Command;

/// <summary>A user task ends by throwing a BPMN error (caught by an error boundary event on it or around it).</summary>
public sealed record ThrowTaskError(long TaskId, string ErrorCode, IReadOnlyDictionary<string, Value>? Variables = null) : Command;

/// <summary>Run the failed step of an incident again.</summary>
public sealed record RetryIncident(long IncidentId) : Command;
