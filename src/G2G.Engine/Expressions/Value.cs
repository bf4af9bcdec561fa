using System.Collections.Immutable;
using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

/// <summary>The kinds of value a process variable or an expression result can have.</summary>
public enum ValueKind { Null, Boolean, Number, Text, Date, Duration, List, Record }

/// <summary>
/// An immutable process value: null, boolean, decimal number, string, date-time, ISO duration,
/// list or record (string-keyed map). Variables in process state and expression results are Values;
/// they round-trip through JSON (see <c>ValueJsonConverter</c>).
/// </summary>
public abstract partial class Value : IEquatable<Value>
{
    public abstract ValueKind Kind { get; }

    public static Value Null => NullValue.Instance;
    public static Value True { get; } = new BooleanValue(true);
    public static Value False { get; } = new BooleanValue(false);

    public static Value From(bool value) => value ? True : False;
    public static Value From(decimal value) => new NumberValue(value);
    public static Value From(int value) => new NumberValue(value);
    public static Value From(string? value) => value is null ? Null : new StringValue(value);
    public static Value From(DateTimeOffset value) => new DateValue(value);
    public static Value From(IsoDuration value) => new DurationValue(value);
    public static Value From(IEnumerable<Value> items) => new ListValue([.. items]);
    public static Value From(IEnumerable<KeyValuePair<string, Value>> fields) =>
        new RecordValue(fields.ToImmutableDictionary(StringComparer.Ordinal));

    public abstract bool Equals(Value? other);
    public override bool Equals(object? obj) => obj is Value v && Equals(v);
    public abstract override int GetHashCode();
}

public sealed class NullValue : Value
{
    public static readonly NullValue Instance = new();
    private NullValue() { }
    public override ValueKind Kind => ValueKind.Null;
    public override bool Equals(Value? other) => other is NullValue;
    public override int GetHashCode() => 0;
    public override string ToString() => "null";
}

public sealed class BooleanValue(bool value) : Value
{
    public bool Value { get; } = value;
    public override ValueKind Kind => ValueKind.Boolean;
    public override bool Equals(Value? other) => other is BooleanValue b && b.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
}

public sealed class NumberValue(decimal value) : Value
{
    public decimal Value { get; } = value;
    public override ValueKind Kind => ValueKind.Number;
    public override bool Equals(Value? other) => other is NumberValue n && n.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
}

public sealed class StringValue(string value) : Value
{
    public string Value { get; } = value;
    public override ValueKind Kind => ValueKind.Text;
    public override bool Equals(Value? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}

public sealed class DateValue(DateTimeOffset value) : Value
{
    public DateTimeOffset Value { get; } = value;
    public override ValueKind Kind => ValueKind.Date;
    public override bool Equals(Value? other) => other is DateValue d && d.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
}

public sealed class DurationValue(IsoDuration value) : Value
{
    public IsoDuration Value { get; } = value;
    public override ValueKind Kind => ValueKind.Duration;
    public override bool Equals(Value? other) => other is DurationValue d && d.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
}

public sealed class ListValue(ImmutableArray<Value> items) : Value
{
    public ImmutableArray<Value> Items { get; } = items;
    public override ValueKind Kind => ValueKind.List;
    public override bool Equals(Value? other) => other is ListValue l && l.Items.SequenceEqual(Items);
    public override int GetHashCode() => Items.Length;
}

public sealed class RecordValue(ImmutableDictionary<string, Value> fields) : Value
{
    public ImmutableDictionary<string, Value> Fields { get; } = fields;
    public override ValueKind Kind => ValueKind.Record;
    public override bool Equals(Value? other) =>
        other is RecordValue r && r.Fields.Count == Fields.Count &&
        Fields.All(f => r.Fields.TryGetValue(f.Key, out var v) && v.Equals(f.Value));
    public override int GetHashCode() => Fields.Count;
}
