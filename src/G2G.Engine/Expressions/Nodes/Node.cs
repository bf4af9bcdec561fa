namespace G2G.Engine.Expressions;

/// <summary>
/// A node of the parsed expression tree. Evaluation is a direct virtual-call tree walk; each node
/// counts one step. <see cref="Offset"/> is where errors about this node point (an operator, a name).
/// </summary>
internal abstract class Node(int offset)
{
    public int Offset { get; } = offset;

    /// <summary>Height of the subtree, kept so that long operator chains cannot overflow the stack.</summary>
    public int Height { get; set; } = 1;

    public abstract Value Evaluate(Evaluator ev);

    /// <summary>
    /// Evaluates a path without failing on a missing variable, a missing field or a null along the way
    /// (used by <c>exists</c>); other nodes just evaluate.
    /// </summary>
    public virtual bool TryEvaluatePath(Evaluator ev, out Value value)
    {
        value = Evaluate(ev);
        return true;
    }
}

/// <summary>A literal whose value is fixed when parsing.</summary>
internal sealed class ConstantNode(int offset, Value value) : Node(offset)
{
    public Value Value { get; } = value;

    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        return Value;
    }
}

/// <summary>A date literal without an offset (<c>@2026-11-22</c>): it takes the context's office offset.</summary>
internal sealed class LocalDateNode(int offset, DateTime local) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        return DateText.TryCombine(local, null, ev.Context.Offset, out var date)
            ? new DateValue(date)
            : throw ev.Fail(EvaluationErrorCode.ArgumentError, this, "The date is outside the supported range at this offset");
    }
}

/// <summary><c>x -> body</c>; only appears as a function argument and is run by the function.</summary>
internal sealed class LambdaNode(int offset, string parameter, int slot, Node body) : Node(offset)
{
    public string Parameter { get; } = parameter;
    public int Slot { get; } = slot;
    public Node Body { get; } = body;

    public Value Invoke(Evaluator ev, Value argument)
    {
        ev.Locals[Slot] = argument;
        return Body.Evaluate(ev);
    }

    // The parser only places lambdas where functions expect them, so a direct evaluation is a bug.
    public override Value Evaluate(Evaluator ev) =>
        throw new InvalidOperationException("A lambda is evaluated only by the function it is passed to.");
}
