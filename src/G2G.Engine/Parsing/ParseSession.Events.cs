using System.Xml.Linq;
using G2G.Engine.Model;
using G2G.Engine.Model.Events;
using G2G.Engine.Time;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

internal sealed partial class ParseSession
{
    private FlowNode? ReadEvent(XElement xml, string kind, string id, string? name, SourcePosition position)
    {
        var definitions = xml.Elements().Where(e => e.Name.Namespace == BpmnNamespaces.Model && e.Name.LocalName.EndsWith("EventDefinition", StringComparison.Ordinal)).ToList();
        var missing = ResolveReferences(xml, definitions);
        if (definitions.Count > 1)
            Error("bpmn.unsupported-event", xml, DiagnosticTexts.SeveralEventDefinitions(kind, id, definitions.Count));
        var definition = definitions.Count == 0 ? null : ReadEventDefinition(definitions[0], xml);
        var unsupported = (definitions.Count > 0 && definition is null) || missing;

        switch (kind)
        {
            case "startEvent":
                // Error and escalation starts belong to event subprocesses (BPMN 2.0 §10.5.5); a process starts on none,
                // timer, message or signal; G2G starts none on a condition (nothing would watch it between instances).
                if (definition is TerminateDefinition or LinkDefinition || (definition is ErrorDefinition
                    or EscalationDefinition or ConditionalDefinition && !IsInEventSubProcess(xml)))
                    Error("bpmn.unsupported-event", xml, DiagnosticTexts.StartEventUnsupported(definition.Kind));
                return new StartEvent(id, name, position, definition, Flag(xml, "isInterrupting", true));
            case "endEvent":
                if (definition is TimerDefinition or LinkDefinition or ConditionalDefinition)
                    Error("bpmn.unsupported-event", xml, DiagnosticTexts.EndEventUnsupported(definition.Kind));
                RequireEscalationCode(definition, xml);
                return new EndEvent(id, name, position, definition);
            case "intermediateThrowEvent":
                if (definition is not (null or MessageDefinition or SignalDefinition or EscalationDefinition or LinkDefinition)
                    && !unsupported)
                    Error("bpmn.unsupported-event", xml, DiagnosticTexts.ThrowEventUnsupported(definition.Kind));
                RequireEscalationCode(definition, xml);
                return new IntermediateThrowEvent(id, name, position, definition);
            case "intermediateCatchEvent":
                if (definition is not (TimerDefinition or MessageDefinition or SignalDefinition or LinkDefinition
                    or ConditionalDefinition))
                {
                    if (!unsupported)
                        Error("bpmn.unsupported-event", xml, DiagnosticTexts.CatchEventWithoutTrigger());
                    return new UnsupportedNode(id, name, kind, position);
                }
                return new IntermediateCatchEvent(id, name, position, definition);
            default:
                if (definition is not (TimerDefinition or MessageDefinition or SignalDefinition or ErrorDefinition
                    or EscalationDefinition or ConditionalDefinition))
                {
                    if (!unsupported)
                        Error("bpmn.unsupported-event", xml, DiagnosticTexts.BoundaryEventWithoutTrigger());
                    return new UnsupportedNode(id, name, kind, position);
                }
                return new BoundaryEvent(id, name, position, definition, Flag(xml, "cancelActivity", true));
        }
    }

    /// <summary>
    /// Adds the definitions declared at the top level of the file and referenced with eventDefinitionRef.
    /// Returns whether a reference named nothing (reported here).
    /// </summary>
    private bool ResolveReferences(XElement xml, List<XElement> definitions)
    {
        var missing = false;
        foreach (var reference in xml.Elements(BpmnNamespaces.Model + "eventDefinitionRef"))
        {
            var id = reference.Value.Trim();
            // A QName may carry the prefix of the definitions' target namespace.
            var local = id[(id.IndexOf(':', StringComparison.Ordinal) + 1)..];
            if (_eventDefinitions.TryGetValue(id, out var definition)
                || _eventDefinitions.TryGetValue(local, out definition))
            {
                definitions.Add(definition);
                continue;
            }
            Error("bpmn.unknown-event-definition", xml, DiagnosticTexts.UnknownEventDefinition(id));
            missing = true;
        }
        return missing;
    }

    private static bool IsInEventSubProcess(XElement xml) =>
        xml.Parent is { } parent && parent.Name == BpmnNamespaces.Model + "subProcess" && (ReadFlag((string?)parent.Attribute("triggeredByEvent")) ?? false);

