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
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(ValueJsonConverter)])]
[JsonSerializable(typeof(ProcessState))]
internal sealed partial class ProcessStateJsonContext : JsonSerializerContext;
