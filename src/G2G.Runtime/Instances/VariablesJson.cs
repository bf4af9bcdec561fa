using System.Collections.Immutable;
using System.Text.Json;
using G2G.Engine.Expressions;

namespace G2G.Runtime.Instances;

/// <summary>Variables as JSON for job payloads, keeping value kinds (dates, durations) intact.</summary>
public static class VariablesJson
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new ValueJsonConverter() } };

    public static string Serialize<T>(T payload) => JsonSerializer.Serialize(payload, Options);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException("The payload is null.");

    public static ImmutableDictionary<string, Value> Empty => ImmutableDictionary<string, Value>.Empty;
}
