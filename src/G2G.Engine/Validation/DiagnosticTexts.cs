namespace G2G.Engine.Validation;

/// <summary>
/// Every message of the parser and the validator, one factory each: the method's name is the stable
/// <see cref="DiagnosticText.Reason"/>, its parameters the English template's arguments in order. A host that translates
/// the messages keeps one template per method (the runtime's catalogue test checks it has them all). The diagnostic's
/// <see cref="Diagnostic.Code"/> says what kind of problem it is; several messages may share one code.
/// </summary>
public static class DiagnosticTexts
{
    // The file
    public static DiagnosticText Malformed(string detail) => new(nameof(Malformed), "The file is not well-formed XML: {0}", detail);

    public static DiagnosticText DtdRefused() => new(nameof(DtdRefused),
        "The file declares a document type (<!DOCTYPE …>). G2G refuses DTDs in BPMN files, so that no entity is expanded "
        + "and no external file or address is read; remove the declaration.");

    public static DiagnosticText TooDeep(int depth) => new(nameof(TooDeep),
        "Elements are nested more than {0} levels deep here; G2G refuses such files (no real process nests this deep).", depth);

    public static DiagnosticText NotDefinitions(string element, string ns) => new(nameof(NotDefinitions),
        "The document's root element is <{0}> in namespace '{1}', not a BPMN 2.0 <definitions> element.", element, ns);

    public static DiagnosticText NoProcess() => new(nameof(NoProcess), "The definitions contain no <process>; there is nothing to run.");

    public static DiagnosticText NoFlowNodes(string processes) => new(nameof(NoFlowNodes),
        "The processes {0} contain no flow nodes (black-box pools or placeholders); there is nothing to run.", processes);

    public static DiagnosticText ProcessWithoutId() => new(nameof(ProcessWithoutId), "A <process> has no id; the id is the process key.");

    public static DiagnosticText ElementWithoutId(string element) => new(nameof(ElementWithoutId), "A <{0}> has no id.", element);

    public static DiagnosticText DuplicateId(string id) => new(nameof(DuplicateId), "The id '{0}' is used more than once in the file.", id);

    public static DiagnosticText BadBoolean(string attribute, string element, string value) => new(nameof(BadBoolean),
        "The {0} attribute of <{1}> must be true or false, not '{2}'.", attribute, element, value);

    // Elements
    public static DiagnosticText UnsupportedElement(string element) => new(nameof(UnsupportedElement),
        "<{0}> is not supported by the G2G engine; use a supported element instead (see docs/bpmn-extensions.md).", element);

    public static DiagnosticText IgnoredElement(string element) => new(nameof(IgnoredElement),
        "<{0}> is not a BPMN element the engine knows; it is ignored.", element);

    public static DiagnosticText DanglingFlow(string flowId, string? source, string? target) => new(nameof(DanglingFlow),
        "Sequence flow '{0}' connects '{1}' to '{2}', but both ends must be flow nodes of the same (sub)process.", flowId, source, target);

    public static DiagnosticText BoundaryNotAttached(string eventId, string? attachedTo) => new(nameof(BoundaryNotAttached),
        "Boundary event '{0}' must be attached to an activity of the same (sub)process; attachedToRef is '{1}'.", eventId, attachedTo);

    public static DiagnosticText BadDefaultFlow(string flowId, string nodeId) => new(nameof(BadDefaultFlow),
        "The default flow '{0}' of '{1}' is not one of its outgoing sequence flows.", flowId, nodeId);

    public static DiagnosticText LoopConflict(string activityId) => new(nameof(LoopConflict),
        "'{0}' has both standard and multi-instance loop characteristics; keep one.", activityId);

    public static DiagnosticText LoopMaximumInvalid(string activityId, string value) => new(nameof(LoopMaximumInvalid),
        "The loopMaximum of '{0}' must be a whole number of at least 0, not '{1}'.", activityId, value);

    public static DiagnosticText LoopUnbounded(string activityId) => new(nameof(LoopUnbounded),
        "The standard loop of '{0}' has neither a loopCondition nor a loopMaximum, so it would never end; add one.", activityId);

    public static DiagnosticText MultiInstanceEmpty(string activityId) => new(nameof(MultiInstanceEmpty),
        "Multi-instance '{0}' needs g2g:collection (a list) or a loopCardinality.", activityId);

