using System.Xml.Linq;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

internal sealed partial class ParseSession
{
    /// <summary>BPMN children that carry no execution semantics for us and are skipped silently.</summary>
    private static readonly HashSet<string> Ignored = new(StringComparer.Ordinal)
    {
        "laneSet", "dataObject", "dataObjectReference", "dataStoreReference", "textAnnotation", "association",
        "group", "ioSpecification", "property", "documentation", "extensionElements", "incoming", "outgoing",
        "dataInputAssociation", "dataOutputAssociation", "auditing", "monitoring", "category", "categoryValue",
        "multiInstanceLoopCharacteristics", "standardLoopCharacteristics", "resourceRole", "performer",
        "humanPerformer", "potentialOwner", "ioBinding", "supportedInterfaceRef", "correlationSubscription",
        "categoryValueRef", "supports",
    };

    /// <summary>Flow nodes of BPMN 2.0 that the engine does not run; they are reported, never crash.</summary>
    private static readonly HashSet<string> UnsupportedKinds = new(StringComparer.Ordinal)
    {
        "businessRuleTask", "complexGateway", "transaction", "adHocSubProcess", "implicitThrowEvent",
        "callChoreography", "choreographyTask", "subChoreography",
    };

    private void ReadContainer(XElement element, FlowContainer container, List<FlowNode> allNodes, List<SequenceFlow> allFlows)
    {
        var nodes = new Dictionary<string, (FlowNode Node, XElement Xml)>(StringComparer.Ordinal);
        var flowElements = new List<XElement>();
        var boundaries = new List<(BoundaryEvent Node, XElement Xml)>();
        foreach (var child in element.Elements())
        {
            if (child.Name.Namespace != BpmnNamespaces.Model || Ignored.Contains(child.Name.LocalName))
                continue;
            if (child.Name.LocalName == "sequenceFlow")
            {
                flowElements.Add(child);
                continue;
            }
            var node = ReadNode(child, container, allNodes, allFlows);
            if (node is null)
                continue;
            node.Container = container;
            nodes[node.Id] = (node, child);
            allNodes.Add(node);
            if (node is BoundaryEvent boundary)
                boundaries.Add((boundary, child));
        }
        var flows = flowElements.Select(f => ReadFlow(f, nodes)).OfType<SequenceFlow>().ToList();
        allFlows.AddRange(flows);
        foreach (var (boundary, xml) in boundaries)
            Attach(boundary, xml, nodes);
        foreach (var (node, xml) in nodes.Values)
            ResolveDefault(node, xml);
        ResolveLinks(nodes.Values);

        var subProcesses = nodes.Values.Select(n => n.Node).OfType<SubProcess>().ToList();
        container.Nodes = [.. nodes.Values.Select(n => n.Node).Where(n => n is not SubProcess { TriggeredByEvent: true })];
        container.Flows = flows;
        container.StartEvents = [.. container.Nodes.OfType<StartEvent>()];
        container.ImplicitStarts = container.StartEvents.Count > 0 ? [] : [.. container.Nodes.Where(BeginsWithoutStartEvent)];
        container.EventSubProcesses = [.. subProcesses.Where(s => s.TriggeredByEvent)];
    }

    /// <summary>
    /// A container without start events begins at every flow node no sequence flow leads to (BPMN 2.0 allows a
    /// subprocess to omit its start event). Boundary events wait for their activity, and a link catch event is
    /// entered from its throw event, so neither begins the scope.
    /// </summary>
    private static bool BeginsWithoutStartEvent(FlowNode node) =>
        node.Incoming.Count == 0 && node is not (BoundaryEvent or UnsupportedNode or IntermediateCatchEvent { Definition: LinkDefinition });

