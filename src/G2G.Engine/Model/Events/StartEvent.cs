using G2G.Engine.Execution;

namespace G2G.Engine.Model.Events;

/// <summary>
/// Start event: none, timer, message or signal (process level), or timer/message/signal/error/escalation/conditional
/// (event subprocess).
/// </summary>
public sealed class StartEvent : FlowNode
{
    internal StartEvent(string id, string? name, SourcePosition position, EventDefinition? definition, bool isInterrupting)
        : base(id, name, "startEvent", position)
    {
        Definition = definition;
        IsInterrupting = isInterrupting;
    }

    public EventDefinition? Definition { get; }

    /// <summary>For event subprocess starts: whether triggering cancels the rest of the enclosing scope.</summary>
    public bool IsInterrupting { get; }

    internal override void Enter(Run run, Token token) => run.Leave(token);
}
