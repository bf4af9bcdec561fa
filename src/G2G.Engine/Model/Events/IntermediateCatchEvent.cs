using G2G.Engine.Execution;

namespace G2G.Engine.Model.Events;

/// <summary>Intermediate catch event: waits for a timer, a message or a signal; a link catch passes straight on.</summary>
public sealed class IntermediateCatchEvent : FlowNode
{
    internal IntermediateCatchEvent(string id, string? name, SourcePosition position, EventDefinition definition)
        : base(id, name, "intermediateCatchEvent", position) => Definition = definition;

    public EventDefinition Definition { get; }

    internal override bool IsWaitState => Definition is not LinkDefinition;

    internal override void Enter(Run run, Token token)
    {
        if (Definition is LinkDefinition)
        {
            run.Leave(token);
            return;
        }
        run.Subscribe(this, Definition, token.Id, scopeId: null);
        run.Wait(token);
    }
}
