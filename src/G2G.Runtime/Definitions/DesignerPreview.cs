using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Validation;
using G2G.Runtime.Assignment;
using G2G.Runtime.Forms;
using G2G.Runtime.Queries;

namespace G2G.Runtime.Definitions;

/// <summary>
/// An open step of a preview: who the organisation would give it to (or why nobody), its deadlines on the working-day
/// calendar, what completing it asks for (the fields of its form, an opinion) and what else its step allows (退回 to
/// which steps, 加签).
/// </summary>
/// <param name="TaskId">The engine's task id, named by <see cref="DesignerPreviewService.CompleteTaskAsync"/>.</param>
/// <param name="Rule">The assignment rule with its arguments evaluated (<c>departmentHead('sf-fin-ysc')</c>), or null without one.</param>
/// <param name="Assignment">Who would get the task; null when the rule resolved to nobody (<paramref name="Unresolved"/> says why).</param>
/// <param name="DueProvisional">The due date was counted over a year whose official holidays are not loaded (weekend rule only).</param>
/// <param name="Fields">
/// The fields of the step's form: as edited in the draft, else as the version the draft is based on shows it (the form
/// deployed with it, else the latest of its key); null when it has no form or none was ever deployed.
/// </param>
public sealed record PreviewTask(
    long TaskId, string ElementId, string? Name, string? FormKey, string? Rule, TaskAssignment? Assignment, string? Unresolved,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool DueProvisional, DateTimeOffset? RemindAt, DateTimeOffset? EscalateAt,
    bool OpinionRequired, IReadOnlyList<FormField>? Fields)
{
    /// <summary>The form as form-js JSON (its labels and options, to draw it); null with <see cref="Fields"/>.</summary>
    public JsonElement? FormJson { get; init; }

    /// <summary>The form is the one edited in the draft (not yet published).</summary>
    public bool FormFromDraft { get; init; }

    /// <summary>The form the step is checked against when it is completed.</summary>
    internal FormSchema? Schema { get; init; }

    /// <summary>The step has a form key, but no form of that key is edited or deployed: its fields are not checked in the preview.</summary>
    public bool FormMissing => FormKey is not null && Fields is null;

    /// <summary>The human operations the step allows (<c>g2g:operations</c>).</summary>
    public TaskOperations Operations { get; init; }

    /// <summary>The earlier steps this task may send its work back to (退回), as the task page offers them; empty when it may not.</summary>
    public IReadOnlyList<StepRef> SendBackTargets { get; init; } = [];

    /// <summary>This task is a signer's added by 加签 (before or after the step's own assignee).</summary>
    public AddedSigner? Signer { get; init; }

    /// <summary>The signers added after this task who have not acted yet (减签 may remove them).</summary>
    public IReadOnlyList<string> PendingSigners { get; init; } = [];

    /// <summary>For a multi-instance step (会签/或签/票签): which instance this task is, from 0.</summary>
    public int? LoopCounter { get; init; }

    /// <summary>Who the task is with: its assignee (a signer's task: the signer), or null for candidates or nobody.</summary>
    public string? Holder => Signer?.UserId ?? Assignment?.Assignee;
}

/// <summary>The progress of a multi-instance step (会签/或签/票签, 依次审批): instances done, their outcomes, and when it ends.</summary>
public sealed record PreviewMultiInstance(string ElementId, bool Sequential, int Instances, int Completed, int Approved, int Rejected,
    string? CompletionCondition);

/// <summary>How a preview may start: the none start event, or a message, timer or signal start event.</summary>
public enum PreviewStartKind { None, Message, Timer, Signal }

/// <summary>A start event of the diagram's process: its kind and what triggers it (the message or signal name, the timer).</summary>
public sealed record PreviewStart(string ElementId, string? Name, PreviewStartKind Kind, string? Trigger);

/// <summary>
/// What a preview runs: the diagram, the forms edited with it (by form key; any other key is drawn as the version
/// <see cref="BasedOnKey"/> <see cref="BasedOnVersion"/> shows it), who starts it, at which start event (none: the none
/// start event) and with which variables (standing in for what service tasks would set, or a message's payload).
/// </summary>
public sealed record PreviewRequest(string Xml, string? Initiator)
{
    public IReadOnlyDictionary<string, string> Forms { get; init; } = ImmutableDictionary<string, string>.Empty;

    public string? BasedOnKey { get; init; }

    public int? BasedOnVersion { get; init; }

    public string? StartEventId { get; init; }

    public IReadOnlyDictionary<string, Value>? Variables { get; init; }
}

/// <summary>What a preview's token waits for besides a person: a timer, a message, a signal, or a called process.</summary>
public enum PreviewWaitKind { Timer, Message, Signal, Call }

/// <summary>
/// Something the preview waits for that the designer triggers by hand: a timer (fired at <paramref name="DueAt"/>), a
/// message or signal (<paramref name="Name"/>), or the process a call activity calls (<paramref name="Name"/>: its key).
/// <paramref name="Id"/> is the subscription's id, or for a call the waiting token's.
/// </summary>
public sealed record PreviewWait(PreviewWaitKind Kind, long Id, string ElementId, string? ElementName, string? Name, DateTimeOffset? DueAt);

/// <summary>What one command of the preview did.</summary>
public enum PreviewAction
{
    Started, Completed, SentBack, SignerAdded, SignerRemoved, TimerFired, MessageDelivered, SignalBroadcast, CallCompleted,
}

