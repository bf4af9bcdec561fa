using System.Text.Json;
using System.Text.Json.Serialization;
using G2G.Engine.Expressions;

namespace G2G.Engine.Execution;

/// <summary>JSON form of <see cref="ProcessState"/>, as the runtime stores it (source-generated, no reflection).</summary>
public static class ProcessStateJson
{
    public static string Serialize(ProcessState state) => JsonSerializer.Serialize(state, ProcessStateJsonContext.Default.ProcessState);

    public static byte[] SerializeToUtf8(ProcessState state) => JsonSerializer.SerializeToUtf8Bytes(state, ProcessStateJsonContext.Default.ProcessState);

    public static ProcessState Deserialize(string json) =>
        JsonSerializer.Deserialize(json, ProcessStateJsonContext.Default.ProcessState)
        ?? throw new JsonException("The process state JSON is null.");

    public static ProcessState Deserialize(ReadOnlySpan<byte> utf8) =>
        JsonSerializer.Deserialize(utf8, ProcessStateJsonContext.Default.ProcessState)
        ?? throw new JsonException("The process state JSON is null.");
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, // not WhenWritingDefault: required enum members at their first value (ScopeKind.Process) must be written
    UseStringEnumConverter = true,
    Converters = [typeof(ValueJsonConverter)])]
[JsonSerializable(typeof(ProcessState))]
internal sealed partial class ProcessStateJsonContext : JsonSerializerContext;
