using G2G.Engine.Execution;

namespace G2G.Engine.Model.Activities;

/// <summary>An embedded subprocess, or an event subprocess when <see cref="TriggeredByEvent"/> is set.</summary>
public sealed class SubProcess : Activity
{
    internal SubProcess(string id, string? name, SourcePosition position, bool triggeredByEvent, FlowContainer? parent)
        : base(id, name, "subProcess", position)
    {
        TriggeredByEvent = triggeredByEvent;
        Body = new FlowContainer(this, parent);
    }

    public bool TriggeredByEvent { get; }

    /// <summary>The nodes and flows inside the subprocess.</summary>
    public FlowContainer Body { get; }

    internal override bool IsWaitState => true;

    internal override void Execute(Run run, Token token) => run.StartSubProcess(token, this);
}
