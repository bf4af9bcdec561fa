using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using G2G.Engine.Expressions;
using G2G.Engine.Tests.Fuzzing;
using G2G.Runtime.Forms;
using Xunit.Abstractions;

namespace G2G.Runtime.Tests.Forms;

/// <summary>
/// Generated form-js schemas (with hostile rules) and submissions (with values of every kind): a schema is read or refused
/// with the <see cref="FormatException"/> or <see cref="JsonException"/> deployment reports, and validating any submission
/// against a schema that was read gives field errors, never an exception.
/// </summary>
public class FormFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] Types =
        ["textfield", "textarea", "number", "checkbox", "select", "radio", "checklist", "taglist", "datetime", "date", "dynamiclist", "text", "button", "nosuch"];

    private static readonly string[] Keys = ["days", "reason", "type", "lines", "amount", "city", "", "a.b", "申请人", "__proto__"];

    private static readonly JsonNode?[] Numbers =
        [0, -1, 0.5, 2, 30, 1e20m, -1e20m, 79228162514264337593543950335m, 2147483648, "3", true, null, new JsonArray()];

    private static readonly string[] Patterns =
        ["^1[0-9]{10}$", "(", "[a-", "(a+)+$", "\\", "*", ".*", "(?<x>a)\\k<y>", "^\\p{IsCJKUnifiedIdeographs}+$", "a{99999999999}", "(?i)x"];

    private static Gen<JsonNode?> Rule(JsonNode?[] values) => Gen.OneOf(values).Select(v => v?.DeepClone());

    private static Gen<JsonObject> Component(int depth) =>
        Gen.Select(Gen.OneOf(Types), Gen.OneOf(Keys), Gen.Bool, Rule(Numbers), Rule(Numbers), Rule(Numbers), Rule(Numbers),
            Gen.Frequency((3, Gen.Const((string?)null)), (1, Gen.OneOf(Patterns).Select(p => (string?)p))),
            Gen.OneOf(Keys).Array[0, 3], Gen.Bool,
            (type, key, required, min, max, minLength, maxLength, pattern, options, readOnly) =>
            {
                var component = new JsonObject { ["type"] = type, [type == "dynamiclist" && key.Length % 2 == 0 ? "path" : "key"] = key };
                component["validate"] = new JsonObject
                {
                    ["required"] = required, ["min"] = min, ["max"] = max, ["minLength"] = minLength, ["maxLength"] = maxLength, ["pattern"] = pattern,
                };
                component["values"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["label"] = o, ["value"] = o })]);
                component["readonly"] = readOnly && key.Length % 3 == 0;
                return component;
            })
        .SelectMany(component => depth == 0 || (string?)component["type"] != "dynamiclist"
            ? Gen.Const(component)
            : Component(depth - 1).Array[0, 3].Select(columns =>
            {
                component["components"] = new JsonArray([.. columns]);
                return component;
            }));

    private static readonly Gen<string> Schema = Gen.Frequency(
        (8, Component(2).Array[0, 6].Select(c => new JsonObject { ["components"] = new JsonArray([.. c]) }.ToJsonString())),
        (1, Gen.OneOf("{}", "[]", "{\"components\": {}}", "{\"components\": [1, null, \"x\"]}", "{\"components\": [{}]}", "{\"components\": [",
            "{\"components\": [{\"type\": \"number\", \"key\": \"n\", \"validate\": {\"min\": 1e400}}]}")));

    /// <summary>Values of every kind, the edges of each included.</summary>
    private static Gen<Value> ValueOf(int depth) => depth == 0
        ? Gen.OneOf<object?>(null, "", "annual", "13800000000", new string('x', 10_000), "2026-12-01", "not a date", "\u0000", 0, -1, 0.5m,
                79228162514264337593543950335m, true, false, new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.FromHours(8)), TimeSpan.FromDays(3))
            .Select(Value.FromObject)
        : Gen.Frequency(
            (4, ValueOf(0)),
            (1, ValueOf(depth - 1).Array[0, 4].Select(items => Value.FromObject(items.ToList()))),
            (1, Gen.Select(Gen.OneOf(Keys), ValueOf(depth - 1), Gen.OneOf(Keys), ValueOf(depth - 1),
                (k1, v1, k2, v2) => Value.FromObject(new Dictionary<string, object?> { [k1] = v1, [k2] = v2 }))));

    private static readonly Gen<Dictionary<string, Value>> Submission =
        Gen.Select(Gen.OneOf(Keys), ValueOf(2)).Array[0, 6].Select(pairs => pairs.DistinctBy(p => p.Item1).ToDictionary(p => p.Item1, p => p.Item2));

    [Fact(Timeout = 30 * 60_000)]
    public async Task Schemas_AreReadOrRefused_AndSubmissionsGetFieldErrors()
    {
        var report = await Task.Run(() => FuzzRun.Check(Gen.Select(Schema, Submission), c =>
        {
            FormSchema schema;
            try
            {
                schema = FormSchema.Parse(c.Item1);
            }
            catch (Exception refused) when (refused is FormatException or JsonException)
            {
                return;
            }
            foreach (var (path, messages) in FormValidator.Validate(schema, c.Item2))
            {
                if (messages.Length == 0 || messages.Any(m => string.IsNullOrWhiteSpace(m.English)))
                    throw new FuzzFinding($"Field '{path}' has an empty error.");
            }
        }, c => c.Item1.Length + 20_000, FuzzRun.Cases(1_000), c => $"{c.Item1} with {JsonSerializer.Serialize(c.Item2.ToDictionary(p => p.Key, p => p.Value.ToString()))}"));
        output.WriteLine($"Forms: {report}");
    }
}
