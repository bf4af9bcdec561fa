using System.Collections.Immutable;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;

namespace G2G.Engine.Execution;

/// <summary>Something the outside world must do after a command: a row to write, a job to schedule, a message to send.</summary>
public abstract record Effect;

/// <summary>
/// A user task became available. <paramref name="Assignment"/> holds the rule with its arguments already evaluated, and
/// <see cref="EscalateTo"/> the g2g:escalateTo rule likewise (evaluated in the task's scope, which is gone by the
/// time the escalation falls due; the runtime resolves it against the organisation then).
/// </summary>
public sealed record TaskCreated(
    long TaskId, string ElementId, string? Name, UserTask Task, ResolvedAssignment? Assignment,
    DateTimeOffset? DueAt, DateTimeOffset? RemindAt, AddedSigner? Signer, int? LoopCounter) : Effect
{
    /// <summary>The due date was counted over a year whose official holidays are not loaded (weekend rule only).</summary>
    public bool DueProvisional { get; init; }

    /// <summary>The g2g:escalateTo rule with its arguments evaluated, when the task escalates.</summary>
    public ResolvedAssignment? EscalateTo { get; init; }
}

/// <summary>Why a task disappeared without being completed.</summary>
public enum CancelReason { Interrupted, SentBack, Withdrawn, SignerAdded, SignerRemoved, CompletionConditionMet, ProcessCancelled, Terminated }

public sealed record TaskCancelled(long TaskId, string ElementId, CancelReason Reason) : Effect;

public sealed record TimerScheduled(long SubscriptionId, string ElementId, DateTimeOffset DueAt) : Effect;

public sealed record TimerCancelled(long SubscriptionId) : Effect;

/// <summary>A message to deliver (send task, message throw or end event). The runtime correlates it by name and key.</summary>
public sealed record MessageSent(string MessageName, string ElementId, string? CorrelationKey, ImmutableDictionary<string, Value> Payload) : Effect;

public sealed record SignalThrown(string SignalName, string ElementId, ImmutableDictionary<string, Value> Payload) : Effect;

/// <summary>A call activity wants a child instance of <paramref name="ProcessKey"/>; report back with CompleteChild or FailChild.</summary>
public sealed record ChildProcessRequested(long TokenId, string ElementId, string ProcessKey, int? Version, ImmutableDictionary<string, Value> Variables) : Effect;

public sealed record ChildProcessCancelled(long TokenId, string ElementId) : Effect;

/// <summary>The instance completed; the variables are its result (a parent's call activity maps them).</summary>
public sealed record ProcessCompleted(ImmutableDictionary<string, Value> Variables) : Effect;

public sealed record ProcessTerminated(string ElementId) : Effect;

public sealed record ProcessCancelled(string? Reason) : Effect;

/// <summary>A BPMN error nobody in this instance caught; a parent call activity may catch it.</summary>
public sealed record ProcessErrored(string ErrorCode, string ElementId) : Effect;

public sealed record IncidentRaised(Incident Incident) : Effect;

public sealed record IncidentResolved(long IncidentId) : Effect;

/// <summary>What happened to an element, for history and for drawing the path taken.</summary>
public enum ElementPhase { Started, Completed, Cancelled, Taken }

/// <summary>A history entry: an element started, completed or was cancelled; or a sequence flow was taken.</summary>
public sealed record ElementEvent(string ElementId, string Kind, ElementPhase Phase, long TokenId) : Effect;
