using System.Text.Json.Serialization;

namespace G2G.Engine.Execution;

/// <summary>What an event subscription waits for.</summary>
public enum SubscriptionKind { Timer, Message, Signal, Conditional }

/// <summary>
/// An armed catching event: a timer, message, signal or condition that an intermediate event, receive task,
/// event-based gateway, boundary event or event subprocess start waits for.
/// </summary>
public sealed record Subscription
{
    public required long Id { get; init; }
    public required SubscriptionKind Kind { get; init; }

    /// <summary>The catching element (boundary event, catch event, receive task, or event subprocess start).</summary>
    public required string ElementId { get; init; }

    /// <summary>The waiting token, or the activity token a boundary event is attached to; null for event subprocess starts.</summary>
    public long? TokenId { get; init; }

    /// <summary>The scope instance whose event subprocess start this is; null otherwise.</summary>
    public long? ScopeId { get; init; }

    /// <summary>Message or signal name.</summary>
    public string? Name { get; init; }

    /// <summary>For a message: the correlation key evaluated when the subscription was armed (g2g:correlationKey).</summary>
    public string? CorrelationKey { get; init; }

    public DateTimeOffset? DueAt { get; init; }
    public DateTimeOffset ArmedAt { get; init; }

    /// <summary>How often a repeating timer has fired already.</summary>
    public int Fired { get; init; }

    /// <summary>For a condition: whether it held at the last check (it triggers again only after being false).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool ConditionHeld { get; init; }
}

/// <summary>An instance-level problem that stops a token until an administrator retries it.</summary>
public sealed record Incident(long Id, long TokenId, string ElementId, string Message, DateTimeOffset At);

/// <summary>The latest completion of a user task: which tokens it produced (撤回 may reopen it while they are untouched).</summary>
public sealed record CompletionRecord(string ElementId, long ScopeId, System.Collections.Immutable.ImmutableArray<TokenPosition> Produced);
