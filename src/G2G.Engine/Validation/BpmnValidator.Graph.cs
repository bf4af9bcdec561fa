using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;
using G2G.Engine.Model.Gateways;

namespace G2G.Engine.Validation;

public static partial class BpmnValidator
{
    /// <summary>Every node must be reachable from a start event of its (sub)process or from an activity's boundary event.</summary>
    private static void CheckReachability(ProcessDefinition process, Reporter report)
    {
        var reached = new HashSet<FlowNode>();
        void Visit(FlowContainer container)
        {
            // Unsupported nodes and unattached boundary events are reported already (or their host is):
            // what follows them is not reported again as unreachable.
            var seeds = container.StartEvents.Concat<FlowNode>(container.Nodes.OfType<UnsupportedNode>())
                .Concat(container.Nodes.OfType<BoundaryEvent>().Where(b => b.AttachedTo is null)).ToList();
            var stack = new Stack<FlowNode>(seeds);
            foreach (var seed in seeds)
                reached.Add(seed);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node is SubProcess sub)
                    Visit(sub.Body);
                foreach (var next in ProcessDefinition.Successors(node))
                {
                    if (reached.Add(next))
                        stack.Push(next);
                }
            }
            foreach (var eventSubProcess in container.EventSubProcesses)
            {
                reached.Add(eventSubProcess);
                Visit(eventSubProcess.Body);
            }
        }
        Visit(process.Root);
        foreach (var node in process.AllNodes.Where(n => !reached.Contains(n) && n is not UnsupportedNode))
            report(DiagnosticSeverity.Error, "flow.unreachable", node, $"{Describe(node)} cannot be reached from any start event.");
    }

    /// <summary>
    /// A parallel join fed by mutually exclusive branches can never fire: when an exclusive gateway
    /// splits the join's incoming flows into separate branches and every path to the join passes it.
    /// </summary>
    private static void CheckJoins(ProcessDefinition process, Reporter report)
    {
        foreach (var join in process.AllNodes.OfType<ParallelGateway>().Where(g => g.Incoming.Count > 1))
        {
            foreach (var split in join.Container.Nodes.OfType<ExclusiveGateway>().Where(g => g.Outgoing.Count > 1))
            {
                if (PartitionsIncoming(split, join) && Dominates(split, join))
                {
                    report(DiagnosticSeverity.Error, "gateway.join-never-fires", join,
                        $"Parallel gateway '{join.Id}' waits for all its incoming flows, but they come from different branches of exclusive gateway '{split.Id}', of which only one is taken; the join can never fire. Use an exclusive or inclusive gateway to merge.");
                    break;
                }
            }
        }
    }

    private static bool PartitionsIncoming(ExclusiveGateway split, ParallelGateway join)
    {
        var seen = new HashSet<SequenceFlow>();
        var branchesReaching = 0;
        foreach (var branch in split.Outgoing)
        {
            var reached = join.Incoming.Where(f => ProcessDefinition.CanReachAvoiding(branch.Target, f.Source, split) && ProcessDefinition.CanReachAvoiding(branch.Target, f.Source, join)).ToList();
            if (reached.Count == 0)
                continue;
            if (reached.Any(f => !seen.Add(f)))
                return false; // two branches reach the same incoming flow: not a clean partition
            branchesReaching++;
        }
        return branchesReaching >= 2 && seen.Count == join.Incoming.Count;
    }

    /// <summary>Whether every path from the container's start events to the join passes the split.</summary>
    private static bool Dominates(ExclusiveGateway split, ParallelGateway join) =>
        !join.Container.StartEvents.Any(start => start != (FlowNode)split && ProcessDefinition.CanReachAvoiding(start, join, split));
}
