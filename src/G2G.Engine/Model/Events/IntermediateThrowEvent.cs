using G2G.Engine.Execution;

namespace G2G.Engine.Model.Events;

/// <summary>Intermediate throw event: none (a milestone), message, signal, escalation or link.</summary>
public sealed class IntermediateThrowEvent : FlowNode
{
    internal IntermediateThrowEvent(string id, string? name, SourcePosition position, EventDefinition? definition)
        : base(id, name, "intermediateThrowEvent", position) => Definition = definition;

    public EventDefinition? Definition { get; }

    /// <summary>For a link throw: the catching link event of the same name that the token jumps to.</summary>
    public IntermediateCatchEvent? LinkTarget { get; internal set; }

    internal override void Enter(Run run, Token token)
    {
        if (LinkTarget is not null)
            run.Jump(token, this, LinkTarget);
        else if (run.Throw(token, this, Definition))
            run.Leave(token);
    }
}
