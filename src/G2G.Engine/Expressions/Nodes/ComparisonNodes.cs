namespace G2G.Engine.Expressions;

internal enum ComparisonOp { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual }

/// <summary>
/// <c>= == != &lt;&gt;</c> compare any two values (different kinds are simply unequal);
/// <c>&lt; &lt;= &gt; &gt;=</c> order numbers, text (ordinal), dates and fixed-length durations.
/// </summary>
internal sealed class ComparisonNode(int offset, ComparisonOp op, Node left, Node right) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        var l = left.Evaluate(ev);
        var r = right.Evaluate(ev);
        if (l is NumberValue a && r is NumberValue b)
        {
            return Value.From(op switch
            {
                ComparisonOp.Equal => a.Value == b.Value,
                ComparisonOp.NotEqual => a.Value != b.Value,
                ComparisonOp.Less => a.Value < b.Value,
                ComparisonOp.LessOrEqual => a.Value <= b.Value,
                ComparisonOp.Greater => a.Value > b.Value,
                _ => a.Value >= b.Value,
            });
        }
        if (op == ComparisonOp.Equal) return Value.From(l.Equals(r));
        if (op == ComparisonOp.NotEqual) return Value.From(!l.Equals(r));
        var c = Operators.Compare(ev, this, l, r, Symbol(op));
        return Value.From(op switch
        {
            ComparisonOp.Less => c < 0,
            ComparisonOp.LessOrEqual => c <= 0,
            ComparisonOp.Greater => c > 0,
            _ => c >= 0,
        });
    }

    public static string Symbol(ComparisonOp op) => op switch
    {
        ComparisonOp.Equal => "=",
        ComparisonOp.NotEqual => "!=",
        ComparisonOp.Less => "<",
        ComparisonOp.LessOrEqual => "<=",
        ComparisonOp.Greater => ">",
        _ => ">=",
    };
}

/// <summary><c>x in list</c> (membership by value equality) and <c>'sub' in 'text'</c> (ordinal substring); <c>not in</c> negates.</summary>
internal sealed class InNode(int offset, Node left, Node right, bool negated) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        var item = left.Evaluate(ev);
        var container = right.Evaluate(ev);
        bool found;
        switch (container)
        {
            case ListValue list:
                found = Operators.IndexOf(list, item) >= 0;
                break;
            case StringValue text when item is StringValue part:
                found = text.Value.Contains(part.Value, StringComparison.Ordinal);
                break;
            case StringValue:
                throw ev.TypeMismatch(this, $"'in' on text needs text on the left, not {ValueText.Describe(item)}");
            default:
                throw ev.TypeMismatch(this, $"'in' needs a list or text on the right, not {ValueText.Describe(container)}");
        }
        return Value.From(found != negated);
    }
}
