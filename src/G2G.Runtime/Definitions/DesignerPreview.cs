using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Execution;
using G2G.Engine.Model;
using G2G.Engine.Validation;
using G2G.Runtime.Assignment;
using G2G.Runtime.Forms;

namespace G2G.Runtime.Definitions;

/// <summary>
/// An open step of a preview: who the organisation would give it to (or why nobody), its deadlines on the working-day
/// calendar, and what completing it asks for (the fields of its deployed form, an opinion).
/// </summary>
/// <param name="TaskId">The engine's task id, named by <see cref="DesignerPreviewService.CompleteTaskAsync"/>.</param>
/// <param name="Rule">The assignment rule with its arguments evaluated (<c>departmentHead('sf-fin-ysc')</c>), or null without one.</param>
/// <param name="Assignment">Who would get the task; null when the rule resolved to nobody (<paramref name="Unresolved"/> says why).</param>
/// <param name="DueProvisional">The due date was counted over a year whose official holidays are not loaded (weekend rule only).</param>
/// <param name="Fields">The fields of the step's form as deployed (the latest version of its key); null when it has no form or it is not deployed.</param>
public sealed record PreviewTask(
    long TaskId, string ElementId, string? Name, string? FormKey, string? Rule, TaskAssignment? Assignment, string? Unresolved,
    DateTimeOffset CreatedAt, DateTimeOffset? DueAt, bool DueProvisional, DateTimeOffset? RemindAt, DateTimeOffset? EscalateAt,
    bool OpinionRequired, IReadOnlyList<FormField>? Fields)
{
    /// <summary>The deployed form as form-js JSON (its labels and options, to draw it); null with <see cref="Fields"/>.</summary>
    public JsonElement? FormJson { get; init; }

    /// <summary>The deployed form the step is checked against when it is completed.</summary>
    internal FormSchema? Schema { get; init; }

    /// <summary>The step has a form key, but no form of that key is deployed: its fields are not checked in the preview.</summary>
    public bool FormMissing => FormKey is not null && Fields is null;
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
public enum PreviewAction { Started, Completed, TimerFired, MessageDelivered, SignalBroadcast, CallCompleted }

/// <summary>
/// One step of the preview: the command (<paramref name="Action"/> at <paramref name="ElementId"/>, with the
/// outcome chosen), the elements it passed through, and the service tasks it reached without running their action.
/// </summary>
public sealed record PreviewStep(PreviewAction Action, string? ElementId, string? Outcome, DateTimeOffset At,
    IReadOnlyList<string> Passed, IReadOnlyList<PreviewServiceCall> ServicesNotRun);

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

    /// <summary>The process variables now.</summary>
    public IReadOnlyDictionary<string, Engine.Expressions.Value> Variables => State.Variables;

    /// <summary>The name of an element of the diagram run; null for a flow or an element without a name.</summary>
    public string? ElementName(string elementId) => Definition?.FindNode(elementId)?.Name;

    internal ProcessDefinition? Definition { get; init; }

    internal ProcessState State { get; init; } = ProcessState.Empty;

    /// <summary>The open tasks by the engine's task id.</summary>
    internal ImmutableDictionary<long, PreviewTask> Tasks { get; init; } = ImmutableDictionary<long, PreviewTask>.Empty;

    /// <summary>The call activities waiting for their process, by token id.</summary>
    internal ImmutableDictionary<long, PreviewWait> Calls { get; init; } = ImmutableDictionary<long, PreviewWait>.Empty;
}
