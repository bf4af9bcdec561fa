using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using G2G.Engine.Expressions;

namespace G2G.Engine.Execution;

/// <summary>JSON form of <see cref="ProcessState"/>, as the runtime stores it (source-generated, no reflection).</summary>
public static class ProcessStateJson
{
    // Chinese text stays as UTF-8 instead of \uXXXX escapes: half the size in the database. The state is
    // data in a column, never embedded in HTML, so the relaxed encoder is safe here.
    private static readonly JsonTypeInfo<ProcessState> TypeInfo = (JsonTypeInfo<ProcessState>)new JsonSerializerOptions(ProcessStateJsonContext.Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ProcessStateJsonContext.Default,
    }.GetTypeInfo(typeof(ProcessState));

    public static string Serialize(ProcessState state) => JsonSerializer.Serialize(state, TypeInfo);

    public static byte[] SerializeToUtf8(ProcessState state) => JsonSerializer.SerializeToUtf8Bytes(state, TypeInfo);

    public static ProcessState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, TypeInfo) ?? throw new JsonException("The process state JSON is null.");

    public static ProcessState Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, TypeInfo) ?? throw new JsonException("The process state JSON is null.");
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
