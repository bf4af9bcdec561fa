using G2G.Engine.Execution;

namespace G2G.Engine.Model.Gateways;

/// <summary>
/// Inclusive gateway: forks down every flow whose condition holds (else the default); joins once no
/// token that could still reach one of its empty incoming flows is left in the scope.
/// </summary>
public sealed class InclusiveGateway : FlowNode
{
    internal InclusiveGateway(string id, string? name, SourcePosition position) : base(id, name, "inclusiveGateway", position) { }

    internal override void Enter(Run run, Token token)
    {
        if (Incoming.Count > 1)
        {
            var arrived = run.ArrivedFlows(this, token.ScopeId);
            var waiting = Incoming.Where(f => !arrived.Contains(f.Id)).ToList();
            if (waiting.Count > 0 && run.AnyTokenCanReach(token.ScopeId, this, waiting))
            {
                run.Wait(token);
                return;
            }
            run.MergeArrivals(token, this);
        }
        run.Complete(token, this);
        var taken = Outgoing.Where(f => f != DefaultFlow && (f.Condition is null || run.Condition(f.Condition, token.ScopeId))).ToList();
        if (taken.Count == 0 && DefaultFlow is not null)
            taken.Add(DefaultFlow);
        if (taken.Count == 0)
            run.RaiseIncident(token, $"No outgoing flow of inclusive gateway '{Id}' has a true condition and there is no default flow.");
        else
            run.TakeAll(token, taken);
    }
}
