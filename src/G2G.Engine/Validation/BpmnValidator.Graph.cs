using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;

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
            var seeds = container.StartEvents.Concat(container.ImplicitStarts).Concat(container.Nodes.OfType<UnsupportedNode>())
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
            report(DiagnosticSeverity.Error, "flow.unreachable", node, DiagnosticTexts.Unreachable(Describe(node)));
    }
}
