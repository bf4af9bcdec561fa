using System.Collections.Immutable;
using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

/// <summary>The kinds of value a process variable or an expression result can have.</summary>
public enum ValueKind { Null, Boolean, Number, Text, Date, Duration, List, Record }

/// <summary>
/// An immutable process value: null, boolean, decimal number, string, date-time, ISO duration,
/// list or record (string-keyed map). Variables in process state and expression results are Values;
/// they round-trip through JSON (see <see cref="ValueJsonConverter"/>).
/// Equality is by meaning: <c>1.0</c> equals <c>1</c>, dates are equal when they are the same instant,
/// <c>P1D</c> equals <c>PT24H</c>, lists and records compare element by element.
/// </summary>
public abstract partial class Value : IEquatable<Value>
{
    /// <summary>Which of the eight kinds this value is.</summary>
    public abstract ValueKind Kind { get; }

    /// <summary>The single null value.</summary>
    public static Value Null => NullValue.Instance;

    /// <summary>The boolean <c>true</c>.</summary>
    public static Value True { get; } = new BooleanValue(true);

    /// <summary>The boolean <c>false</c>.</summary>
    public static Value False { get; } = new BooleanValue(false);

    /// <summary>The shared boolean value for <paramref name="value"/>.</summary>
    public static Value From(bool value) => value ? True : False;

    /// <summary>A number value.</summary>
    public static Value From(decimal value) => new NumberValue(value);

    /// <summary>A number value.</summary>
    public static Value From(int value) => new NumberValue(value);

    /// <summary>A number value.</summary>
    public static Value From(long value) => new NumberValue(value);

    /// <summary>A text value, or null for a null string.</summary>
    public static Value From(string? value) => value is null ? Null : new StringValue(value);

    /// <summary>A date-time value.</summary>
    public static Value From(DateTimeOffset value) => new DateValue(value);

    /// <summary>A duration value.</summary>
    public static Value From(IsoDuration value) => new DurationValue(value);

    /// <summary>A list of the given items, in order.</summary>
    public static Value From(IEnumerable<Value> items) => new ListValue([.. items]);

    /// <summary>A record of the given fields (keys compare ordinally).</summary>
    public static Value From(IEnumerable<KeyValuePair<string, Value>> fields) =>
        new RecordValue(fields.ToImmutableDictionary(StringComparer.Ordinal));

    /// <summary>How deeply lists and records are nested inside this value (0 for scalars).</summary>
    internal virtual int NestingDepth => 0;

    /// <summary>Equality by meaning; see the class remarks.</summary>
    public abstract bool Equals(Value? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Value v && Equals(v);
    /// <summary>A hash consistent with <see cref="Equals(Value?)"/>.</summary>
    public abstract override int GetHashCode();

    /// <summary>The value written as an expression literal, e.g. <c>'text'</c>, <c>@P3D</c>, <c>{a: 1}</c>.</summary>
    public override string ToString() => ValueText.Literal(this);
}

/// <summary>The null value; there is exactly one instance.</summary>
public sealed class NullValue : Value
{
    /// <summary>The only instance.</summary>
    public static readonly NullValue Instance = new();
    private NullValue() { }
    public override ValueKind Kind => ValueKind.Null;
    public override bool Equals(Value? other) => other is NullValue;
    public override int GetHashCode() => 0;
}

/// <summary>A boolean value; use <see cref="Value.True"/> and <see cref="Value.False"/> to avoid allocations.</summary>
public sealed class BooleanValue(bool value) : Value
{
    /// <summary>The boolean.</summary>
    public bool Value { get; } = value;
    public override ValueKind Kind => ValueKind.Boolean;
    public override bool Equals(Value? other) => other is BooleanValue b && b.Value == Value;
    public override int GetHashCode() => Value ? 1 : 2;
}

/// <summary>A decimal number. Equality ignores trailing zeros (<c>1.50</c> equals <c>1.5</c>).</summary>
public sealed class NumberValue(decimal value) : Value
{
    /// <summary>The number.</summary>
    public decimal Value { get; } = value;
    public override ValueKind Kind => ValueKind.Number;
    public override bool Equals(Value? other) => other is NumberValue n && n.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
}

/// <summary>A text value; equality is ordinal.</summary>
public sealed class StringValue(string value) : Value
{
    /// <summary>The text (never null).</summary>
    public string Value { get; } = value ?? throw new ArgumentNullException(nameof(value));
    public override ValueKind Kind => ValueKind.Text;
    public override bool Equals(Value? other) => other is StringValue s && string.Equals(s.Value, Value, StringComparison.Ordinal);
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);
}

/// <summary>A date-time with its UTC offset; two dates are equal when they denote the same instant.</summary>
public sealed class DateValue(DateTimeOffset value) : Value
{
    /// <summary>The instant with its offset.</summary>
    public DateTimeOffset Value { get; } = value;
    public override ValueKind Kind => ValueKind.Date;
    public override bool Equals(Value? other) => other is DateValue d && d.Value == Value;
    public override int GetHashCode() => Value.GetHashCode();
}

/// <summary>
/// An ISO 8601 duration. Equal when the calendar part (years·12 + months) and the fixed part
/// (weeks, days of 24 hours, hours, minutes, seconds) are both equal, so <c>P1W</c> equals <c>P7D</c>.
/// </summary>
public sealed class DurationValue(IsoDuration value) : Value
{
    /// <summary>The duration as written (not normalised).</summary>
    public IsoDuration Value { get; } = value;
    public override ValueKind Kind => ValueKind.Duration;
    public override bool Equals(Value? other) =>
        other is DurationValue d && DurationMath.Months(d.Value) == DurationMath.Months(Value) &&
        DurationMath.FixedSeconds(d.Value) == DurationMath.FixedSeconds(Value);
    public override int GetHashCode() => HashCode.Combine(DurationMath.Months(Value), DurationMath.FixedSeconds(Value));
}
