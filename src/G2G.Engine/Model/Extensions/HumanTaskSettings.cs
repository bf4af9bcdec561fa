using G2G.Engine.Time;

namespace G2G.Engine.Model.Extensions;

/// <summary>Human operations a user task may allow (<c>g2g:operations</c>).</summary>
[Flags]
public enum TaskOperations
{
    None = 0,
    SendBack = 1,
    Withdraw = 2,
    AddSigner = 4,
    Transfer = 8,
    Delegate = 16,
    Copy = 32,
    Urge = 64,
}

/// <summary>Whether a decision needs a written opinion (审批意见).</summary>
public enum OpinionPolicy { Optional, Required, None }

/// <summary>
/// The G2G extensions of a user task (docs/bpmn-extensions.md): who does it, with which form,
/// by when, which human operations are allowed and whether an opinion is required.
/// </summary>
public sealed record HumanTaskSettings
{
    public static HumanTaskSettings Default { get; } = new();

    public AssignmentRule? Assignment { get; init; }
    public string? FormKey { get; init; }
    public DeadlineSpec? Due { get; init; }
    public DeadlineSpec? RemindBefore { get; init; }
    public DeadlineSpec? RemindEvery { get; init; }
    public DeadlineSpec? EscalateAfter { get; init; }
    public AssignmentRule? EscalateTo { get; init; }
    public TaskOperations Operations { get; init; }

    /// <summary>Elements a send back may target; "previous" and "initiator" are keywords; empty with SendBack allowed means any earlier user task.</summary>
    public IReadOnlyList<string> SendBackTargets { get; init; } = [];

    public OpinionPolicy Opinion { get; init; }
}
