using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using G2G.Engine.Expressions;

namespace G2G.Engine.Execution;

/// <summary>JSON form of <see cref="ProcessState"/>, as the runtime stores it (source-generated, no reflection).</summary>
public static class ProcessStateJson
{
    /// <summary>
    /// The format this release writes and the newest it reads. Raise it with a converter from the previous format in
    /// <see cref="Deserialize(ReadOnlySpan{byte})"/> (docs/operations.md, "Changing the stored format").
    /// </summary>
    public const int CurrentFormat = 1;

    // Chinese text stays as UTF-8 instead of \uXXXX escapes: half the size in the database. The state is
    // data in a column, never embedded in HTML, so the relaxed encoder is safe here.
    private static readonly JsonTypeInfo<ProcessState> TypeInfo = (JsonTypeInfo<ProcessState>)new JsonSerializerOptions(ProcessStateJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ProcessStateJsonContext.Default,
    }.GetTypeInfo(typeof(ProcessState));

    public static string Serialize(ProcessState state) => JsonSerializer.Serialize(state, TypeInfo);

    public static byte[] SerializeToUtf8(ProcessState state) => JsonSerializer.SerializeToUtf8Bytes(state, TypeInfo);

    /// <exception cref="StateFormatException">The state is in a format newer than <see cref="CurrentFormat"/>.</exception>
    public static ProcessState Deserialize(string json) => Deserialize(System.Text.Encoding.UTF8.GetBytes(json));

    /// <exception cref="StateFormatException">The state is in a format newer than <see cref="CurrentFormat"/>.</exception>
    public static ProcessState Deserialize(ReadOnlySpan<byte> utf8)
    {
        var format = FormatOf(utf8);
        if (format > CurrentFormat)
            throw new StateFormatException(format);
        return JsonSerializer.Deserialize(utf8, TypeInfo) ?? throw new JsonException("The process state JSON is null.");
    }

    /// <summary>
    /// The stored state's format number: its top-level <c>format</c> member, which this release writes first (so it is found
    /// at once), or 1 when there is none (state stored before the number was written).
    /// </summary>
    public static int FormatOf(ReadOnlySpan<byte> utf8)
    {
        var reader = new Utf8JsonReader(utf8);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            return 1; // not an object: the deserializer reports it
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var isFormat = reader.ValueTextEquals("format"u8);
            reader.Read();
            if (isFormat)
                return reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var format) ? format
                    : throw new JsonException($"The process state's format is not a whole number but {reader.TokenType}.");
            reader.Skip();
        }
        return 1;
    }
}

/// <summary>
/// Stored state in a format newer than this release reads (<see cref="ProcessStateJson.CurrentFormat"/>): it was written by a
/// newer release, and reading it as an older format could lose or misread what it holds.
/// </summary>
public sealed class StateFormatException(int format)
    : JsonException($"The process state is stored in format {format}; this release reads formats up to {ProcessStateJson.CurrentFormat}.")
{
    /// <summary>The format the state names.</summary>
    public int Format { get; } = format;
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, // not WhenWritingDefault: required enum members at their first value (ScopeKind.Process) must be written
    UseStringEnumConverter = true,
    Converters = [typeof(ValueJsonConverter), typeof(NameOrderedConverter<Value>), typeof(NameOrderedConverter<int>)])]
[JsonSerializable(typeof(ProcessState))]
internal sealed partial class ProcessStateJsonContext : JsonSerializerContext;

/// <summary>
/// Writes a name-keyed map (variables, outcome counts) in ordinal name order. An ImmutableDictionary
/// enumerates in string-hash order, and string hashes are seeded per process, so without sorting the
/// same state would be written as different text by different processes.
/// </summary>
internal sealed class NameOrderedConverter<T> : JsonConverter<ImmutableDictionary<string, T>>
{
    public override ImmutableDictionary<string, T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException($"Expected an object of {typeof(T).Name} values, not {reader.TokenType}.");
        var values = (JsonConverter<T>)options.GetConverter(typeof(T));
        var builder = ImmutableDictionary.CreateBuilder<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString()!;
            reader.Read();
            builder[name] = values.Read(ref reader, typeof(T), options)!;
        }
        return builder.ToImmutable();
    }

    public override void Write(Utf8JsonWriter writer, ImmutableDictionary<string, T> value, JsonSerializerOptions options)
    {
        var values = (JsonConverter<T>)options.GetConverter(typeof(T));
        writer.WriteStartObject();
        foreach (var (name, item) in value.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(name);
            values.Write(writer, item, options);
        }
        writer.WriteEndObject();
    }
}
