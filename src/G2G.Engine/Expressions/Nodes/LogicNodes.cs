namespace G2G.Engine.Expressions;

/// <summary><c>a and b</c> / <c>a &amp;&amp; b</c>: b is not evaluated when a is false. Both sides must be boolean.</summary>
internal sealed class AndNode(int offset, Node left, Node right) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        if (!Logic.Operand(ev, this, left, "and", "left")) return Value.False;
        return Value.From(Logic.Operand(ev, this, right, "and", "right"));
    }
}

/// <summary><c>a or b</c> / <c>a || b</c>: b is not evaluated when a is true. Both sides must be boolean.</summary>
internal sealed class OrNode(int offset, Node left, Node right) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        if (Logic.Operand(ev, this, left, "or", "left")) return Value.True;
        return Value.From(Logic.Operand(ev, this, right, "or", "right"));
    }
}

/// <summary><c>if c then a else b</c>: only the chosen branch is evaluated.</summary>
internal sealed class IfNode(int offset, Node condition, Node whenTrue, Node whenFalse) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        return Logic.Operand(ev, this, condition, "if", "condition") ? whenTrue.Evaluate(ev) : whenFalse.Evaluate(ev);
    }
}

internal static class Logic
{
    public static bool Operand(Evaluator ev, Node node, Node operand, string keyword, string side)
    {
        var value = operand.Evaluate(ev);
        if (value is BooleanValue b) return b.Value;
        throw ev.TypeMismatch(node, $"The {side} of '{keyword}' must be true or false, not {ValueText.Describe(value)}");
    }
}
