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
        void Report(DiagnosticSeverity severity, string code, BpmnElement element, string message) =>
            diagnostics.Add(new Diagnostic(severity, code, element.Id, element.Kind, element.Position.Line, element.Position.Column, message));

        if (process.Root.StartEvents.Count == 0)
            Report(DiagnosticSeverity.Error, "process.no-start", process, $"Process '{process.Id}' has no start event, so it can never start.");
        CheckReachability(process, Report);
        foreach (var node in process.AllNodes)
            CheckNode(node, process, sameFile, context, Report);
        CheckJoins(process, Report);
        return diagnostics;
    }

    private delegate void Reporter(DiagnosticSeverity severity, string code, BpmnElement element, string message);

    private static void CheckNode(FlowNode node, ProcessDefinition process, IReadOnlyList<ProcessDefinition> sameFile, ValidationContext context, Reporter report)
    {
        var isEventSubProcess = node is SubProcess { TriggeredByEvent: true };
        var endsByItself = node is EndEvent or UnsupportedNode or IntermediateThrowEvent { Definition: LinkDefinition };
        if (node.Outgoing.Count == 0 && !endsByItself && !isEventSubProcess)
        {
            var gatewayOrEvent = node is ExclusiveGateway or ParallelGateway or InclusiveGateway or EventBasedGateway or IntermediateCatchEvent or StartEvent or BoundaryEvent;
            report(gatewayOrEvent ? DiagnosticSeverity.Error : DiagnosticSeverity.Warning, "flow.dead-end", node,
                $"{Describe(node)} has no outgoing sequence flow{(gatewayOrEvent ? "; tokens would stop here." : "; the path ends here implicitly — add an end event to make it explicit.")}");
        }
        if (node is ExclusiveGateway or InclusiveGateway && node.Outgoing.Count > 1)
        {
            foreach (var flow in node.Outgoing.Where(f => f.Condition is null && !f.IsDefault && !f.HasUnreadableCondition))
                report(DiagnosticSeverity.Error, "gateway.unconditional-flow", flow, $"Flow '{flow.Id}' leaves the {node.Kind} '{node.Id}' without a condition and is not its default flow; give it a condition or make it the default.");
        }
        if (node is EventBasedGateway)
        {
            foreach (var flow in node.Outgoing.Where(f => f.Target is not (IntermediateCatchEvent or ReceiveTask or UnsupportedNode)))
                report(DiagnosticSeverity.Error, "gateway.event-target", flow.Target, $"{Describe(flow.Target)} follows the event-based gateway '{node.Id}', but only catch events and receive tasks may.");
        }
        if (isEventSubProcess && ((SubProcess)node).Body.StartEvents.Any(s => s.Definition is null))
            report(DiagnosticSeverity.Error, "event-subprocess.none-start", node, $"Event subprocess '{node.Id}' needs a timer, message, signal or error start event.");
        switch (node)
        {
            case CallActivity call when string.IsNullOrWhiteSpace(call.CalledElement):
                report(DiagnosticSeverity.Error, "call.no-process", node, $"Call activity '{node.Id}' does not say which process to call (calledElement).");
                break;
            case CallActivity call when !sameFile.Any(p => p.Id == call.CalledElement) && context.ProcessExists is { } exists && !exists(call.CalledElement!):
                report(DiagnosticSeverity.Error, "call.unknown-process", node, $"Call activity '{node.Id}' calls process '{call.CalledElement}', which is not deployed.");
                break;
            case ServiceTask { Action: null }:
                report(DiagnosticSeverity.Error, "service.no-action", node, $"Service task '{node.Id}' names no action; set g2g:action to a registered action.");
                break;
            case ServiceTask service when context.ActionExists is { } known && !known(service.Action!):
                report(DiagnosticSeverity.Error, "service.unknown-action", node, $"Service task '{node.Id}' calls action '{service.Action}', which is not registered.");
                break;
            case BoundaryEvent { Definition: EscalationDefinition, AttachedTo: CallActivity }:
                report(DiagnosticSeverity.Warning, "escalation.call-activity", node,
                    $"Escalation boundary event '{node.Id}' is on a call activity; escalations thrown in the called process "
                    + "do not reach it (not supported).");
                break;
            case SubProcess { TriggeredByEvent: false, Body.Nodes.Count: 0 }:
                report(DiagnosticSeverity.Warning, "subprocess.empty", node, $"Subprocess '{node.Id}' has nothing inside (drawn collapsed?); it completes as soon as it is reached.");
                break;
            case SubProcess { TriggeredByEvent: false } sub when sub.Body.NoneStart is null && sub.Body.ImplicitStarts.Count == 0:
                report(DiagnosticSeverity.Error, "subprocess.no-start", node,
                    $"Subprocess '{node.Id}' needs a none start event inside, or (without start events) a node no sequence flow leads to.");
                break;
        }
    }

    private static string Describe(FlowNode node) => node.Name is null ? $"The {node.Kind} '{node.Id}'" : $"The {node.Kind} '{node.Id}' ({node.Name})";
}
