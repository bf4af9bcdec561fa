using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;
using G2G.Engine.Model.Gateways;

namespace G2G.Engine.Validation;

/// <summary>
/// Checks a parsed process before deployment: start events, reachability, dead ends, gateway
/// conditions, joins that can never fire, called processes and service actions.
/// </summary>
public static partial class BpmnValidator
{
    public static IReadOnlyList<Diagnostic> Validate(ProcessDefinition process, IReadOnlyList<ProcessDefinition> sameFile, ValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(process);
        var diagnostics = new List<Diagnostic>();
        void Report(DiagnosticSeverity severity, string code, BpmnElement element, DiagnosticText message) =>
            diagnostics.Add(new Diagnostic(severity, code, element.Id, element.Kind, element.Position.Line, element.Position.Column, message));

        if (process.Root.StartEvents.Count == 0)
            Report(DiagnosticSeverity.Error, "process.no-start", process, DiagnosticTexts.NoStartEvent(process.Id));
        CheckReachability(process, Report);
        foreach (var node in process.AllNodes)
            CheckNode(node, process, sameFile, context, Report);
        CheckJoins(process, Report);
        return diagnostics;
    }

    private delegate void Reporter(DiagnosticSeverity severity, string code, BpmnElement element, DiagnosticText message);

    private static void CheckNode(FlowNode node, ProcessDefinition process, IReadOnlyList<ProcessDefinition> sameFile, ValidationContext context, Reporter report)
    {
        var isEventSubProcess = node is SubProcess { TriggeredByEvent: true };
        var endsByItself = node is EndEvent or UnsupportedNode or IntermediateThrowEvent { Definition: LinkDefinition };
        if (node.Outgoing.Count == 0 && !endsByItself && !isEventSubProcess)
        {
            var gatewayOrEvent = node is ExclusiveGateway or ParallelGateway or InclusiveGateway or EventBasedGateway or IntermediateCatchEvent or StartEvent or BoundaryEvent;
            report(gatewayOrEvent ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "flow.dead-end", node,
                gatewayOrEvent ? DiagnosticTexts.DeadEnd(Describe(node)) : DiagnosticTexts.ImplicitEnd(Describe(node)));
        }
        if (node is ExclusiveGateway or InclusiveGateway && node.Outgoing.Count > 1)
        {
            foreach (var flow in node.Outgoing.Where(f => f.Condition is null && !f.IsDefault && !f.HasUnreadableCondition))
                report(DiagnosticSeverity.Error, "gateway.unconditional-flow", flow, DiagnosticTexts.UnconditionalFlow(flow.Id, node.Kind, node.Id));
        }
        if (node is EventBasedGateway)
        {
            foreach (var flow in node.Outgoing.Where(f => f.Target is not (IntermediateCatchEvent or ReceiveTask or UnsupportedNode)))
                report(DiagnosticSeverity.Error, "gateway.event-target", flow.Target, DiagnosticTexts.EventGatewayTarget(Describe(flow.Target), node.Id));
        }
        if (isEventSubProcess && ((SubProcess)node).Body.StartEvents.Any(s => s.Definition is null))
            report(DiagnosticSeverity.Error, "event-subprocess.none-start", node, DiagnosticTexts.EventSubProcessNoneStart(node.Id));
        switch (node)
        {
            case CallActivity call when string.IsNullOrWhiteSpace(call.CalledElement):
                report(DiagnosticSeverity.Error, "call.no-process", node, DiagnosticTexts.CallWithoutProcess(node.Id));
                break;
            case CallActivity call when !sameFile.Any(p => p.Id == call.CalledElement) && context.ProcessExists is { } exists && !exists(call.CalledElement!):
                report(DiagnosticSeverity.Error, "call.unknown-process", node, DiagnosticTexts.CallUnknownProcess(node.Id, call.CalledElement!));
                break;
            case ServiceTask { Action: null }:
                report(DiagnosticSeverity.Error, "service.no-action", node, DiagnosticTexts.ServiceWithoutAction(node.Id));
                break;
            case ServiceTask service when context.ActionExists is { } known && !known(service.Action!):
                report(DiagnosticSeverity.Error, "service.unknown-action", node, DiagnosticTexts.ServiceUnknownAction(node.Id, service.Action!));
                break;
            case BoundaryEvent { Definition: EscalationDefinition, AttachedTo: CallActivity }:
                report(DiagnosticSeverity.Warning, "escalation.call-activity", node, DiagnosticTexts.EscalationOnCallActivity(node.Id));
                break;
            case SubProcess { TriggeredByEvent: false, Body.Nodes.Count: 0 }:
                report(DiagnosticSeverity.Warning, "subprocess.empty", node, DiagnosticTexts.SubProcessEmpty(node.Id));
                break;
            case SubProcess { TriggeredByEvent: false } sub when sub.Body.NoneStart is null && sub.Body.ImplicitStarts.Count == 0:
                report(DiagnosticSeverity.Error, "subprocess.no-start", node, DiagnosticTexts.SubProcessWithoutStart(node.Id));
                break;
        }
    }

    private static DiagnosticText Describe(FlowNode node) =>
        node.Name is null ? DiagnosticTexts.Element(node.Kind, node.Id) : DiagnosticTexts.NamedElement(node.Kind, node.Id, node.Name);
}
