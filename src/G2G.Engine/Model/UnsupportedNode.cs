using G2G.Engine.Execution;

namespace G2G.Engine.Model;

/// <summary>
/// A BPMN flow node outside the executable subset (for example a complex gateway). It is kept so the
/// graph stays whole and the validator can name it; a definition containing one cannot be deployed.
/// </summary>
public sealed class UnsupportedNode : FlowNode
{
    internal UnsupportedNode(string id, string? name, string kind, SourcePosition position) : base(id, name, kind, position) { }

    internal override void Enter(Run run, Token token) =>
        run.RaiseIncident(token, $"{this} is not supported by the G2G engine.");
}
