namespace G2G.Engine.Expressions;

internal enum ArithmeticOp { Add, Subtract, Multiply, Divide, Remainder }

/// <summary><c>+ - * / %</c>; numbers take a fast path, other kinds go to <see cref="Operators"/>.</summary>
internal sealed class ArithmeticNode(int offset, ArithmeticOp op, Node left, Node right) : Node(offset)
{
    public ArithmeticOp Op { get; } = op;
    public Node Left { get; } = left;
    public Node Right { get; } = right;

    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        var l = Left.Evaluate(ev);
        var r = Right.Evaluate(ev);
        if (l is NumberValue a && r is NumberValue b) return new NumberValue(Operators.Numbers(ev, this, Op, a.Value, b.Value));
        return Operators.Arithmetic(ev, this, Op, l, r);
    }

    public static string Symbol(ArithmeticOp op) => op switch
    {
        ArithmeticOp.Add => "+",
        ArithmeticOp.Subtract => "-",
        ArithmeticOp.Multiply => "*",
        ArithmeticOp.Divide => "/",
        _ => "%",
    };
}

/// <summary>Unary minus on a number or a duration.</summary>
internal sealed class NegateNode(int offset, Node operand) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        return operand.Evaluate(ev) switch
        {
            NumberValue n => new NumberValue(-n.Value),
            DurationValue d => new DurationValue(d.Value.Negate()),
            var other => throw ev.TypeMismatch(this, $"Cannot negate {ValueText.Describe(other)}; '-' needs a number or a duration"),
        };
    }
}

/// <summary><c>not x</c> / <c>!x</c> on a boolean.</summary>
internal sealed class NotNode(int offset, Node operand) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        var value = operand.Evaluate(ev);
        return value is BooleanValue b
            ? Value.From(!b.Value)
            : throw ev.TypeMismatch(this, $"'not' needs true or false, not {ValueText.Describe(value)}");
    }
}
