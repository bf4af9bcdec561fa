using G2G.Engine.Execution;

namespace G2G.Engine.Model.Events;

/// <summary>Intermediate throw event: none (a milestone), message or signal.</summary>
public sealed class IntermediateThrowEvent : FlowNode
{
    internal IntermediateThrowEvent(string id, string? name, SourcePosition position, EventDefinition? definition)
        : base(id, name, "intermediateThrowEvent", position) => Definition = definition;

    public EventDefinition? Definition { get; }

    internal override void Enter(Run run, Token token)
    {
        if (run.Throw(token, this, Definition))
            run.Leave(token);
    }
}