    private EventDefinition? ReadEventDefinition(XElement definition, XElement owner)
    {
        switch (definition.Name.LocalName)
        {
            case "timerEventDefinition":
                return ReadTimer(definition, owner);
            case "messageEventDefinition":
                return ReadMessageRef(definition, owner, "messageRef");
            case "signalEventDefinition":
                var signalRef = (string?)definition.Attribute("signalRef");
                if (signalRef is not null && _signals.TryGetValue(signalRef, out var signal))
                    return new SignalDefinition(signal);
                Error("bpmn.unknown-signal", owner, signalRef is null ? DiagnosticTexts.NoSignalReferenced() : DiagnosticTexts.UnknownSignal(signalRef));
                return new SignalDefinition(signalRef ?? "");
            case "errorEventDefinition":
                return new ErrorDefinition(ReferencedCode(definition, owner, "error", _errors));
            case "terminateEventDefinition":
                return new TerminateDefinition();
            case "escalationEventDefinition":
                return new EscalationDefinition(ReferencedCode(definition, owner, "escalation", _escalations));
            case "conditionalEventDefinition":
                if (definition.Element(BpmnNamespaces.Model + "condition") is { } condition
                    && !string.IsNullOrWhiteSpace(condition.Value))
                {
                    var expression = ReadExpression(condition, owner, DiagnosticTexts.EventCondition());
                    return expression is null ? null : new ConditionalDefinition(expression);
                }
                Error("bpmn.conditional-empty", owner, DiagnosticTexts.ConditionalWithoutCondition());
                return null;
            case "linkEventDefinition":
                if ((string?)definition.Attribute("name") is { Length: > 0 } link)
                    return new LinkDefinition(link);
                Error("bpmn.link-unnamed", owner, DiagnosticTexts.LinkUnnamed());
                return null;
            default:
                Error("bpmn.unsupported-event", owner, DiagnosticTexts.UnsupportedEventDefinition(definition.Name.LocalName));
                return null;
        }
    }

    /// <summary>The code of the error or escalation an event refers to (errorRef, escalationRef); null when none.</summary>
    private string? ReferencedCode(XElement definition, XElement owner, string kind, Dictionary<string, string?> known)
    {
        var reference = (string?)definition.Attribute(kind + "Ref");
        if (reference is null)
            return null;
        if (known.TryGetValue(reference, out var code))
            return code;
        Error($"bpmn.unknown-{kind}", owner, DiagnosticTexts.UnknownReference(kind, reference));
        return reference;
    }

    /// <summary>A thrown escalation must say which one: catchers match it by code.</summary>
    private void RequireEscalationCode(EventDefinition? definition, XElement xml)
    {
        if (definition is EscalationDefinition { EscalationCode: null })
            Error("bpmn.unknown-escalation", xml, DiagnosticTexts.NoEscalationReferenced());
    }

    /// <summary>A message reference on an event or a send/receive task; correlation key from g2g:correlationKey.</summary>
    private MessageDefinition? ReadMessageRef(XElement element, XElement owner, string attribute)
    {
        var messageRef = (string?)element.Attribute(attribute);
        if (messageRef is null || !_messages.TryGetValue(messageRef, out var message))
        {
            Error("bpmn.unknown-message", owner, messageRef is null ? DiagnosticTexts.NoMessageReferenced() : DiagnosticTexts.UnknownMessage(messageRef));
            return null;
        }
        var key = (string?)owner.Attribute(BpmnNamespaces.G2G + "correlationKey") is { } k ? ParseExpressionText(k, owner, "g2g:correlationKey") : null;
        return new MessageDefinition(message, key);
    }

    private TimerDefinition? ReadTimer(XElement definition, XElement owner)
    {
        var (kind, element) = definition.Element(BpmnNamespaces.Model + "timeDate") is { } date ? (TimerKind.Date, date)
            : definition.Element(BpmnNamespaces.Model + "timeDuration") is { } duration ? (TimerKind.Duration, duration)
            : definition.Element(BpmnNamespaces.Model + "timeCycle") is { } cycle ? (TimerKind.Cycle, cycle)
            : (TimerKind.Date, (XElement?)null);
        if (element is null || string.IsNullOrWhiteSpace(element.Value))
        {
            Error("bpmn.timer-empty", owner, DiagnosticTexts.TimerEmpty());
            return null;
        }
        var text = element.Value.Trim();
        try
        {
            var schedule = kind switch
            {
                TimerKind.Date => TimerSchedule.Date(text),
                TimerKind.Duration => TimerSchedule.Duration(text),
                _ => TimerSchedule.Cycle(text),
            };
            return new TimerDefinition(kind, text, schedule);
        }
        catch (FormatException e)
        {
            Error("bpmn.timer-invalid", owner, DiagnosticTexts.TimerInvalid(text, kind.ToString().ToLowerInvariant(), e.Message));
            return null;
        }
    }
}