    public static DiagnosticText UnsupportedScriptFormat(string format) => new(nameof(UnsupportedScriptFormat),
        "Script format '{0}' is not supported; scripts are written in the G2G expression language (scriptFormat=\"g2g\").", format);

    public static DiagnosticText ScriptSyntax(string problem, int line, int column) => new(nameof(ScriptSyntax),
        "The script does not parse: {0} (line {1}, column {2} of the script).", problem, line, column);

    // Events
    public static DiagnosticText SeveralEventDefinitions(string kind, string eventId, int count) => new(nameof(SeveralEventDefinitions),
        "{0} '{1}' has {2} event definitions; events with several triggers (multiple events) are not supported.", kind, eventId, count);

    public static DiagnosticText StartEventUnsupported(string trigger) => new(nameof(StartEventUnsupported),
        "A start event with a {0} is not supported here.", trigger);

    public static DiagnosticText EndEventUnsupported(string trigger) => new(nameof(EndEventUnsupported), "An end event cannot have a {0}.", trigger);

    public static DiagnosticText ThrowEventUnsupported(string trigger) => new(nameof(ThrowEventUnsupported),
        "An intermediate throw event with a {0} is not supported.", trigger);

    public static DiagnosticText CatchEventWithoutTrigger() => new(nameof(CatchEventWithoutTrigger),
        "An intermediate catch event needs a timer, message, signal, conditional or link definition.");

    public static DiagnosticText BoundaryEventWithoutTrigger() => new(nameof(BoundaryEventWithoutTrigger),
        "A boundary event needs a timer, message, signal, error, escalation or conditional definition.");

    public static DiagnosticText UnsupportedEventDefinition(string element) => new(nameof(UnsupportedEventDefinition),
        "<{0}> is not supported by the G2G engine (supported: timer, message, signal, error, escalation, conditional, link, terminate).", element);

    public static DiagnosticText UnknownEventDefinition(string id) => new(nameof(UnknownEventDefinition),
        "The eventDefinitionRef '{0}' names no event definition declared in the file's <definitions>.", id);

    public static DiagnosticText NoSignalReferenced() => new(nameof(NoSignalReferenced),
        "No signal is referenced (signalRef); a <signal> element with a name is needed.");

    public static DiagnosticText UnknownSignal(string reference) => new(nameof(UnknownSignal),
        "The signal '{0}' is not defined in the file (a <signal> element is needed).", reference);

    public static DiagnosticText NoMessageReferenced() => new(nameof(NoMessageReferenced),
        "No message is referenced (messageRef); a <message> element with a name is needed.");

    public static DiagnosticText UnknownMessage(string reference) => new(nameof(UnknownMessage),
        "The message '{0}' is not defined in the file (a <message> element is needed).", reference);

    public static DiagnosticText NoEscalationReferenced() => new(nameof(NoEscalationReferenced),
        "No escalation is referenced (escalationRef); an <escalation> element with an escalationCode is needed.");

    /// <summary>An errorRef or escalationRef (<paramref name="kind"/>: error, escalation) naming nothing in the file.</summary>
    public static DiagnosticText UnknownReference(string kind, string reference) => new(nameof(UnknownReference),
        "The {0} '{1}' is not defined in the file (an <{0}> element is needed).", kind, reference);

    public static DiagnosticText ConditionalWithoutCondition() => new(nameof(ConditionalWithoutCondition),
        "A conditional event needs a <condition> written in the G2G expression language.");

    public static DiagnosticText LinkUnnamed() => new(nameof(LinkUnnamed), "A link event needs a name: a throw jumps to the catch of the same name.");

    public static DiagnosticText LinkAmbiguous(string name, string first, string second) => new(nameof(LinkAmbiguous),
        "Two catching link events on this level are named '{0}' ('{1}' and '{2}'); a throw could not tell where to go.", name, first, second);

    public static DiagnosticText LinkUnmatched(string throwId, string name) => new(nameof(LinkUnmatched),
        "The link throw '{0}' jumps to '{1}', but no catching link event of that name is on the same process level "
        + "(links do not cross subprocess borders).", throwId, name);

    public static DiagnosticText TimerEmpty() => new(nameof(TimerEmpty), "The timer has no timeDate, timeDuration or timeCycle value.");

