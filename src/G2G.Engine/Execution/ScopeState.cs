using System.Collections.Immutable;
using G2G.Engine.Expressions;

namespace G2G.Engine.Execution;

/// <summary>The kinds of scope instance a process instance is made of.</summary>
public enum ScopeKind { Process, SubProcess, EventSubProcess, MultiInstanceBody, MultiInstanceItem }

/// <summary>
/// A scope instance: the process itself, a running subprocess, an event subprocess, or the body and
/// items of a multi-instance activity. Variables live here; lookups walk up the parent chain.
/// </summary>
public sealed record ScopeState
{
    public required long Id { get; init; }
    public required ScopeKind Kind { get; init; }

    /// <summary>The process, subprocess or multi-instance activity this scope instantiates.</summary>
    public required string ElementId { get; init; }

    public long? ParentId { get; init; }

    /// <summary>The token in the parent scope that waits while this scope runs.</summary>
    public long? OwnerTokenId { get; init; }

    public ImmutableDictionary<string, Value> Variables { get; init; } = ImmutableDictionary<string, Value>.Empty;

    /// <summary>Counters and remaining items of a multi-instance body.</summary>
    public MultiInstanceState? Loop { get; init; }
}

/// <summary>Progress of a multi-instance activity (会签/或签/票签, 依次审批).</summary>
public sealed record MultiInstanceState
{
    public required ImmutableArray<Value> Items { get; init; }
    public int Started { get; init; }
    public int Active { get; init; }
    public int Completed { get; init; }

    /// <summary>How many instances completed with each outcome (e.g. approve: 3, reject: 1).</summary>
    public ImmutableDictionary<string, int> Outcomes { get; init; } = ImmutableDictionary<string, int>.Empty;
}
