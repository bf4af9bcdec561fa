using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace G2G.Engine.Expressions;

/// <summary>
/// JSON form of process values. Null, booleans, numbers, text, lists and records map to their JSON
/// counterparts; dates are written <c>{"$date":"2026-11-22T09:30:00+08:00"}</c> and durations
/// <c>{"$duration":"P3D"}</c> so their kinds survive a round trip. A record whose only key is
/// <c>$date</c>, <c>$duration</c> or <c>$record</c> is written wrapped as <c>{"$record":{...}}</c>, so
/// every value reads back equal. Reading plain JSON from hosts and forms therefore treats an object
/// whose only key is <c>$date</c> (or <c>$duration</c>) holding valid text as a date (or duration).
/// </summary>
public static partial class ValueJson
{
    internal const string DateKey = "$date";
    internal const string DurationKey = "$duration";
    internal const string RecordKey = "$record";

    // China Standard Time for "$date" texts without an offset, matching Value.FromObject.
    private static readonly TimeSpan DefaultOffset = TimeSpan.FromHours(8);

    // Process state is stored and sent as application/json, never pasted into HTML by the engine, so the relaxed
    // encoder is safe here; it keeps Chinese text readable (3 bytes, not 6) and offsets as "+08:00", not "\u002B08:00".
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="value"/> as one JSON value.</summary>
    public static void Write(Utf8JsonWriter writer, Value value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        switch (value)
        {
            case NullValue: writer.WriteNullValue(); break;
            case BooleanValue b: writer.WriteBooleanValue(b.Value); break;
            case NumberValue n: writer.WriteNumberValue(n.Value); break;
            case StringValue s: writer.WriteStringValue(s.Value); break;
            case DateValue d:
                writer.WriteStartObject();
                writer.WriteString(DateKey, ValueText.FormatDate(d.Value));
                writer.WriteEndObject();
                break;
            case DurationValue d:
                writer.WriteStartObject();
                writer.WriteString(DurationKey, d.Value.ToString());
                writer.WriteEndObject();
                break;
            case ListValue l:
                writer.WriteStartArray();
                foreach (var item in l.Items) Write(writer, item);
                writer.WriteEndArray();
                break;
            case RecordValue r:
                WriteRecord(writer, r);
                break;
        }
    }

    private static void WriteRecord(Utf8JsonWriter writer, RecordValue record)
    {
        var wrap = record.Fields.Count == 1 && IsMarkerKey(record.Fields.Keys.First());
        if (wrap)
        {
            writer.WriteStartObject();
            writer.WritePropertyName(RecordKey);
        }
        writer.WriteStartObject();
        // Name order: an ImmutableDictionary enumerates in per-process hash order, and stored state must read the same everywhere.
        foreach (var field in record.Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(field.Key);
            Write(writer, field.Value);
        }
        writer.WriteEndObject();
        if (wrap) writer.WriteEndObject();
    }

    private static bool IsMarkerKey(string key) => key is DateKey or DurationKey or RecordKey;

    /// <summary>The value as compact JSON; non-ASCII text and '+' are not escaped (not meant for inlining into HTML).</summary>
    public static string ToJsonString(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            Write(writer, value);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Reads a value from JSON text (see the class remarks for dates and durations).</summary>
    /// <exception cref="JsonException">The text is not JSON or a number is outside the decimal range.</exception>
    public static Value Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        var value = Read(ref reader);
        if (reader.Read()) throw new JsonException("Unexpected JSON after the value.");
        return value;
    }
}
