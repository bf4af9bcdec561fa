using System.Collections.Immutable;

namespace G2G.Engine.Expressions;

internal static partial class Functions
{
    private static void AddListFunctions(List<FunctionDef> f)
    {
        f.Add(new("count", "count(list, x -> condition?)", 1, 2, Count) { LambdaArg = 1 });
        f.Add(new("first", "first(list, x -> condition?)", 1, 2, (ev, c) => FirstOrLast(ev, c, fromEnd: false)) { LambdaArg = 1 });
        f.Add(new("last", "last(list, x -> condition?)", 1, 2, (ev, c) => FirstOrLast(ev, c, fromEnd: true)) { LambdaArg = 1 });
        f.Add(new("any", "any(list, x -> condition)", 2, 2, (ev, c) => AnyOrAll(ev, c, lookFor: true)) { LambdaArg = 1 });
        f.Add(new("all", "all(list, x -> condition)", 2, 2, (ev, c) => AnyOrAll(ev, c, lookFor: false)) { LambdaArg = 1 });
        f.Add(new("filter", "filter(list, x -> condition)", 2, 2, Filter) { LambdaArg = 1 });
        f.Add(new("map", "map(list, x -> value)", 2, 2, Map) { LambdaArg = 1 });
        f.Add(new("distinct", "distinct(list)", 1, 1, Distinct));
        f.Add(new("sort", "sort(list, x -> key?)", 1, 2, Sort) { LambdaArg = 1 });
    }

    private static NumberValue Count(Evaluator ev, CallNode c)
    {
        var list = c.List(ev, 0);
        if (c.Count == 1) return new NumberValue(list.Items.Length);
        var count = 0;
        foreach (var item in list.Items)
        {
            if (c.Predicate(ev, 1, item)) count++;
        }
        return new NumberValue(count);
    }

    private static Value FirstOrLast(Evaluator ev, CallNode c, bool fromEnd)
    {
        var items = c.List(ev, 0).Items;
        for (var k = 0; k < items.Length; k++)
        {
            var item = items[fromEnd ? items.Length - 1 - k : k];
            if (c.Count == 1 || c.Predicate(ev, 1, item)) return item;
        }
        return Value.Null;
    }

    private static Value AnyOrAll(Evaluator ev, CallNode c, bool lookFor)
    {
        foreach (var item in c.List(ev, 0).Items)
        {
            if (c.Predicate(ev, 1, item) == lookFor) return Value.From(lookFor);
        }
        return Value.From(!lookFor);
    }

    private static ListValue Filter(Evaluator ev, CallNode c)
    {
        var list = c.List(ev, 0);
        var builder = ImmutableArray.CreateBuilder<Value>();
        foreach (var item in list.Items)
        {
            if (c.Predicate(ev, 1, item)) builder.Add(item);
        }
        return builder.Count == list.Items.Length ? list : ev.List(builder.ToImmutable(), c);
    }

    private static ListValue Map(Evaluator ev, CallNode c)
    {
        var items = c.List(ev, 0).Items;
        ev.CheckListLength(items.Length, c);
        var lambda = c.Lambda(1);
        var builder = ImmutableArray.CreateBuilder<Value>(items.Length);
        foreach (var item in items) builder.Add(lambda.Invoke(ev, item));
        return ev.List(builder.MoveToImmutable(), c);
    }

    private static ListValue Distinct(Evaluator ev, CallNode c)
    {
        var list = c.List(ev, 0);
        var seen = new HashSet<Value>(list.Items.Length);
        var builder = ImmutableArray.CreateBuilder<Value>();
        foreach (var item in list.Items)
        {
            if (seen.Add(item)) builder.Add(item);
        }
        return builder.Count == list.Items.Length ? list : new ListValue(builder.ToImmutable());
    }

    /// <summary>Stable ascending sort by the items themselves or by the lambda's keys; all keys must be mutually orderable.</summary>
    private static ListValue Sort(Evaluator ev, CallNode c)
    {
        var items = c.List(ev, 0).Items;
        if (items.Length < 2) return new ListValue(items);
        var keys = new Value[items.Length];
        for (var i = 0; i < items.Length; i++) keys[i] = c.Count > 1 ? c.Lambda(1).Invoke(ev, items[i]) : items[i];
        // Check orderability up front: a comparer that throws inside Array.Sort would surface wrapped.
        for (var i = 0; i < keys.Length; i++)
        {
            if (!Operators.TryCompare(keys[0], keys[i], out _))
            {
                var node = c.Count > 1 ? c.Lambda(1).Body : c.Args[0];
                throw ev.TypeMismatch(node, $"sort cannot order {ValueText.Describe(keys[0])} and {ValueText.Describe(keys[i])}; keys must all be numbers, texts, dates or fixed durations");
            }
        }
        var order = new int[items.Length];
        for (var i = 0; i < order.Length; i++) order[i] = i;
        Array.Sort(order, (a, b) =>
        {
            Operators.TryCompare(keys[a], keys[b], out var result);
            return result != 0 ? result : a.CompareTo(b);
        });
        var builder = ImmutableArray.CreateBuilder<Value>(items.Length);
        foreach (var i in order) builder.Add(items[i]);
        return new ListValue(builder.MoveToImmutable());
    }
}
