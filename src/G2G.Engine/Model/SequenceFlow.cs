using G2G.Engine.Expressions;

namespace G2G.Engine.Model;

/// <summary>A sequence flow between two flow nodes of the same container, optionally conditional.</summary>
public sealed class SequenceFlow : BpmnElement
{
    internal SequenceFlow(string id, string? name, SourcePosition position, FlowNode source, FlowNode target, Expression? condition)
        : base(id, name, "sequenceFlow", position)
    {
        Source = source;
        Target = target;
        Condition = condition;
    }

    public FlowNode Source { get; }
    public FlowNode Target { get; }

    /// <summary>The condition; null for an unconditional flow.</summary>
    public Expression? Condition { get; }

    /// <summary>The flow has a condition that could not be read (reported already); it is not unconditional.</summary>
    internal bool HasUnreadableCondition { get; init; }

    /// <summary>True when the source gateway or activity names this flow as its default.</summary>
    public bool IsDefault => Source.DefaultFlow == this;
}
