using G2G.Engine.Time;

namespace G2G.Engine.Model.Events;

/// <summary>What kind of trigger an event has (BPMN event definitions).</summary>
public abstract record EventDefinition(string Kind);

/// <summary>A timer: a fixed date, a duration after arming, or a repeating cycle.</summary>
public sealed record TimerDefinition(TimerKind TimerKind, string Text, TimerSchedule Schedule) : EventDefinition("timerEventDefinition");

/// <summary>A message, by its name (the <c>message</c> element's name, or its id when unnamed).</summary>
public sealed record MessageDefinition(string MessageName, Expressions.Expression? CorrelationKey) : EventDefinition("messageEventDefinition");

public sealed record SignalDefinition(string SignalName) : EventDefinition("signalEventDefinition");

/// <summary>A BPMN error; a null code on a catching event catches every error.</summary>
public sealed record ErrorDefinition(string? ErrorCode) : EventDefinition("errorEventDefinition");

public sealed record TerminateDefinition() : EventDefinition("terminateEventDefinition");

/// <summary>A link: a throw jumps to the one catch of the same name on the same process level.</summary>
public sealed record LinkDefinition(string LinkName) : EventDefinition("linkEventDefinition");

/// <summary>A condition in our expression language, checked when variables change; triggers when it becomes true.</summary>
public sealed record ConditionalDefinition(Expressions.Expression Condition) : EventDefinition("conditionalEventDefinition");

/// <summary>An escalation, by its code; a null code on a catching event catches every escalation.</summary>
public sealed record EscalationDefinition(string? EscalationCode) : EventDefinition("escalationEventDefinition");
