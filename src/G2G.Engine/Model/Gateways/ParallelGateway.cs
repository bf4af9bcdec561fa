using G2G.Engine.Execution;

namespace G2G.Engine.Model.Gateways;

/// <summary>Parallel gateway: waits for a token on every incoming flow, then sends one down every outgoing flow.</summary>
public sealed class ParallelGateway : FlowNode
{
    internal ParallelGateway(string id, string? name, SourcePosition position) : base(id, name, "parallelGateway", position) { }

    internal override void Enter(Run run, Token token)
    {
        if (Incoming.Count > 1 && !run.TryJoin(token, this, Incoming))
            return;
        run.Complete(token, this);
        run.TakeAll(token, Outgoing);
    }
}
