namespace G2G.Engine.Expressions;

internal static partial class Functions
{
    private static void AddNumberFunctions(List<FunctionDef> f)
    {
        // Half away from zero (四舍五入): what people and financial rules in the offices expect, not banker's rounding.
        f.Add(new("round", "round(number, digits?)", 1, 2, (ev, c) =>
        {
            var n = c.Number(ev, 0);
            var digits = c.Count > 1 ? c.Whole(ev, 1, 0, 28) : 0;
            return new NumberValue(decimal.Round(n, digits, MidpointRounding.AwayFromZero));
        }));
        f.Add(new("floor", "floor(number)", 1, 1, (ev, c) => new NumberValue(decimal.Floor(c.Number(ev, 0)))));
        f.Add(new("ceil", "ceil(number)", 1, 1, (ev, c) => new NumberValue(decimal.Ceiling(c.Number(ev, 0)))));
        f.Add(new("abs", "abs(number)", 1, 1, (ev, c) => new NumberValue(Math.Abs(c.Number(ev, 0)))));
    }

    private static void AddNullFunctions(List<FunctionDef> f)
    {
        f.Add(new("coalesce", "coalesce(value, ...)", 1, 64, Coalesce));
        f.Add(new("exists", "exists(path)", 1, 1,
            (ev, c) => Value.From(c.Args[0].TryEvaluatePath(ev, out var value) && value is not NullValue)) { PathArg = true });
        f.Add(new("isNull", "isNull(value)", 1, 1, (ev, c) => Value.From(c.Arg(ev, 0) is NullValue)));
    }

    /// <summary>
    /// The first argument that is not null; later arguments are not evaluated. A missing variable or
    /// field in an argument counts as null, so <c>coalesce(discount, 0)</c> works before discount is set.
    /// </summary>
    private static Value Coalesce(Evaluator ev, CallNode c)
    {
        foreach (var arg in c.Args)
        {
            if (arg.TryEvaluatePath(ev, out var value) && value is not NullValue) return value;
        }
        return Value.Null;
    }
}
