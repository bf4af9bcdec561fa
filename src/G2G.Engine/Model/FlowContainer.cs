using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;

namespace G2G.Engine.Model;

/// <summary>The nodes and flows directly inside a process or a subprocess.</summary>
public sealed class FlowContainer
{
    internal FlowContainer(BpmnElement owner, FlowContainer? parent)
    {
        Owner = owner;
        Parent = parent;
    }

    /// <summary>The process or subprocess that owns this container.</summary>
    public BpmnElement Owner { get; internal set; }

    /// <summary>The enclosing container; null for the process itself.</summary>
    public FlowContainer? Parent { get; }

    public IReadOnlyList<FlowNode> Nodes { get; internal set; } = [];
    public IReadOnlyList<SequenceFlow> Flows { get; internal set; } = [];

    /// <summary>Start events a scope instance starts from (none-start events; timer/message starts of the process).</summary>
    public IReadOnlyList<StartEvent> StartEvents { get; internal set; } = [];

    /// <summary>
    /// Where a scope without any start event begins: its flow nodes without incoming sequence flows, each entered
    /// by a token of its own when the scope starts. Empty when the container has start events.
    /// </summary>
    public IReadOnlyList<FlowNode> ImplicitStarts { get; internal set; } = [];

    /// <summary>Event subprocesses directly inside this container.</summary>
    public IReadOnlyList<SubProcess> EventSubProcesses { get; internal set; } = [];

    /// <summary>The none start event used when the scope is entered, if there is exactly one.</summary>
    public StartEvent? NoneStart => StartEvents.FirstOrDefault(s => s.Definition is null);
}
