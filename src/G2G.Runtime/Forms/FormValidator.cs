using System.Globalization;
using System.Text.RegularExpressions;
using G2G.Engine.Expressions;

namespace G2G.Runtime.Forms;

/// <summary>
/// Checks a submission against a form schema and reports every problem, by field path
/// (<c>days</c>, <c>lines[2].amount</c>), in plain language (<see cref="RuntimeMessages"/>). Fields that are not in the form, or that
/// are read-only in it, may not be submitted.
/// </summary>
public static class FormValidator
{
    private static readonly TimeSpan PatternTimeout = TimeSpan.FromMilliseconds(100);

    public static IReadOnlyDictionary<string, RuntimeText[]> Validate(FormSchema schema, IReadOnlyDictionary<string, Value>? submitted)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new Dictionary<string, List<RuntimeText>>(StringComparer.Ordinal);
        Check(schema.Fields, submitted ?? new Dictionary<string, Value>(), "", errors);
        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    private static void Check(IReadOnlyList<FormField> fields, IReadOnlyDictionary<string, Value> values, string prefix, Dictionary<string, List<RuntimeText>> errors)
    {
        void Add(string path, RuntimeText message) => (errors.TryGetValue(path, out var list) ? list : errors[path] = []).Add(message);
        var known = fields.ToDictionary(f => f.Key, StringComparer.Ordinal);
        foreach (var key in values.Keys.Where(k => !known.ContainsKey(k)))
            Add(prefix + key, RuntimeMessages.FieldNotInForm());
        foreach (var field in fields)
        {
            var path = prefix + field.Key;
            var present = values.TryGetValue(field.Key, out var value) && value is not NullValue && value is not StringValue { Value: "" };
            if (present && field.ReadOnly)
            {
                Add(path, RuntimeMessages.FieldReadOnly(Name(field)));
                continue;
            }
            if (!present)
            {
                if (field.Required)
                    Add(path, RuntimeMessages.FieldRequired(Name(field)));
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
                        Add($"{path}[{i}]", RuntimeMessages.LineNotObject());
                }
            }
        }
    }

    private static IEnumerable<RuntimeText> Problems(FormField field, Value value)
    {
        switch (field.Type)
        {
            case "number":
                if (value is not NumberValue number)
                {
                    yield return RuntimeMessages.FieldNotNumber(Name(field));
                    yield break;
                }
                if (field.Min is { } min && number.Value < min)
                    yield return RuntimeMessages.FieldBelowMinimum(Name(field), min);
                if (field.Max is { } max && number.Value > max)
                    yield return RuntimeMessages.FieldAboveMaximum(Name(field), max);
                break;
            case "checkbox":
                if (value is not BooleanValue)
                    yield return RuntimeMessages.FieldNotBoolean(Name(field));
                break;
            case "select":
            case "radio":
                if (value is not StringValue choice || (field.Options.Count > 0 && !field.Options.Contains(choice.Value)))
                    yield return RuntimeMessages.FieldNotOption(Name(field), string.Join(", ", field.Options));
                break;
            case "checklist":
            case "taglist":
                if (value is not ListValue chosen || chosen.Items.Any(i => i is not StringValue s || (field.Options.Count > 0 && !field.Options.Contains(s.Value))))
                    yield return RuntimeMessages.FieldNotOptionList(Name(field), string.Join(", ", field.Options));
                break;
            case "date":
            case "datetime":
                if (value is not DateValue && !(value is StringValue text && DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.None, out _)))
                    yield return RuntimeMessages.FieldNotDate(Name(field));
                break;
            case "filepicker":
                if (FormFiles.Read(value) is not { } files)
                {
                    yield return RuntimeMessages.FieldNotFileList(Name(field));
                    yield break;
                }
                if (files.Count == 0 && field.Required)
                    yield return RuntimeMessages.FieldRequired(Name(field));
                if (files.Count > 1 && !field.Multiple)
                    yield return RuntimeMessages.FieldOneFile(Name(field));
                foreach (var file in files.Where(f => !FormFiles.Accepts(field.Accept, f.Name, f.ContentType)))
                    yield return RuntimeMessages.FieldFileType(Name(field), file.Name, string.Join(", ", field.Accept!));
                break;
            case "dynamiclist":
                if (value is not ListValue lines)
                {
                    yield return RuntimeMessages.FieldNotLineList(Name(field));
                    yield break;
                }
                if (field.Min is { } fewest && lines.Items.Length < fewest)
                    yield return RuntimeMessages.FieldTooFewLines(Name(field), fewest);
                if (field.Max is { } most && lines.Items.Length > most)
                    yield return RuntimeMessages.FieldTooManyLines(Name(field), most);
                break;
            default:
                if (value is not StringValue s)
                {
                    yield return RuntimeMessages.FieldNotText(Name(field));
                    yield break;
                }
                if (field.MinLength is { } shortest && s.Value.Length < shortest)
                    yield return RuntimeMessages.FieldTooShort(Name(field), shortest);
                if (field.MaxLength is { } longest && s.Value.Length > longest)
                    yield return RuntimeMessages.FieldTooLong(Name(field), longest);
                if (field.Pattern is { } pattern && !Matches(s.Value, pattern))
                    yield return RuntimeMessages.FieldPatternMismatch(Name(field));
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

    private static string Name(FormField field) => field.Label is { Length: > 0 } label ? label : field.Key;
}
