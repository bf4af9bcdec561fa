using G2G.Engine.Execution;
using G2G.Engine.Model.Events;

namespace G2G.Engine.Model.Activities;

/// <summary>
/// A task, subprocess or call activity. Entering arms its boundary events, expands a multi-instance
/// into its instances, and then runs <see cref="Execute"/> once per instance.
/// </summary>
public abstract class Activity : FlowNode
{
    private readonly List<BoundaryEvent> _boundaryEvents = [];

    protected Activity(string id, string? name, string kind, SourcePosition position) : base(id, name, kind, position) { }

    public IReadOnlyList<BoundaryEvent> BoundaryEvents => _boundaryEvents;

    public MultiInstance? MultiInstance { get; internal set; }

    public StandardLoop? Loop { get; internal set; }

    internal void AddBoundaryEvent(BoundaryEvent boundary) => _boundaryEvents.Add(boundary);

    internal sealed override void Enter(Run run, Token token) => run.EnterActivity(token, this);

    /// <summary>The activity's own behaviour for one token (one instance when multi-instance).</summary>
    internal abstract void Execute(Run run, Token token);
}
