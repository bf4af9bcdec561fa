using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Gateways;

namespace G2G.Engine.Validation;

public static partial class BpmnValidator
{
    /// <summary>
    /// A point where only one of several ways on is taken: the branches of an exclusive or event-based
    /// gateway, or an activity's completion against each of its interrupting boundary events. Each
    /// alternative is the set of sequence flows a token leaves by.
    /// </summary>
    private sealed record Choice(FlowNode At, DiagnosticText Description, IReadOnlyList<IReadOnlyList<SequenceFlow>> Alternatives);

    /// <summary>
    /// A parallel join can never fire when every path to it passes one choice and no single alternative
    /// of that choice reaches all its incoming flows; it may never fire when one of them is reached
    /// only from a non-interrupting boundary event, which does not fire if its activity ends first.
    /// </summary>
    private static void CheckJoins(ProcessDefinition process, Reporter report)
    {
        foreach (var join in process.AllNodes.OfType<ParallelGateway>().Where(g => g.Incoming.Count > 1))
        {
            var choice = Choices(join.Container).FirstOrDefault(c => Deadlocks(c, join));
            if (choice is not null)
            {
                report(DiagnosticSeverity.Error, "gateway.join-never-fires", join, DiagnosticTexts.JoinNeverFires(join.Id, choice.Description));
            }
            else if (OptionalBoundary(join) is { } boundary)
            {
                report(DiagnosticSeverity.Warning, "gateway.join-never-fires", join,
                    DiagnosticTexts.JoinMayWaitForever(join.Id, boundary.Id, boundary.AttachedTo.Id));
            }
        }
    }

    private static IEnumerable<Choice> Choices(FlowContainer container)
    {
        foreach (var node in container.Nodes)
        {
            if (node is ExclusiveGateway or EventBasedGateway && node.Outgoing.Count > 1)
            {
                var description = node is ExclusiveGateway ? DiagnosticTexts.ExclusiveChoice(node.Id) : DiagnosticTexts.EventBasedChoice(node.Id);
                yield return new Choice(node, description, [.. node.Outgoing.Select(f => new[] { f })]);
            }
            else if (node is Activity activity && activity.BoundaryEvents.Any(b => b.CancelActivity))
            {
                // A non-interrupting boundary may have fired before either outcome: it counts on every side.
                var alongside = activity.BoundaryEvents.Where(b => !b.CancelActivity).SelectMany(b => b.Outgoing).ToList();
                var alternatives = activity.BoundaryEvents.Where(b => b.CancelActivity)
                    .Select(b => (IReadOnlyList<SequenceFlow>)[.. b.Outgoing, .. alongside])
                    .Prepend([.. activity.Outgoing, .. alongside]).ToList();
                yield return new Choice(node, DiagnosticTexts.InterruptedChoice(node.Kind, node.Id), alternatives);
            }
        }
    }

    private static bool Deadlocks(Choice choice, ParallelGateway join)
    {
        var covered = choice.Alternatives.Select(a => Coverage(a, choice.At, join)).Where(c => c.Count > 0).ToList();
        return covered.Count >= 2
            && covered.All(c => c.Count < join.Incoming.Count)
            && covered.SelectMany(c => c).Distinct().Count() == join.Incoming.Count
            && Dominates(choice.At, join);
    }

    /// <summary>A flow the join needs that only a non-interrupting boundary event of an activity on every path leads to.</summary>
    private static Model.Events.BoundaryEvent? OptionalBoundary(ParallelGateway join)
    {
        foreach (var activity in join.Container.Nodes.OfType<Activity>())
        {
            var completion = Coverage(activity.Outgoing, activity, join);
            if (completion.Count == 0 || completion.Count == join.Incoming.Count)
                continue;
            var boundary = activity.BoundaryEvents.FirstOrDefault(b => !b.CancelActivity
                && Coverage(b.Outgoing, activity, join).Union(completion).Count() == join.Incoming.Count);
            if (boundary is not null && Dominates(activity, join))
                return boundary;
        }
        return null;
    }

    /// <summary>The join's incoming flows a token leaving by the given flows can reach without passing the choice again.</summary>
    private static HashSet<SequenceFlow> Coverage(IReadOnlyList<SequenceFlow> leaving, FlowNode at, ParallelGateway join) =>
        [.. join.Incoming.Where(f => leaving.Any(l => l == f
            || (l.Target != join && l.Target != at && ProcessDefinition.CanReachAvoiding(l.Target, f.Source, at, join))))];

    /// <summary>Whether every path from the container's start events to the join passes the node.</summary>
    private static bool Dominates(FlowNode node, ParallelGateway join) =>
        !join.Container.StartEvents.Any(start => start != node && ProcessDefinition.CanReachAvoiding(start, join, node));
}
