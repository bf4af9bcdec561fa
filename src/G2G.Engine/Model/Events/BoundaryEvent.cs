using G2G.Engine.Execution;
using G2G.Engine.Model.Activities;

namespace G2G.Engine.Model.Events;

/// <summary>
/// An event attached to an activity: timer, message, signal (interrupting or not) or error (always interrupting).
/// Armed when the activity starts, disarmed when it ends.
/// </summary>
public sealed class BoundaryEvent : FlowNode
{
    internal BoundaryEvent(string id, string? name, SourcePosition position, EventDefinition definition, bool cancelActivity)
        : base(id, name, "boundaryEvent", position)
    {
        Definition = definition;
        CancelActivity = cancelActivity;
    }

    public EventDefinition Definition { get; }

    /// <summary>Interrupting (the activity is cancelled) or not (a new token runs alongside).</summary>
    public bool CancelActivity { get; }

    public Activity AttachedTo { get; internal set; } = null!;

    internal override void Enter(Run run, Token token) => run.Leave(token);
}
