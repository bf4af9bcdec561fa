using System.Collections.Immutable;

namespace G2G.Engine.Expressions;

/// <summary>A list literal <c>[a, b, c]</c>.</summary>
internal sealed class ListNode(int offset, Node[] items) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        if (items.Length == 0) return ListValue.Empty;
        var builder = ImmutableArray.CreateBuilder<Value>(items.Length);
        foreach (var item in items) builder.Add(item.Evaluate(ev));
        return ev.List(builder.MoveToImmutable(), this);
    }
}

/// <summary>A record literal <c>{ amount: 3, 'full name': 'x' }</c>; keys are checked for duplicates when parsing.</summary>
internal sealed class RecordNode(int offset, string[] keys, Node[] values) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        if (keys.Length == 0) return RecordValue.Empty;
        var builder = ImmutableDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        for (var i = 0; i < keys.Length; i++) builder.Add(keys[i], values[i].Evaluate(ev));
        return ev.CheckDepth(new RecordValue(builder.ToImmutable()), this);
    }
}
