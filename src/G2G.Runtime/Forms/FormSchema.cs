using System.Text.Json;
using System.Text.RegularExpressions;

namespace G2G.Runtime.Forms;

/// <summary>
/// One field of a form (a form-js component): its key, type, label, options and validation rules; for a file field
/// (<c>filepicker</c>) the file types it accepts (form-js <c>accept</c>: media types, <c>image/*</c> or extensions
/// such as <c>.pdf</c>; none means any) and whether it takes several files.
/// </summary>
public sealed record FormField(
    string Key,
    string Type,
    string? Label,
    bool Required,
    decimal? Min,
    decimal? Max,
    int? MinLength,
    int? MaxLength,
    string? Pattern,
    IReadOnlyList<string> Options,
    bool ReadOnly,
    IReadOnlyList<FormField> Columns,
    IReadOnlyList<string>? Accept = null,
    bool Multiple = false);

/// <summary>
/// A form schema as deployed from <c>workflows/&lt;procedure&gt;/forms/*.json</c>, in the shape of bpmn.io's
/// form-js (<c>{"components":[{"type":"number","key":"days","label":"天数","validate":{"required":true,"min":0.5}}]}</c>),
/// so its editor can produce our forms. Tables of lines are <c>dynamiclist</c> components with their own
/// <c>components</c>. A file field (<c>filepicker</c>) holds a list of references to stored files
/// (<see cref="FormFiles"/>), never their bytes.
/// </summary>
public sealed class FormSchema
{
    /// <summary>Field types the server validates; display-only components (text, spacer, …) carry no key and are skipped.</summary>
    public static readonly IReadOnlySet<string> FieldTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "textfield", "textarea", "number", "checkbox", "select", "radio", "checklist", "taglist", "datetime", "date", "dynamiclist",
        "filepicker",
    };

    private FormSchema(IReadOnlyList<FormField> fields) => Fields = fields;

    public IReadOnlyList<FormField> Fields { get; }

    /// <summary>Reads a schema; an unusable one throws <see cref="FormatException"/> naming the component.</summary>
    public static FormSchema Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("components", out var components)
            || components.ValueKind != JsonValueKind.Array)
            throw new FormatException("A form schema needs a \"components\" array.");
        return new FormSchema(ReadFields(components, "components"));
    }

    private static List<FormField> ReadFields(JsonElement components, string path)
    {
        var fields = new List<FormField>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var component in components.EnumerateArray())
        {
            var where = $"{path}[{index++}]";
            var type = Text(component, "type") ?? throw new FormatException($"{where} has no \"type\".");
            if (!FieldTypes.Contains(type))
                continue;
            var key = Text(component, "key") ?? (type == "dynamiclist" ? Text(component, "path") : null)
                ?? throw new FormatException($"{where} ({type}) has no \"key\".");
            if (!keys.TryAdd(key, where))
                throw new FormatException($"{where} ({type}) has the key \"{key}\" of {keys[key]}; each field needs its own key.");
            var validate = component.TryGetProperty("validate", out var v) ? v : default;
            fields.Add(new FormField(
                key, type, Text(component, "label"),
                Flag(validate, "required"),
                Number(validate, "min"), Number(validate, "max"),
                Length(validate, "minLength", where), Length(validate, "maxLength", where),
                Pattern(validate, where),
                component.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array
                    ? [.. values.EnumerateArray().Select(o => o.TryGetProperty("value", out var value) ? value.ToString() : o.ToString())]
                    : [],
                Flag(component, "readonly") || Flag(component, "disabled"),
                type == "dynamiclist" && component.TryGetProperty("components", out var inner) ? ReadFields(inner, $"{where}.components") : [],
                type == "filepicker" ? Accepted(Text(component, "accept")) : null,
                Flag(component, "multiple")));
        }
        return fields;
    }

    private static string[]? Accepted(string? accept) =>
        accept?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is { Length: > 0 } types ? types : null;

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool Flag(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;

    /// <summary>A text length rule: a whole number from 0 to <see cref="int.MaxValue"/>.</summary>
    private static int? Length(JsonElement element, string name, string where) => Number(element, name) switch
    {
        null => null,
        var n when n >= 0 && n <= int.MaxValue && n == decimal.Truncate(n.Value) => (int)n,
        var n => throw new FormatException($"{where} has \"{name}\": {n}; it must be a whole number of at least 0."),
    };

    /// <summary>The pattern rule, checked to be a .NET regular expression here so that no submission meets a broken one.</summary>
    private static string? Pattern(JsonElement element, string where)
    {
        if (Text(element, "pattern") is not { } pattern)
            return null;
        try
        {
            _ = new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            return pattern;
        }
        catch (ArgumentException invalid)
        {
            throw new FormatException($"{where} has a \"pattern\" that is not a regular expression: {invalid.Message}", invalid);
        }
    }

    private static decimal? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDecimal() : null;
}
