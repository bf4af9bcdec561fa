using System.Collections.Immutable;

namespace G2G.Engine.Expressions;

/// <summary>An immutable list of values.</summary>
public sealed class ListValue : Value
{
    private readonly int _depth;
    private int _hash;

    /// <summary>A list holding <paramref name="items"/> in order.</summary>
    public ListValue(ImmutableArray<Value> items)
    {
        Items = items.IsDefault ? [] : items;
        var depth = 0;
        foreach (var item in Items)
        {
            ArgumentNullException.ThrowIfNull(item, nameof(items));
            depth = Math.Max(depth, item.NestingDepth);
        }
        _depth = depth + 1;
    }

    /// <summary>The empty list.</summary>
    public static ListValue Empty { get; } = new([]);

    /// <summary>The items, in order.</summary>
    public ImmutableArray<Value> Items { get; }
    public override ValueKind Kind => ValueKind.List;
    internal override int NestingDepth => _depth;

    public override bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is not ListValue l || l.Items.Length != Items.Length) return false;
        for (var i = 0; i < Items.Length; i++)
        {
            if (!Items[i].Equals(l.Items[i])) return false;
        }
        return true;
    }

    // Lists are immutable, so the element-wise hash is computed once and cached (0 means "not yet").
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var hash = new HashCode();
        hash.Add(Items.Length);
        foreach (var item in Items) hash.Add(item.GetHashCode());
        var result = hash.ToHashCode();
        _hash = result == 0 ? 1 : result;
        return _hash;
    }
}

/// <summary>An immutable record: fields keyed by ordinal strings, without order.</summary>
public sealed class RecordValue : Value
{
    private readonly int _depth;
    private int _hash;

    /// <summary>A record holding <paramref name="fields"/>; keys are compared ordinally.</summary>
    public RecordValue(ImmutableDictionary<string, Value> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields.KeyComparer == StringComparer.Ordinal ? fields : fields.WithComparers(StringComparer.Ordinal);
        var depth = 0;
        foreach (var field in Fields)
        {
            ArgumentNullException.ThrowIfNull(field.Value, nameof(fields));
            depth = Math.Max(depth, field.Value.NestingDepth);
        }
        _depth = depth + 1;
    }

    /// <summary>The record without fields.</summary>
    public static RecordValue Empty { get; } = new(ImmutableDictionary.Create<string, Value>(StringComparer.Ordinal));

    /// <summary>The fields; keys compare ordinally.</summary>
    public ImmutableDictionary<string, Value> Fields { get; }
    public override ValueKind Kind => ValueKind.Record;
    internal override int NestingDepth => _depth;

    public override bool Equals(Value? other)
    {
        if (ReferenceEquals(this, other)) return true;
        if (other is not RecordValue r || r.Fields.Count != Fields.Count) return false;
        foreach (var field in Fields)
        {
            if (!r.Fields.TryGetValue(field.Key, out var v) || !v.Equals(field.Value)) return false;
        }
        return true;
    }

    // Field order is not part of a record, so field hashes are combined with an order-free sum.
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var sum = Fields.Count;
        foreach (var field in Fields)
        {
            sum = unchecked(sum + HashCode.Combine(StringComparer.Ordinal.GetHashCode(field.Key), field.Value.GetHashCode()));
        }
        _hash = sum == 0 ? 1 : sum;
        return _hash;
    }
}
