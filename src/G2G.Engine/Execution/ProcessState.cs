using System.Collections.Immutable;

namespace G2G.Engine.Execution;

/// <summary>Lifecycle of a process instance.</summary>
public enum ProcessStatus { NotStarted, Running, Completed, Terminated, Cancelled }

/// <summary>
/// The whole durable state of one process instance: small, immutable and JSON-serialisable
/// (<see cref="ProcessStateJson"/>). The runtime stores it as one column next to a version number.
/// </summary>
public sealed record ProcessState
{
    public static ProcessState Empty { get; } = new();

    /// <summary>
    /// The stored format this state is in (<see cref="ProcessStateJson.CurrentFormat"/>), written as the JSON's first member;
    /// state stored before the number was written has none and is format 1. A reader refuses a newer number
    /// (<see cref="StateFormatException"/>) instead of misreading it.
    /// </summary>
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public int Format { get; init; } = ProcessStateJson.CurrentFormat;

    public ProcessStatus Status { get; init; }

    /// <summary>The next instance-local id for tokens, scopes, subscriptions and incidents.</summary>
    public long NextId { get; init; } = 1;

    public ImmutableArray<Token> Tokens { get; init; } = [];
    public ImmutableArray<ScopeState> Scopes { get; init; } = [];
    public ImmutableArray<Subscription> Subscriptions { get; init; } = [];
    public ImmutableArray<Incident> Incidents { get; init; } = [];
    public ImmutableArray<CompletionRecord> Completions { get; init; } = [];

    /// <summary>The process-level variables (the root scope's).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ImmutableDictionary<string, Expressions.Value> Variables =>
        Scopes.IsDefaultOrEmpty ? ImmutableDictionary<string, Expressions.Value>.Empty : Scopes[0].Variables;
}