    /// <summary>A timer value that does not read (<paramref name="kind"/>: date, duration or cycle).</summary>
    public static DiagnosticText TimerInvalid(string value, string kind, string problem) => new(nameof(TimerInvalid),
        "The timer value '{0}' is not a valid ISO 8601 {1}: {2}", value, kind, problem);

    // Expressions (what: one of the texts below, or the attribute's name such as g2g:due)
    public static DiagnosticText UnsupportedExpressionLanguage(object what, string language) => new(nameof(UnsupportedExpressionLanguage),
        "The {0} is written in '{1}'; this expression language is not supported. Write it in the G2G expression language (language=\"g2g\").",
        what, language);

    public static DiagnosticText UnsupportedDeclaredLanguage(object what, string language, int line) => new(nameof(UnsupportedDeclaredLanguage),
        "The {0} is written in '{1}' (declared by expressionLanguage on <definitions>, line {2}); this expression language is not "
        + "supported. Write it in the G2G expression language (language=\"g2g\").", what, language, line);

    public static DiagnosticText ExpressionSyntax(object what, string source, string problem, int line, int column) => new(nameof(ExpressionSyntax),
        "The {0} '{1}' does not parse: {2} (at {3}:{4} of the expression).", what, source, problem, line, column);

    public static DiagnosticText Condition() => new(nameof(Condition), "condition");

    public static DiagnosticText EventCondition() => new(nameof(EventCondition), "event condition");

    public static DiagnosticText LoopCondition() => new(nameof(LoopCondition), "loop condition");

    public static DiagnosticText LoopCardinality() => new(nameof(LoopCardinality), "loop cardinality");

    public static DiagnosticText CompletionCondition() => new(nameof(CompletionCondition), "completion condition");

    public static DiagnosticText MultiInstanceCollection() => new(nameof(MultiInstanceCollection), "multi-instance collection");

    // g2g: extensions
    public static DiagnosticText InvalidRule(string attribute, string value, string problem) => new(nameof(InvalidRule),
        "g2g:{0}=\"{1}\" is not a valid assignment rule: {2}", attribute, value, problem);

    public static DiagnosticText InvalidDuration(string attribute, string value, string problem) => new(nameof(InvalidDuration),
        "g2g:{0}=\"{1}\" is not a duration: {2} Write e.g. '3wd' (working days), '4wh' (working hours) or 'P3D' (calendar time).",
        attribute, value, problem);

    public static DiagnosticText UnknownOperation(string name, string allowed) => new(nameof(UnknownOperation),
        "g2g:operations names '{0}', which is not an operation; allowed: {1}.", name, allowed);

    public static DiagnosticText InvalidOpinion(string value) => new(nameof(InvalidOpinion),
        "g2g:opinion must be 'required', 'optional' or 'none', not '{0}'.", value);

    public static DiagnosticText InvalidCallVersion(string value) => new(nameof(InvalidCallVersion),
        "g2g:version must be 'latest' or a positive version number, not '{0}'.", value);

    public static DiagnosticText MappingIncomplete(string direction) => new(nameof(MappingIncomplete),
        "Every <g2g:{0}> mapping needs both source (an expression) and target (a variable name).", direction);

    /// <summary>An entry of g2g:starters that is no starter rule; <paramref name="problem"/> is the starter parser's own reason.</summary>
    public static DiagnosticText InvalidStarters(string problem) => new(nameof(InvalidStarters), "{0}", problem);

    public static DiagnosticText InvalidInitiatorMayRevoke(string value, string allowed) => new(nameof(InvalidInitiatorMayRevoke),
        "g2g:initiatorMayRevoke must be one of {1}, not '{0}'.", value, allowed);

    /// <summary>A task's form (its g2g:formKey) that is no form schema a deploy accepts.</summary>
    public static DiagnosticText FormUnusable(string formKey, string problem) => new(nameof(FormUnusable),
        "Form '{0}' is not a usable form schema: {1}", formKey, problem);

    // The validator
    public static DiagnosticText NoStartEvent(string processId) => new(nameof(NoStartEvent),
        "Process '{0}' has no start event, so it can never start.", processId);

    public static DiagnosticText Unreachable(DiagnosticText node) => new(nameof(Unreachable), "{0} cannot be reached from any start event.", node);

