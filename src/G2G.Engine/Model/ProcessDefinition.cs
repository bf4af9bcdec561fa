using System.Collections;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;

namespace G2G.Engine.Model;

/// <summary>
/// One executable process: an immutable graph of flow nodes, with lookups and precomputed
/// reachability that the executor uses (inclusive joins, send back).
/// </summary>
public sealed class ProcessDefinition : BpmnElement
{
    private readonly Dictionary<string, FlowNode> _nodes;
    private readonly BitArray[] _reach;

    internal ProcessDefinition(string id, string? name, SourcePosition position, bool isExecutable, FlowContainer root,
        IReadOnlyList<FlowNode> allNodes, IReadOnlyList<SequenceFlow> allFlows)
        : base(id, name, "process", position)
    {
        IsExecutable = isExecutable;
        Root = root;
        AllNodes = allNodes;
        AllFlows = allFlows;
        _nodes = new Dictionary<string, FlowNode>(allNodes.Count, StringComparer.Ordinal);
        for (var i = 0; i < allNodes.Count; i++)
        {
            allNodes[i].Index = i;
            _nodes[allNodes[i].Id] = allNodes[i];
        }
        _reach = ComputeReachability(allNodes);
    }

    /// <summary>The process key: the process element's id.</summary>
    public string Key => Id;

    public bool IsExecutable { get; }

    /// <summary>
    /// Who may start the process themselves (<c>g2g:starters</c>): null when anyone may, empty when nobody may (it is
    /// started by messages, signals, timers, calls or trusted code), else people matching any of the rules.
    /// </summary>
    public IReadOnlyList<StarterRule>? Starters { get; internal init; }

    /// <summary>Whether the initiator may revoke (撤销) an instance themselves (<c>g2g:initiatorMayRevoke</c>).</summary>
    public InitiatorRevoke InitiatorMayRevoke { get; internal init; }

    public FlowContainer Root { get; }

    /// <summary>Every flow node, nested ones included, in document order.</summary>
    public IReadOnlyList<FlowNode> AllNodes { get; }

    public IReadOnlyList<SequenceFlow> AllFlows { get; }

    public FlowNode? FindNode(string id) => _nodes.GetValueOrDefault(id);

    public FlowNode GetNode(string id) =>
        _nodes.TryGetValue(id, out var node) ? node : throw new KeyNotFoundException($"Process '{Id}' has no flow node '{id}'.");

    /// <summary>True when a token at <paramref name="from"/> can get to <paramref name="to"/> along sequence flows of one container.</summary>
    public bool CanReach(FlowNode from, FlowNode to) => _reach[from.Index][to.Index];

    /// <summary>Whether a token at <paramref name="from"/> can reach <paramref name="to"/> without passing through the avoided nodes.</summary>
    internal static bool CanReachAvoiding(FlowNode from, FlowNode to, FlowNode avoiding, FlowNode? alsoAvoiding = null)
    {
        if (from == to)
            return true;
        var seen = new HashSet<FlowNode> { from };
        var stack = new Stack<FlowNode>();
        stack.Push(from);
        while (stack.Count > 0)
        {
            foreach (var flow in Successors(stack.Pop()))
            {
                if (flow == to)
                    return true;
                if (flow != avoiding && flow != alsoAvoiding && seen.Add(flow))
                    stack.Push(flow);
            }
        }
        return false;
    }

    /// <summary>Where a token can go next: outgoing flows, a link throw's catch, an activity's boundary events.</summary>
    internal static IEnumerable<FlowNode> Successors(FlowNode node)
    {
        foreach (var flow in node.Outgoing)
            yield return flow.Target;
        if (node is Events.IntermediateThrowEvent { LinkTarget: { } link })
            yield return link;
        if (node is Activity activity)
        {
            foreach (var boundary in activity.BoundaryEvents)
                yield return boundary;
        }
    }

    private static BitArray[] ComputeReachability(IReadOnlyList<FlowNode> nodes)
    {
        var reach = new BitArray[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            var bits = new BitArray(nodes.Count);
            var stack = new Stack<FlowNode>();
            stack.Push(nodes[i]);
            while (stack.Count > 0)
            {
                foreach (var next in Successors(stack.Pop()))
                {
                    if (!bits[next.Index])
                    {
                        bits[next.Index] = true;
                        stack.Push(next);
                    }
                }
            }
            reach[i] = bits;
        }
        return reach;
    }
}
