using System.Text.Json;
using System.Text.Json.Serialization;

namespace G2G.Engine.Expressions;

/// <summary>
/// System.Text.Json converter for <see cref="Value"/> using the <see cref="ValueJson"/> format
/// (dates as <c>{"$date":"..."}</c>, durations as <c>{"$duration":"P3D"}</c>). JSON null reads as
/// <see cref="Value.Null"/>, never as a CLR null.
/// </summary>
public sealed class ValueJsonConverter : JsonConverter<Value>
{
    /// <summary>Lets <see cref="Read"/> see JSON null, so it becomes <see cref="Value.Null"/>.</summary>
    public override bool HandleNull => true;

    /// <inheritdoc />
    public override Value Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        ValueJson.Read(ref reader);

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, Value value, JsonSerializerOptions options) =>
        ValueJson.Write(writer, value ?? Value.Null);
}