    public static DiagnosticText DeadEnd(DiagnosticText node) => new(nameof(DeadEnd),
        "{0} has no outgoing sequence flow; tokens would stop here.", node);

    public static DiagnosticText ImplicitEnd(DiagnosticText node) => new(nameof(ImplicitEnd),
        "{0} has no outgoing sequence flow; the path ends here implicitly — add an end event to make it explicit.", node);

    public static DiagnosticText UnconditionalFlow(string flowId, string kind, string gatewayId) => new(nameof(UnconditionalFlow),
        "Flow '{0}' leaves the {1} '{2}' without a condition and is not its default flow; give it a condition or make it the default.",
        flowId, kind, gatewayId);

    public static DiagnosticText EventGatewayTarget(DiagnosticText node, string gatewayId) => new(nameof(EventGatewayTarget),
        "{0} follows the event-based gateway '{1}', but only catch events and receive tasks may.", node, gatewayId);

    public static DiagnosticText EventSubProcessNoneStart(string id) => new(nameof(EventSubProcessNoneStart),
        "Event subprocess '{0}' needs a timer, message, signal or error start event.", id);

    public static DiagnosticText CallWithoutProcess(string id) => new(nameof(CallWithoutProcess),
        "Call activity '{0}' does not say which process to call (calledElement).", id);

    public static DiagnosticText CallUnknownProcess(string id, string called) => new(nameof(CallUnknownProcess),
        "Call activity '{0}' calls process '{1}', which is not deployed.", id, called);

    public static DiagnosticText ServiceWithoutAction(string id) => new(nameof(ServiceWithoutAction),
        "Service task '{0}' names no action; set g2g:action to a registered action.", id);

    public static DiagnosticText ServiceUnknownAction(string id, string action) => new(nameof(ServiceUnknownAction),
        "Service task '{0}' calls action '{1}', which is not registered.", id, action);

    public static DiagnosticText EscalationOnCallActivity(string id) => new(nameof(EscalationOnCallActivity),
        "Escalation boundary event '{0}' is on a call activity; escalations thrown in the called process do not reach it (not supported).", id);

    public static DiagnosticText SubProcessEmpty(string id) => new(nameof(SubProcessEmpty),
        "Subprocess '{0}' has nothing inside (drawn collapsed?); it completes as soon as it is reached.", id);

    public static DiagnosticText SubProcessWithoutStart(string id) => new(nameof(SubProcessWithoutStart),
        "Subprocess '{0}' needs a none start event inside, or (without start events) a node no sequence flow leads to.", id);

    public static DiagnosticText JoinNeverFires(string joinId, DiagnosticText choice) => new(nameof(JoinNeverFires),
        "Parallel gateway '{0}' waits for all its incoming flows, but they come from different branches of {1}; the join can never "
        + "fire. Use an exclusive or inclusive gateway to merge.", joinId, choice);

    public static DiagnosticText JoinMayWaitForever(string joinId, string boundaryId, string activityId) => new(nameof(JoinMayWaitForever),
        "Parallel gateway '{0}' waits for a flow that only the non-interrupting boundary event '{1}' starts; when '{2}' finishes "
        + "first the event never fires and the join waits forever. Use an inclusive gateway to merge.", joinId, boundaryId, activityId);

    public static DiagnosticText ExclusiveChoice(string gatewayId) => new(nameof(ExclusiveChoice),
        "exclusive gateway '{0}', of which only one is taken", gatewayId);

    public static DiagnosticText EventBasedChoice(string gatewayId) => new(nameof(EventBasedChoice),
        "event-based gateway '{0}', of which only one is taken", gatewayId);

    public static DiagnosticText InterruptedChoice(string kind, string activityId) => new(nameof(InterruptedChoice),
        "the {0} '{1}', which either completes or is interrupted by a boundary event", kind, activityId);

    /// <summary>A flow node named in a message: its kind (userTask …) and id.</summary>
    public static DiagnosticText Element(string kind, string id) => new(nameof(Element), "The {0} '{1}'", kind, id);

    /// <summary>A flow node named in a message: its kind, id and name.</summary>
    public static DiagnosticText NamedElement(string kind, string id, string name) => new(nameof(NamedElement), "The {0} '{1}' ({2})", kind, id, name);
}