/// <summary>
/// One step of the preview (the trace): the command (<paramref name="Action"/> at <paramref name="ElementId"/>, with the
/// outcome chosen), the elements it passed through, and the service tasks it reached without running their action; who
/// did it, what it named (the send-back's target, the signer), and the tasks it opened and closed.
/// </summary>
public sealed record PreviewStep(PreviewAction Action, string? ElementId, string? Outcome, DateTimeOffset At,
    IReadOnlyList<string> Passed, IReadOnlyList<PreviewServiceCall> ServicesNotRun)
{
    /// <summary>Who did it: the holder of the task acted on, or for the start the initiator.</summary>
    public string? By { get; init; }

    /// <summary>The step the work was sent back to (退回), or the signer added or removed (加签, 减签).</summary>
    public string? Target { get; init; }

    /// <summary>How the sent-back work continues.</summary>
    public ResumeMode? Resume { get; init; }

    /// <summary>Where the signer was added.</summary>
    public SignerPosition? Position { get; init; }

    /// <summary>The tasks the step opened, each with who would get it.</summary>
    public IReadOnlyList<PreviewTaskChange> Opened { get; init; } = [];

    /// <summary>The tasks it closed without their completion (interrupted, sent back over, a 会签's rule met), each with why.</summary>
    public IReadOnlyList<PreviewTaskChange> Closed { get; init; } = [];
}

/// <summary>A task a step opened (<paramref name="Person"/>: who gets it) or closed (<paramref name="Reason"/>: why).</summary>
public sealed record PreviewTaskChange(string ElementId, string? Person, CancelReason? Reason = null);

/// <summary>A service task the preview reached: its action is not run (it would read and write business data).</summary>
public sealed record PreviewServiceCall(string ElementId, string Action);

/// <summary>
/// A run of a diagram on the engine that the database never sees: its state lives in this object (held by the page)
/// and every command gives a new one. A diagram the validator refuses has <see cref="Diagnostics"/> with errors and
/// nothing else.
/// </summary>
public sealed record PreviewRun
{
    public PreviewRun(IReadOnlyList<Diagnostic> diagnostics) => Diagnostics = diagnostics;

    /// <summary>The validator's messages on the diagram (the same as 校验 and a deploy give).</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    /// <summary>The diagram has errors: it was not run.</summary>
    public bool Refused => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The process run (the diagram's first executable process).</summary>
    public string? ProcessKey { get; init; }

    /// <summary>Who started it: a user of the organisation (their department and agency serve the rules), or any id.</summary>
    public string? Initiator { get; init; }

    /// <summary>The initiator's agency: its calendar counts the due dates.</summary>
    public string? AgencyId { get; init; }

    /// <summary>The preview's clock: the time of the last command, moved forward when a timer is fired.</summary>
    public DateTimeOffset Now { get; init; }

    public ProcessStatus Status => State.Status;

    public IReadOnlyList<PreviewTask> OpenTasks { get; init; } = [];

    public IReadOnlyList<PreviewWait> Waits { get; init; } = [];

    /// <summary>Steps that failed (a condition over a variable nobody set, an expression error): the engine's incidents.</summary>
    public IReadOnlyList<Incident> Incidents => State.Incidents;

    public IReadOnlyList<PreviewStep> Steps { get; init; } = [];

    /// <summary>Where the tokens are: the elements they rest at.</summary>
    public IReadOnlyList<string> Current => [.. State.Tokens.Select(t => t.ElementId).Distinct(StringComparer.Ordinal)];

    /// <summary>The elements completed and the flows taken so far.</summary>
    public IReadOnlyList<string> Taken { get; init; } = [];

    /// <summary>The multi-instance steps running now, with their progress (the counters the engine keeps for their rules).</summary>
    public IReadOnlyList<PreviewMultiInstance> MultiInstances => [.. State.Scopes
        .Where(s => s is { Kind: ScopeKind.MultiInstanceBody, Loop: not null })
        .Select(s => (Scope: s, Loop: (Definition?.FindNode(s.ElementId) as Engine.Model.Activities.Activity)?.MultiInstance))
        .Where(s => s.Loop is not null)
        .Select(s => new PreviewMultiInstance(s.Scope.ElementId, s.Loop!.IsSequential, s.Scope.Loop!.Items.Length, s.Scope.Loop.Completed,
            Counter(s.Scope, "nrOfApproved"), Counter(s.Scope, "nrOfRejected"), s.Loop.CompletionCondition?.Source))];

    private static int Counter(ScopeState body, string name) => body.Variables.GetValueOrDefault(name) is NumberValue { Value: var n } ? (int)n : 0;

    /// <summary>The process variables now.</summary>
    public IReadOnlyDictionary<string, Engine.Expressions.Value> Variables => State.Variables;

    /// <summary>The name of an element of the diagram run; null for a flow or an element without a name.</summary>
    public string? ElementName(string elementId) => Definition?.FindNode(elementId)?.Name;

    internal ProcessDefinition? Definition { get; init; }

    /// <summary>Where the steps' forms come from (the draft's, else the version it is based on).</summary>
    internal PreviewRequest? Request { get; init; }

    internal ProcessState State { get; init; } = ProcessState.Empty;

    /// <summary>The open tasks by the engine's task id.</summary>
    internal ImmutableDictionary<long, PreviewTask> Tasks { get; init; } = ImmutableDictionary<long, PreviewTask>.Empty;

    /// <summary>The call activities waiting for their process, by token id.</summary>
    internal ImmutableDictionary<long, PreviewWait> Calls { get; init; } = ImmutableDictionary<long, PreviewWait>.Empty;
}
