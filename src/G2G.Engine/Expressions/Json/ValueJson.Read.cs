using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

public static partial class ValueJson
{
    // JsonElement trees can come from documents parsed with a raised MaxDepth; stay stack-safe regardless.
    private const int MaxElementDepth = 256;

    /// <summary>
    /// Reads one JSON value. The reader may be before the value (token <c>None</c>) or on its first token;
    /// afterwards it is on the value's last token, as <see cref="System.Text.Json.Serialization.JsonConverter{T}"/> requires.
    /// </summary>
    /// <exception cref="JsonException">A number is outside the decimal range, or the JSON is invalid.</exception>
    public static Value Read(ref Utf8JsonReader reader)
    {
        try
        {
            return ReadValue(ref reader);
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException)
        {
            throw LoneSurrogate(e);
        }
    }

    /// <summary>
    /// The JSON readers accept an escaped lone surrogate (<c>"\ud800"</c>) but refuse to turn it into a .NET string with an
    /// <see cref="InvalidOperationException"/>; for a caller that is invalid JSON text like any other.
    /// </summary>
    private static JsonException LoneSurrogate(InvalidOperationException e) =>
        new("A JSON string is not valid Unicode text (it escapes a lone surrogate such as \\ud800).", e);

    private static Value ReadValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.None && !reader.Read()) throw new JsonException("Expected a JSON value.");
        switch (reader.TokenType)
        {
            case JsonTokenType.Null: return Value.Null;
            case JsonTokenType.True: return Value.True;
            case JsonTokenType.False: return Value.False;
            case JsonTokenType.String: return new StringValue(reader.GetString()!);
            case JsonTokenType.Number:
                return reader.TryGetDecimal(out var number)
                    ? new NumberValue(number)
                    : throw new JsonException("A JSON number is outside the decimal range of process values.");
            case JsonTokenType.StartArray:
                var items = ImmutableArray.CreateBuilder<Value>();
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray) items.Add(ReadValue(ref reader));
                return new ListValue(items.ToImmutable());
            case JsonTokenType.StartObject:
                var fields = ImmutableDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var key = reader.GetString()!;
                    reader.Read();
                    fields[key] = ReadValue(ref reader);
                }
                return FromFields(fields.ToImmutable());
            default:
                throw new JsonException($"Unexpected JSON token {reader.TokenType}.");
        }
    }

    /// <summary>
    /// Converts plain JSON from hosts and forms: numbers become decimals, strings stay text (a date-looking
    /// string is not turned into a date), objects become records, except the <c>$date</c>/<c>$duration</c>/<c>$record</c> forms.
    /// </summary>
    /// <exception cref="JsonException">A number is outside the decimal range, or nesting is deeper than 256.</exception>
    public static Value FromJsonElement(JsonElement element)
    {
        try
        {
            return FromElement(element, 0);
        }
        catch (InvalidOperationException e) when (e is not ObjectDisposedException)
        {
            throw LoneSurrogate(e);
        }
    }

    private static Value FromElement(JsonElement element, int depth)
    {
        if (depth > MaxElementDepth) throw new JsonException($"JSON nested deeper than {MaxElementDepth} levels.");
        switch (element.ValueKind)
        {
            case JsonValueKind.Null or JsonValueKind.Undefined: return Value.Null;
            case JsonValueKind.True: return Value.True;
            case JsonValueKind.False: return Value.False;
            case JsonValueKind.String: return new StringValue(element.GetString()!);
            case JsonValueKind.Number:
                return element.TryGetDecimal(out var number)
                    ? new NumberValue(number)
                    : throw new JsonException("A JSON number is outside the decimal range of process values.");
            case JsonValueKind.Array:
                var items = ImmutableArray.CreateBuilder<Value>(element.GetArrayLength());
                foreach (var item in element.EnumerateArray()) items.Add(FromElement(item, depth + 1));
                return new ListValue(items.MoveToImmutable());
            default:
                var fields = ImmutableDictionary.CreateBuilder<string, Value>(StringComparer.Ordinal);
                foreach (var property in element.EnumerateObject()) fields[property.Name] = FromElement(property.Value, depth + 1);
                return FromFields(fields.ToImmutable());
        }
    }

    /// <summary>Turns the marker objects back into dates, durations and wrapped records; anything else is a record.</summary>
    private static Value FromFields(ImmutableDictionary<string, Value> fields)
    {
        if (fields.Count == 1)
        {
            var (key, value) = fields.First();
            switch (key)
            {
                case DateKey when value is StringValue s && DateText.TryParse(s.Value, out var local, out var offset) &&
                                  DateText.TryCombine(local, offset, DefaultOffset, out var date):
                    return new DateValue(date);
                case DurationKey when value is StringValue s && IsoDuration.TryParse(s.Value, out var duration):
                    return new DurationValue(duration);
                case RecordKey when value is RecordValue record:
                    return record;
            }
        }
        return new RecordValue(fields);
    }
}
