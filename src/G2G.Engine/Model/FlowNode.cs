using G2G.Engine.Execution;

namespace G2G.Engine.Model;

/// <summary>
/// A node that tokens visit: an event, an activity or a gateway. Each kind overrides
/// <see cref="Enter"/> with its execution semantics.
/// </summary>
public abstract class FlowNode : BpmnElement
{
    private readonly List<SequenceFlow> _incoming = [];
    private readonly List<SequenceFlow> _outgoing = [];

    protected FlowNode(string id, string? name, string kind, SourcePosition position) : base(id, name, kind, position) { }

    /// <summary>The process or subprocess that directly contains this node.</summary>
    public FlowContainer Container { get; internal set; } = null!;

    /// <summary>Dense index of the node within its definition, for bit sets.</summary>
    public int Index { get; internal set; }

    public IReadOnlyList<SequenceFlow> Incoming => _incoming;
    public IReadOnlyList<SequenceFlow> Outgoing => _outgoing;

    /// <summary>The default flow of an exclusive or inclusive gateway or an activity; null when none.</summary>
    public SequenceFlow? DefaultFlow { get; internal set; }

    internal void AddIncoming(SequenceFlow flow) => _incoming.Add(flow);
    internal void AddOutgoing(SequenceFlow flow) => _outgoing.Add(flow);

    /// <summary>A token arrives at this node. The node either waits or passes the token on.</summary>
    internal abstract void Enter(Run run, Token token);

    /// <summary>Whether a token resting here is waiting for the outside world (a task, a message, a timer).</summary>
    internal virtual bool IsWaitState => false;
}
