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
        switch (Definition)
        {
            case MessageDefinition message:
                run.SendMessage(token, this, message);
                break;
            case SignalDefinition signal:
                run.ThrowSignal(token, this, signal);
                if (run.FindToken(token.Id) is null)
                    return; // the signal interrupted the thrower's own scope
                break;
        }
        run.Leave(token);
    }
}
