using G2G.Engine.Execution;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;

namespace G2G.Engine.Model.Gateways;

/// <summary>Event-based gateway: arms the events after it and continues down whichever happens first.</summary>
public sealed class EventBasedGateway : FlowNode
{
    internal EventBasedGateway(string id, string? name, SourcePosition position) : base(id, name, "eventBasedGateway", position) { }

    internal override bool IsWaitState => true;

    internal override void Enter(Run run, Token token)
    {
        foreach (var flow in Outgoing)
        {
            switch (flow.Target)
            {
                case IntermediateCatchEvent catchEvent:
                    run.Subscribe(catchEvent, catchEvent.Definition, token.Id, scopeId: null);
                    break;
                case ReceiveTask receive:
                    run.Subscribe(receive, receive.Message, token.Id, scopeId: null);
                    break;
            }
        }
        run.Wait(token);
    }
}
