using G2G.Engine.Execution;

namespace G2G.Engine.Model.Gateways;

/// <summary>Exclusive gateway: the first outgoing flow whose condition holds, else the default; merges pass through.</summary>
public sealed class ExclusiveGateway : FlowNode
{
    internal ExclusiveGateway(string id, string? name, SourcePosition position) : base(id, name, "exclusiveGateway", position) { }

    internal override void Enter(Run run, Token token)
    {
        run.Complete(token, this);
        foreach (var flow in Outgoing)
        {
            if (flow != DefaultFlow && (flow.Condition is null || run.Condition(flow.Condition, token.ScopeId)))
            {
                run.Take(token, flow);
                return;
            }
        }
        if (DefaultFlow is not null)
            run.Take(token, DefaultFlow);
        else
            run.RaiseIncident(token, $"No outgoing flow of exclusive gateway '{Id}' has a true condition and there is no default flow.");
    }
}
