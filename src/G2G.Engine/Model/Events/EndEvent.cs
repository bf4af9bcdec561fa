using G2G.Engine.Execution;

namespace G2G.Engine.Model.Events;

/// <summary>End event: none, terminate, error or message (signal also supported).</summary>
public sealed class EndEvent : FlowNode
{
    internal EndEvent(string id, string? name, SourcePosition position, EventDefinition? definition)
        : base(id, name, "endEvent", position) => Definition = definition;

    public EventDefinition? Definition { get; }

    internal override void Enter(Run run, Token token)
    {
        switch (Definition)
        {
            case TerminateDefinition:
                run.Terminate(token, this);
                return;
            case ErrorDefinition error:
                run.Complete(token, this);
                run.ThrowError(token, error.ErrorCode ?? Id, $"error end event '{Id}'", technical: false);
                return;
        }
        if (!run.Throw(token, this, Definition))
            return;
        run.Complete(token, this);
        run.Consume(token);
    }
}