    private FlowNode? ReadNode(XElement xml, FlowContainer container, List<FlowNode> allNodes, List<SequenceFlow> allFlows)
    {
        var kind = xml.Name.LocalName;
        var id = (string?)xml.Attribute("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            Error("bpmn.missing-id", xml, DiagnosticTexts.ElementWithoutId(kind));
            return null;
        }
        if (!ClaimId(xml, id))
            return null;
        var name = (string?)xml.Attribute("name");
        var position = PositionOf(xml);
        if (UnsupportedKinds.Contains(kind))
        {
            Error("bpmn.unsupported-element", xml, DiagnosticTexts.UnsupportedElement(kind));
            return new UnsupportedNode(id, name, kind, position);
        }
        FlowNode? node = kind switch
        {
            "startEvent" or "endEvent" or "intermediateCatchEvent" or "intermediateThrowEvent" or "boundaryEvent" => ReadEvent(xml, kind, id, name, position),
            "exclusiveGateway" => new Model.Gateways.ExclusiveGateway(id, name, position),
            "parallelGateway" => new Model.Gateways.ParallelGateway(id, name, position),
            "inclusiveGateway" => new Model.Gateways.InclusiveGateway(id, name, position),
            "eventBasedGateway" => new Model.Gateways.EventBasedGateway(id, name, position),
            "subProcess" => ReadSubProcess(xml, id, name, position, container, allNodes, allFlows),
            _ => ReadTask(xml, kind, id, name, position),
        };
        if (node is null)
        {
            Warning("bpmn.ignored-element", xml, DiagnosticTexts.IgnoredElement(kind));
            return null;
        }
        if (node is Activity activity)
        {
            activity.MultiInstance = ReadMultiInstance(xml, activity);
            activity.Loop = ReadStandardLoop(xml, activity);
        }
        return node;
    }

    private SubProcess ReadSubProcess(XElement xml, string id, string? name, SourcePosition position,
        FlowContainer container, List<FlowNode> allNodes, List<SequenceFlow> allFlows)
    {
        var subProcess = new SubProcess(id, name, position, Flag(xml, "triggeredByEvent", false), container);
        ReadContainer(xml, subProcess.Body, allNodes, allFlows);
        return subProcess;
    }

    private SequenceFlow? ReadFlow(XElement xml, Dictionary<string, (FlowNode Node, XElement Xml)> nodes)
    {
        var id = (string?)xml.Attribute("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            Error("bpmn.missing-id", xml, DiagnosticTexts.ElementWithoutId("sequenceFlow"));
            return null;
        }
        if (!ClaimId(xml, id))
            return null;
        var sourceRef = (string?)xml.Attribute("sourceRef");
        var targetRef = (string?)xml.Attribute("targetRef");
        if (sourceRef is null || !nodes.TryGetValue(sourceRef, out var source) || targetRef is null || !nodes.TryGetValue(targetRef, out var target))
        {
            Error("bpmn.dangling-flow", xml, DiagnosticTexts.DanglingFlow(id, sourceRef, targetRef));
            return null;
        }
        var written = xml.Element(BpmnNamespaces.Model + "conditionExpression");
        var condition = written is null ? null : ReadExpression(written, xml, DiagnosticTexts.Condition());
        var flow = new SequenceFlow(id, (string?)xml.Attribute("name"), PositionOf(xml), source.Node, target.Node, condition)
        {
            HasUnreadableCondition = condition is null && !string.IsNullOrWhiteSpace(written?.Value),
        };
        source.Node.AddOutgoing(flow);
        target.Node.AddIncoming(flow);
        return flow;
    }

    private void Attach(BoundaryEvent boundary, XElement xml, Dictionary<string, (FlowNode Node, XElement Xml)> nodes)
    {
        var attachedTo = (string?)xml.Attribute("attachedToRef");
        var host = attachedTo is null ? null : nodes.GetValueOrDefault(attachedTo).Node;
        if (host is Activity activity)
        {
            boundary.AttachedTo = activity;
            activity.AddBoundaryEvent(boundary);
        }
        else if (host is not UnsupportedNode) // an unsupported host is reported already: say the cause once
        {
            Error("bpmn.boundary-not-attached", xml, DiagnosticTexts.BoundaryNotAttached(boundary.Id, attachedTo));
        }
    }

    private void ResolveDefault(FlowNode node, XElement xml)
    {
        var id = (string?)xml.Attribute("default");
        if (id is null)
            return;
        node.DefaultFlow = node.Outgoing.FirstOrDefault(f => f.Id == id);
        if (node.DefaultFlow is null)
            Error("bpmn.bad-default", xml, DiagnosticTexts.BadDefaultFlow(id, node.Id));
    }
}
