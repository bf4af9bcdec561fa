namespace G2G.Engine.Expressions;

internal static partial class Functions
{
    // Like SQL aggregates, sum/avg/min/max skip null items, so optional form fields need no coalesce.
    private static void AddAggregateFunctions(List<FunctionDef> f)
    {
        f.Add(new("sum", "sum(list, x -> number?)", 1, 2, Sum) { LambdaArg = 1 });
        f.Add(new("avg", "avg(list, x -> number?)", 1, 2, Avg) { LambdaArg = 1 });
        f.Add(new("min", "min(list, x -> value?)", 1, 2, (ev, c) => Extreme(ev, c, sign: -1)) { LambdaArg = 1 });
        f.Add(new("max", "max(list, x -> value?)", 1, 2, (ev, c) => Extreme(ev, c, sign: 1)) { LambdaArg = 1 });
    }

    /// <summary>The i-th item, or the lambda's result for it when a lambda was given.</summary>
    private static Value Item(Evaluator ev, CallNode c, Value item) =>
        c.Count > 1 ? c.Lambda(1).Invoke(ev, item) : item;

    private static decimal Total(Evaluator ev, CallNode c, out int counted)
    {
        var total = 0m;
        counted = 0;
        var items = c.List(ev, 0).Items;
        for (var i = 0; i < items.Length; i++)
        {
            var value = Item(ev, c, items[i]);
            if (value is NullValue) continue;
            if (value is not NumberValue n)
            {
                throw ev.TypeMismatch(c, $"{c.Function.Name} needs numbers, but item {i} is {ValueText.Describe(value)}");
            }
            try
            {
                total += n.Value;
            }
            catch (OverflowException ex)
            {
                throw ev.Fail(EvaluationErrorCode.LimitExceeded, c, $"{c.Function.Name}: number too large", ex);
            }
            counted++;
        }
        return total;
    }

    private static NumberValue Sum(Evaluator ev, CallNode c) => new NumberValue(Total(ev, c, out _));

    private static Value Avg(Evaluator ev, CallNode c)
    {
        var total = Total(ev, c, out var counted);
        return counted == 0 ? Value.Null : new NumberValue(total / counted);
    }

    private static Value Extreme(Evaluator ev, CallNode c, int sign)
    {
        Value? best = null;
        var items = c.List(ev, 0).Items;
        for (var i = 0; i < items.Length; i++)
        {
            var value = Item(ev, c, items[i]);
            if (value is NullValue) continue;
            if (best is null)
            {
                if (!Operators.TryCompare(value, value, out _))
                {
                    throw ev.TypeMismatch(c, $"{c.Function.Name} cannot order {ValueText.Describe(value)} (item {i})");
                }
                best = value;
                continue;
            }
            if (!Operators.TryCompare(value, best, out var order))
            {
                throw ev.TypeMismatch(c, $"{c.Function.Name} cannot compare {ValueText.Describe(value)} (item {i}) with {ValueText.Describe(best)}");
            }
            if (order * sign > 0) best = value;
        }
        return best ?? Value.Null;
    }
}
