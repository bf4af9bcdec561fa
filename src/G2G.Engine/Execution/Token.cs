using System.Collections.Immutable;

namespace G2G.Engine.Execution;

/// <summary>What a token at rest is doing.</summary>
public enum TokenState
{
    /// <summary>Waiting for the outside world or for other tokens (a task, a message, a timer, a join).</summary>
    Waiting,

    /// <summary>Stopped by an incident; an administrator retries it.</summary>
    Failed,
}

/// <summary>Which side of the current step an added signer (加签) acts on.</summary>
public enum SignerPosition { Before, After }

/// <summary>A person added to a user task by 加签, acting before or after the task's own assignee.</summary>
public sealed record AddedSigner(string UserId, SignerPosition Position);

/// <summary>
/// A token: one thread of control resting at a flow node inside a scope instance. Everything beyond
/// the element and scope is optional and only set where a feature needs it.
/// </summary>
public sealed record Token
{
    public required long Id { get; init; }
    public required string ElementId { get; init; }
    public required long ScopeId { get; init; }
    public TokenState State { get; init; }

    /// <summary>The sequence flow the token arrived by (joins count arrivals per incoming flow).</summary>
    public string? ArrivedVia { get; init; }

    /// <summary>After a send back with "return to sender", the element the token jumps back to.</summary>
    public string? ReturnTo { get; init; }

    /// <summary>When set, the current task belongs to this added signer rather than the step's own assignee.</summary>
    public AddedSigner? Signer { get; init; }

    /// <summary>Added signers still to act on this step, in order.</summary>
    public ImmutableArray<AddedSigner> PendingSigners { get; init; } = [];

    /// <summary>Whether the step's own assignee has already completed (signers after it remain).</summary>
    public bool OwnerDone { get; init; }

    /// <summary>In a standard loop: how many iterations of the activity are done.</summary>
    public int? LoopCounter { get; init; }

    /// <summary>The token at its next element: everything that belonged to the step it left is cleared.</summary>
    internal Token MovedTo(string elementId, string? arrivedVia) =>
        this with
        {
            ElementId = elementId, ArrivedVia = arrivedVia, ReturnTo = null, Signer = null, PendingSigners = [], OwnerDone = false,
            LoopCounter = null,
        };
}
