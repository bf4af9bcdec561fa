using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

/// <summary>
/// A call of a built-in function, resolved when parsing. The function evaluates its own arguments
/// through the typed accessors below, so arguments can be lazy (<c>coalesce</c>) and no argument
/// array is allocated per call.
/// </summary>
internal sealed class CallNode(int offset, FunctionDef function, Node[] args) : Node(offset)
{
    public FunctionDef Function { get; } = function;
    public Node[] Args { get; } = args;
    public int Count => Args.Length;

    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        return Function.Body(ev, this);
    }

    public Value Arg(Evaluator ev, int i) => Args[i].Evaluate(ev);

    public LambdaNode Lambda(int i) => (LambdaNode)Args[i];

    public decimal Number(Evaluator ev, int i)
    {
        var v = Arg(ev, i);
        return v is NumberValue n ? n.Value : throw Mismatch(ev, i, "a number", v);
    }

    public string Text(Evaluator ev, int i)
    {
        var v = Arg(ev, i);
        return v is StringValue n ? n.Value : throw Mismatch(ev, i, "text", v);
    }

    public ListValue List(Evaluator ev, int i)
    {
        var v = Arg(ev, i);
        return v is ListValue n ? n : throw Mismatch(ev, i, "a list", v);
    }

    public DateTimeOffset Date(Evaluator ev, int i)
    {
        var v = Arg(ev, i);
        return v is DateValue n ? n.Value : throw Mismatch(ev, i, "a date", v);
    }

    public IsoDuration Duration(Evaluator ev, int i)
    {
        var v = Arg(ev, i);
        return v is DurationValue n ? n.Value : throw Mismatch(ev, i, "a duration", v);
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>].</summary>
    public int Whole(Evaluator ev, int i, int min = int.MinValue, int max = int.MaxValue)
    {
        var n = Number(ev, i);
        if (n != decimal.Truncate(n) || n < min || n > max)
        {
            var range = (min, max) switch
            {
                (0, int.MaxValue) => "a whole number of at least 0",
                (int.MinValue, int.MaxValue) => "a whole number",
                _ => $"a whole number from {min} to {max}",
            };
            throw ArgumentError(ev, i, $"must be {range}, not {ValueText.FormatNumber(n)}");
        }
        return (int)n;
    }

    /// <summary>Runs the lambda at <paramref name="i"/> on <paramref name="item"/> and requires a boolean result.</summary>
    public bool Predicate(Evaluator ev, int i, Value item)
    {
        var lambda = Lambda(i);
        var result = lambda.Invoke(ev, item);
        if (result is BooleanValue b) return b.Value;
        throw ev.TypeMismatch(lambda.Body, $"The lambda given to {Function.Name} must return true or false, not {ValueText.Describe(result)}");
    }

    public ExpressionEvaluationException Mismatch(Evaluator ev, int i, string expected, Value actual) =>
        ev.TypeMismatch(Args[i], $"{Function.Name} expects {expected} as argument {i + 1}, not {ValueText.Describe(actual)}");

    public ExpressionEvaluationException ArgumentError(Evaluator ev, int i, string problem) =>
        ev.Fail(EvaluationErrorCode.ArgumentError, Args[i], $"Argument {i + 1} of {Function.Name} {problem}");
}
