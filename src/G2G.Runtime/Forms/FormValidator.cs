using System.Globalization;
using System.Text.RegularExpressions;
using G2G.Engine.Expressions;

namespace G2G.Runtime.Forms;

/// <summary>
/// Checks a submission against a form schema and reports every problem, by field path
/// (<c>days</c>, <c>lines[2].amount</c>), in plain language. Fields that are not in the form, or that
/// are read-only in it, may not be submitted.
/// </summary>
public static class FormValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    public static IReadOnlyDictionary<string, string[]> Validate(FormSchema schema, IReadOnlyDictionary<string, Value>? submitted)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        Check(schema.Fields, submitted ?? new Dictionary<string, Value>(), "", errors);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Check(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, Value> values, string prefix, Dictionary<string, List<string>> errors)
    {
        void Add(string path, string message) => (errors.TryGetValue(path, out var list) ? list : errors[path] = []).Add(message);
        var known = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var key in values.Keys.Where(k => !known.ContainsKey(k)))
            Add(prefix + key, "This field is not part of the form.");
        foreach (var field in fields)
        {
            var path = prefix + field.Key;
            var present = values.TryGetValue(field.Key, out var value) && value is not NullValue && value is not StringValue { Value: "" };
            if (present && field.ReadOnly)
            {
                Add(path, $"{Name(field)} cannot be changed at this step.");
                continue;
            }
            if (!present)
            {
                if (field.Required)
                    Add(path, $"{Name(field)} is required.");
                continue;
            }
            foreach (var problem in Problems(field, value!))
                Add(path, problem);
            if (field.Type == "dynamiclist" && value is ListValue rows)
            {
                for (var i = 0; i < rows.Items.Length; i++)
                {
                    if (rows.Items[i] is RecordValue row)
                        Check(field.Columns, row.Fields, $"{path}[{i}].", errors);
                    else
                        Add($"{path}[{i}]", "Each line must be an object with the line's fields.");
                }
            }
        }
    }

    private static IEnumerable<string> Problems(FormField field, Value value)
    {
        switch (field.Type)
        {
            case "number":
                if (value is not NumberValue number)
                {
                    yield return $"{Name(field)} must be a number.";
                    yield break;
                }
                if (field.Min is { } min && number.Value < min)
                    yield return $"{Name(field)} must be at least {min.ToString(CultureInfo.InvariantCulture)}.";
                if (field.Max is { } max && number.Value > max)
                    yield return $"{Name(field)} must be at most {max.ToString(CultureInfo.InvariantCulture)}.";
                break;
            case "checkbox":
                if (value is not BooleanValue)
                    yield return $"{Name(field)} must be true or false.";
                break;
            case "select":
            case "radio":
                if (value is not StringValue choice || (field.Options.Count > 0 && !field.Options.Contains(choice.Value)))
                    yield return $"{Name(field)} must be one of: {string.Join(", ", field.Options)}.";
                break;
            case "checklist":
            case "taglist":
                if (value is not ListValue chosen || chosen.Items.Any(i => i is not StringValue s || (field.Options.Count > 0 && !field.Options.Contains(s.Value))))
                    yield return $"{Name(field)} must be a list of: {string.Join(", ", field.Options)}.";
                break;
            case "date":
            case "datetime":
                if (value is not DateValue && !(value is StringValue text && DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
                    yield return $"{Name(field)} must be a date.";
                break;
            case "dynamiclist":
                if (value is not ListValue lines)
                {
                    yield return $"{Name(field)} must be a list of lines.";
                    yield break;
                }
                if (field.Min is { } fewest && lines.Items.Length < fewest)
                    yield return $"{Name(field)} needs at least {fewest.ToString(CultureInfo.InvariantCulture)} line(s).";
                if (field.Max is { } most && lines.Items.Length > most)
                    yield return $"{Name(field)} allows at most {most.ToString(CultureInfo.InvariantCulture)} line(s).";
                break;
            default:
                if (value is not StringValue s)
                {
                    yield return $"{Name(field)} must be text.";
                    yield break;
                }
                if (field.MinLength is { } shortest && s.Value.Length < shortest)
                    yield return $"{Name(field)} needs at least {shortest} characters.";
                if (field.MaxLength is { } longest && s.Value.Length > longest)
                    yield return $"{Name(field)} allows at most {longest} characters.";
                if (field.Pattern is { } pattern && !Matches(s.Value, pattern))
                    yield return $"{Name(field)} does not have the expected format.";
                break;
        }
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, PatternTimeout);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static string Name(FormField field) => field.Label is { Length: > 0 } label ? $"'{label}'" : $"'{field.Key}'";
}
