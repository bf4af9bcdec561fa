using System.Collections;
using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

public abstract partial class Value
{
    // China Standard Time has no daylight saving, so a fixed offset is exact for the offices we serve.
    private static readonly TimeSpan DefaultOffset = TimeSpan.FromHours(8);
    private const int MaxObjectDepth = 64;

    /// <summary>
    /// Converts a CLR value from a host (forms, services, tests) into a process value, reading
    /// <see cref="DateTime"/> values that are not UTC and <see cref="DateOnly"/> values as +08:00
    /// (China Standard Time): the engine never consults the machine's time zone.
    /// </summary>
    /// <exception cref="ArgumentException">The value (or something inside it) has no process-value form.</exception>
    public static Value FromObject(object? value) => FromObject(value, DefaultOffset);

    /// <summary>
    /// Converts a CLR value into a process value: null, <see cref="Value"/>, bool, any integer type, float,
    /// double, decimal, string, char, enum (its name), <see cref="DateTimeOffset"/>, <see cref="DateTime"/>,
    /// <see cref="DateOnly"/>, <see cref="IsoDuration"/>, <see cref="TimeSpan"/>, <see cref="JsonElement"/>,
    /// string-keyed dictionaries (records) and other enumerables (lists).
    /// </summary>
    /// <param name="value">The CLR value.</param>
    /// <param name="localOffset">Offset given to non-UTC <see cref="DateTime"/> and to <see cref="DateOnly"/> values.</param>
    public static Value FromObject(object? value, TimeSpan localOffset) => Convert(value, localOffset, 0);

    private static Value Convert(object? value, TimeSpan offset, int depth)
    {
        if (depth > MaxObjectDepth)
        {
            throw new ArgumentException($"The object is nested more than {MaxObjectDepth} levels deep (or refers to itself).", nameof(value));
        }
        return value switch
        {
            null => Null,
            Value v => v,
            bool b => From(b),
            string s => new StringValue(s),
            char c => new StringValue(c.ToString()),
            decimal m => new NumberValue(m),
            int or long or short or byte or sbyte or ushort or uint or ulong =>
                new NumberValue(System.Convert.ToDecimal(value, System.Globalization.CultureInfo.InvariantCulture)),
            double d => FromDouble(d),
            float f => FromDouble(f),
            Enum e => new StringValue(e.ToString()),
            DateTimeOffset dto => new DateValue(dto),
            DateTime dt => new DateValue(dt.Kind == DateTimeKind.Utc
                ? new DateTimeOffset(dt, TimeSpan.Zero)
                : new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Unspecified), offset)),
            DateOnly d => new DateValue(new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), offset)),
            IsoDuration iso => new DurationValue(iso),
            TimeSpan span => new DurationValue(IsoDuration.FromTimeSpan(span)),
            JsonElement json => ValueJson.FromJsonElement(json),
            IEnumerable<KeyValuePair<string, object?>> fields => ConvertRecord(fields, offset, depth),
            IEnumerable<KeyValuePair<string, Value>> fields => From(fields),
            IDictionary dictionary => ConvertDictionary(dictionary, offset, depth),
            IEnumerable items => ConvertList(items, offset, depth),
            _ => throw new ArgumentException($"A {value.GetType().Name} cannot be used as a process value.", nameof(value)),
        };
    }

    private static NumberValue FromDouble(double d)
    {
        if (double.IsNaN(d) || double.IsInfinity(d))
        {
            throw new ArgumentException("NaN and infinity are not numbers a process can hold.", nameof(d));
        }
        try
        {
            return new NumberValue((decimal)d);
        }
        catch (OverflowException ex)
        {
            throw new ArgumentException($"{d} is outside the decimal range.", nameof(d), ex);
        }
    }

    private static RecordValue ConvertRecord(IEnumerable<KeyValuePair<string, object?>> fields, TimeSpan offset, int depth)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        foreach (var field in fields) builder[field.Key] = Convert(field.Value, offset, depth + 1);
        return new RecordValue(builder.ToImmutable());
    }

    private static RecordValue ConvertDictionary(IDictionary dictionary, TimeSpan offset, int depth)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in dictionary)
        {
            if (entry.Key is not string key)
            {
                throw new ArgumentException("Only dictionaries with string keys can become records.", nameof(dictionary));
            }
            builder[key] = Convert(entry.Value, offset, depth + 1);
        }
        return new RecordValue(builder.ToImmutable());
    }

    private static ListValue ConvertList(IEnumerable items, TimeSpan offset, int depth)
    {
        var builder = ImmutableArray.CreateBuilder<Value>();
        foreach (var item in items) builder.Add(Convert(item, offset, depth + 1));
        return new ListValue(builder.ToImmutable());
    }
}
