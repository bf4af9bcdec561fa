using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

/// <summary>What the operators mean for each combination of value kinds.</summary>
internal static partial class Operators
{
    /// <summary>Decimal arithmetic; overflow is a limit error, a zero divisor a division error.</summary>
    public static decimal Numbers(Evaluator ev, Node node, ArithmeticOp op, decimal a, decimal b)
    {
        if (b == 0m && op is ArithmeticOp.Divide or ArithmeticOp.Remainder)
        {
            throw ev.Fail(EvaluationErrorCode.DivisionByZero, node, $"Division by zero ({ValueText.FormatNumber(a)} {ArithmeticNode.Symbol(op)} 0)");
        }
        try
        {
            return op switch
            {
                ArithmeticOp.Add => a + b,
                ArithmeticOp.Subtract => a - b,
                ArithmeticOp.Multiply => a * b,
                ArithmeticOp.Divide => a / b,
                _ => a % b,
            };
        }
        catch (OverflowException ex)
        {
            throw ev.Fail(EvaluationErrorCode.LimitExceeded, node, $"Number too large: the result of '{ArithmeticNode.Symbol(op)}' is out of the decimal range", ex);
        }
    }

    /// <summary>Non-number arithmetic: text and list concatenation, date and duration arithmetic.</summary>
    public static Value Arithmetic(Evaluator ev, Node node, ArithmeticOp op, Value l, Value r)
    {
        try
        {
            switch (op, l, r)
            {
                case (ArithmeticOp.Add, StringValue, _):
                case (ArithmeticOp.Add, _, StringValue):
                    return ev.Text(string.Concat(ValueText.Plain(l), ValueText.Plain(r)), node);
                case (ArithmeticOp.Add, ListValue a, ListValue b):
                    ev.CheckListLength((long)a.Items.Length + b.Items.Length, node);
                    return new ListValue(a.Items.AddRange(b.Items));
                case (ArithmeticOp.Add, DateValue d, DurationValue p):
                    return new DateValue(p.Value.AddTo(d.Value));
                case (ArithmeticOp.Add, DurationValue p, DateValue d):
                    return new DateValue(p.Value.AddTo(d.Value));
                case (ArithmeticOp.Subtract, DateValue d, DurationValue p):
                    return new DateValue(p.Value.Negate().AddTo(d.Value));
                case (ArithmeticOp.Subtract, DateValue a, DateValue b):
                    return new DurationValue(IsoDuration.FromTimeSpan(a.Value - b.Value));
                case (ArithmeticOp.Add, DurationValue a, DurationValue b):
                    return new DurationValue(a.Value + b.Value);
                case (ArithmeticOp.Subtract, DurationValue a, DurationValue b):
                    return new DurationValue(a.Value - b.Value);
                case (ArithmeticOp.Multiply, DurationValue p, NumberValue n):
                    return new DurationValue(p.Value.Multiply(WholeFactor(ev, node, n.Value)));
                case (ArithmeticOp.Multiply, NumberValue n, DurationValue p):
                    return new DurationValue(p.Value.Multiply(WholeFactor(ev, node, n.Value)));
            }
        }
        catch (OverflowException ex)
        {
            throw ev.Fail(EvaluationErrorCode.LimitExceeded, node, $"The result of '{ArithmeticNode.Symbol(op)}' is too large", ex);
        }
        catch (ArgumentException ex)
        {
            // Dates leaving year 1..9999, or durations mixing signs the ISO form cannot express.
            throw ev.Fail(EvaluationErrorCode.ArgumentError, node, ex.Message, ex);
        }
        throw ev.TypeMismatch(node,
            $"Operator '{ArithmeticNode.Symbol(op)}' cannot be applied to {ValueText.Describe(l)} and {ValueText.Describe(r)}");
    }

    private static int WholeFactor(Evaluator ev, Node node, decimal n)
    {
        if (n != decimal.Truncate(n) || n > int.MaxValue || n < int.MinValue)
        {
            throw ev.Fail(EvaluationErrorCode.ArgumentError, node, $"A duration can only be multiplied by a whole number, not {ValueText.FormatNumber(n)}");
        }
        return (int)n;
    }
}
