using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using G2G.Engine.Expressions;
using G2G.Runtime.Forms;
using Microsoft.Extensions.Localization;

namespace G2G.Web.Components.Work;

/// <summary>How a form field is drawn.</summary>
public enum FieldKind
{
    Text, TextArea, Number, Money, Date, DateTime, DateRange, Select, Radio, Checkbox, Checklist, Tags, User, Users, Department, Departments, Lines, Files,
}

/// <summary>One choice of a select, radio, checklist or tag list: the value submitted and its label.</summary>
public sealed record FieldOption(string Value, string Label);

/// <summary>
/// A field of a task's form as the page draws it: the server's <see cref="FormField"/> (key, rules, read-only at this step)
/// plus what only the drawing needs from the form-js component (option labels, description, <c>properties.kind</c>); a
/// file field's accepted types and whether it takes several files.
/// </summary>
public sealed record FieldModel(
    string Key, FieldKind Kind, string Label, string? Description, bool Required, bool ReadOnly,
    decimal? Min, decimal? Max, int? MinLength, int? MaxLength, string? Pattern,
    IReadOnlyList<FieldOption> Options, IReadOnlyList<FieldModel> Columns, string? RangeEndKey,
    IReadOnlyList<string>? Accept = null, bool Multiple = false);

/// <summary>
/// The state of a form being filled in: the fields, the values typed so far (kept across refused submissions and
/// reloads), client hints and the server's messages by field path (<c>days</c>, <c>lines[2].amount</c>, <c>comment</c>),
/// and the submission as runtime values.
/// </summary>
/// <remarks>
/// Schemas are form-js JSON. Beyond form-js's own types, a component's <c>properties.kind</c> chooses a richer input:
/// <c>money</c> (a number in yuan with two decimals), <c>user</c> and <c>department</c> (pickers against the organisation;
/// on a taglist, several), and on a date <c>properties.rangeEnd</c> names the date field that ends a range drawn as one
/// date-range picker. A file field (<c>filepicker</c>) holds the files stored for it (<see cref="FormFileStore"/>).
/// </remarks>
public sealed class FormModel
{
    private readonly Dictionary<string, object?> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public FormModel(IReadOnlyList<FieldModel> fields, IReadOnlyDictionary<string, Value>? values = null)
    {
        Fields = fields;
        StoredFiles = values is null ? [] : FormFiles.In(values.Values).Select(f => f.Sha256).ToHashSet(StringComparer.Ordinal);
        foreach (var field in fields)
            _values[field.Key] = values is not null && values.TryGetValue(field.Key, out var value) ? FromValue(field, value) : Empty(field);
    }

    public IReadOnlyList<FieldModel> Fields { get; }

    /// <summary>The files the instance holds already (they can be read back; files chosen since cannot, until submitted).</summary>
    public IReadOnlySet<string> StoredFiles { get; }

    /// <summary>A form for a task's form as the server sends it; labels in the page's language.</summary>
    public static FormModel For(TaskForm form)
    {
        var model = new FormModel(FieldsOf(form.Fields, form.Schema), form.Values);
        model.JoinRanges(form.Values);
        return model;
    }

    /// <summary>Every problem, client or server, by field path.</summary>
    public IReadOnlyDictionary<string, List<string>> Errors => _errors;

    public bool HasErrors => _errors.Count > 0;

    public object? this[string key]
    {
        get => _values.GetValueOrDefault(key);
        set
        {
            _values[key] = value;
            ClearErrors(key);
        }
    }

    /// <summary>The lines of a table field (each line a dictionary of its columns' values).</summary>
    public List<Dictionary<string, object?>> Lines(string key) =>
        _values.GetValueOrDefault(key) as List<Dictionary<string, object?>> ?? [];

    public void AddLine(FieldModel table)
    {
        var lines = Lines(table.Key);
        lines.Add(table.Columns.ToDictionary(c => c.Key, Empty, StringComparer.Ordinal));
        _values[table.Key] = lines;
        ClearErrors(table.Key);
    }

    public void RemoveLine(FieldModel table, int index)
    {
        var lines = Lines(table.Key);
        lines.RemoveAt(index);
        // Messages of later lines would now name the wrong line.
        foreach (var path in _errors.Keys.Where(p => p.StartsWith(table.Key + "[", StringComparison.Ordinal)).ToList())
            _errors.Remove(path);
    }

    public void SetLineValue(string tableKey, int index, string column, object? value)
    {
        Lines(tableKey)[index][column] = value;
        ClearErrors($"{tableKey}[{index}].{column}");
    }

    public string? ErrorText(string path) => _errors.TryGetValue(path, out var messages) ? string.Join(" ", messages) : null;

    public bool HasError(string path) => _errors.ContainsKey(path);

    public void AddError(string path, string message) => (_errors.TryGetValue(path, out var list) ? list : _errors[path] = []).Add(message);

    /// <summary>Replaces every message with the server's (its refusal is the last word).</summary>
    public void SetServerErrors(IReadOnlyDictionary<string, string[]> errors)
    {
        _errors.Clear();
        foreach (var (path, messages) in errors)
        {
            foreach (var message in messages)
                AddError(path, message);
        }
    }

    public void ClearErrors() => _errors.Clear();

    private void ClearErrors(string path)
    {
        _errors.Remove(path);
        if (Fields.FirstOrDefault(f => f.RangeEndKey is not null && f.Key == path) is { RangeEndKey: { } end })
            _errors.Remove(end);
    }

    /// <summary>Keeps what was typed into editable fields of <paramref name="earlier"/> (a reload after a conflict).</summary>
    public void KeepEditsOf(FormModel earlier)
    {
        foreach (var field in Fields.Where(f => !f.ReadOnly))
        {
            if (earlier.Fields.Any(f => f.Key == field.Key && f.Kind == field.Kind) && !IsEmpty(earlier[field.Key]))
                _values[field.Key] = earlier[field.Key];
        }
    }

    /// <summary>
    /// The hints the browser can give before asking the server (required, lengths, limits, format), in the page's language;
    /// true when there are none. The server checks the same rules again.
    /// </summary>
    public bool Check(IStringLocalizer localizer, IReadOnlySet<string>? skip = null)
    {
        _errors.Clear();
        foreach (var field in Fields.Where(f => !f.ReadOnly && skip?.Contains(f.Key) != true))
        {
            Check(field, field.Key, this[field.Key], localizer);
            if (field.Kind == FieldKind.Lines)
            {
                var lines = Lines(field.Key);
                for (var i = 0; i < lines.Count; i++)
                {
                    foreach (var column in field.Columns.Where(c => !c.ReadOnly))
                        Check(column, $"{field.Key}[{i}].{column.Key}", lines[i].GetValueOrDefault(column.Key), localizer);
                }
            }
        }
        return _errors.Count == 0;
    }

    private void Check(FieldModel field, string path, object? value, IStringLocalizer t)
    {
        string Format(string key, params object[] args) => string.Format(CultureInfo.CurrentCulture, t[key], [field.Label, .. args]);
        if (IsEmpty(value) || (field.Kind == FieldKind.DateRange && value is DateRangeValue { End: null }))
        {
            if (field.Required)
                AddError(path, Format("FieldRequired"));
            return;
        }
        switch (value)
        {
            case decimal number when field.Min is { } min && number < min:
                AddError(path, Format("FieldAtLeast", min.ToString(CultureInfo.CurrentCulture)));
                break;
            case decimal number when field.Max is { } max && number > max:
                AddError(path, Format("FieldAtMost", max.ToString(CultureInfo.CurrentCulture)));
                break;
            case string text when field.MinLength is { } shortest && text.Length < shortest:
                AddError(path, Format("FieldMinLength", shortest));
                break;
            case string text when field.MaxLength is { } longest && text.Length > longest:
                AddError(path, Format("FieldMaxLength", longest));
                break;
            case string text when field.Pattern is { } pattern && !Matches(text, pattern):
                AddError(path, Format("FieldFormat"));
                break;
            case List<Dictionary<string, object?>> lines when field.Min is { } fewest && lines.Count < fewest:
                AddError(path, Format("FieldFewLines", fewest));
                break;
            case List<Dictionary<string, object?>> lines when field.Max is { } most && lines.Count > most:
                AddError(path, Format("FieldManyLines", most));
                break;
            case DateRangeValue { Start: { } start, End: { } end } when end < start:
                AddError(path, Format("FieldRangeOrder"));
                break;
        }
    }

    private static bool Matches(string text, string pattern)
    {
        try
        {
            return Regex.IsMatch(text, pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
        }
        catch (ArgumentException)
        {
            return true; // a pattern .NET cannot read is the server's to judge
        }
        catch (RegexMatchTimeoutException)
        {
            return true;
        }
    }

    /// <summary>The submission: every editable field that has a value (blank ones are left out, as "not given").</summary>
    public Dictionary<string, Value> Submission(IReadOnlyDictionary<string, Value>? extra = null)
    {
        var submission = new Dictionary<string, Value>(StringComparer.Ordinal);
        foreach (var field in Fields.Where(f => !f.ReadOnly))
            Put(submission, field, this[field.Key]);
        foreach (var (key, value) in extra ?? new Dictionary<string, Value>())
            submission[key] = value;
        return submission;
    }

    private static void Put(Dictionary<string, Value> submission, FieldModel field, object? value)
    {
        if (field.Kind == FieldKind.DateRange)
        {
            if (value is DateRangeValue { Start: { } start })
                submission[field.Key] = Value.From(DateText(start));
            if (value is DateRangeValue { End: { } end } && field.RangeEndKey is { } endKey)
                submission[endKey] = Value.From(DateText(end));
            return;
        }
        if (ToValue(field, value) is { } converted)
            submission[field.Key] = converted;
    }

    private static Value? ToValue(FieldModel field, object? value) => value switch
    {
        _ when IsEmpty(value) => null,
        string text => Value.From(text),
        decimal number => Value.From(number),
        bool flag => Value.From(flag),
        DateTime date when field.Kind == FieldKind.DateTime => Value.From(new DateTimeOffset(date, TimeSpan.FromHours(8)).ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture)),
        DateTime date => Value.From(DateText(date)),
        List<string> items => Value.From(items.Select(Value.From)),
        List<FieldFile> files => FormFiles.ToValue(files),
        List<Dictionary<string, object?>> lines => Value.From(lines.Select(line => (Value)new RecordValue(
            field.Columns.Select(c => (c.Key, Value: ToValue(c, line.GetValueOrDefault(c.Key))))
                .Where(c => c.Value is not null)
                .ToImmutableDictionary(c => c.Key, c => c.Value!, StringComparer.Ordinal)))),
        _ => null,
    };

    private static string DateText(DateTime date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string text => string.IsNullOrWhiteSpace(text),
        System.Collections.ICollection items => items.Count == 0,
        DateRangeValue range => range.Start is null && range.End is null,
        _ => false,
    };

    private object? Empty(FieldModel field) => field.Kind switch
    {
        FieldKind.Checkbox => false,
        FieldKind.Checklist or FieldKind.Tags or FieldKind.Users or FieldKind.Departments => new List<string>(),
        FieldKind.Lines => new List<Dictionary<string, object?>>(),
        FieldKind.Files => new List<FieldFile>(),
        FieldKind.DateRange => new DateRangeValue(null, null),
        _ => null,
    };

    private object? FromValue(FieldModel field, Value value) => (field.Kind, value) switch
    {
        (_, NullValue) => Empty(field),
        (FieldKind.Number or FieldKind.Money, NumberValue number) => number.Value,
        (FieldKind.Checkbox, BooleanValue flag) => flag.Value,
        (FieldKind.Date or FieldKind.DateTime or FieldKind.DateRange, _) when AsDate(value) is { } date =>
            field.Kind == FieldKind.DateRange ? new DateRangeValue(date, null) : date,
        (FieldKind.Checklist or FieldKind.Tags or FieldKind.Users or FieldKind.Departments, ListValue list) =>
            list.Items.Select(Text).ToList(),
        (FieldKind.Files, _) => FormFiles.Read(value)?.ToList() ?? [],
        (FieldKind.Lines, ListValue rows) => rows.Items.OfType<RecordValue>().Select(row => field.Columns.ToDictionary(
            c => c.Key, c => row.Fields.TryGetValue(c.Key, out var cell) ? FromValue(c, cell) : Empty(c), StringComparer.Ordinal)).ToList(),
        _ => Text(value),
    };

    /// <summary>Sets the end of date ranges from the values (the end is a field of its own in the schema and the instance).</summary>
    public void JoinRanges(IReadOnlyDictionary<string, Value> values)
    {
        foreach (var field in Fields.Where(f => f.Kind == FieldKind.DateRange && f.RangeEndKey is not null))
        {
            if (values.TryGetValue(field.RangeEndKey!, out var end) && AsDate(end) is { } date)
                _values[field.Key] = new DateRangeValue((_values[field.Key] as DateRangeValue)?.Start, date);
        }
    }

    private static DateTime? AsDate(Value value) => value switch
    {
        DateValue date => date.Value.ToOffset(TimeSpan.FromHours(8)).DateTime,
        StringValue text when DateTimeOffset.TryParse(text.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) =>
            text.Value.Length <= 10 ? parsed.Date : parsed.ToOffset(TimeSpan.FromHours(8)).DateTime,
        _ => null,
    };

    /// <summary>A value as the page shows it where it cannot be changed.</summary>
    public static string Text(Value value) => value switch
    {
        NullValue => "",
        StringValue text => text.Value,
        NumberValue number => number.Value.ToString(CultureInfo.CurrentCulture),
        BooleanValue flag => flag.Value ? "✓" : "✗",
        DateValue date => date.Value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        ListValue list => string.Join("、", list.Items.Select(Text)),
        _ => value.ToString() ?? "",
    };

    /// <summary>The page's fields: the server's, in order, with the drawing details of their form-js components.</summary>
    public static IReadOnlyList<FieldModel> FieldsOf(IReadOnlyList<FormField> fields, JsonElement schema)
    {
        var components = Components(schema);
        var models = fields.Select(f => Model(f, components.GetValueOrDefault(f.Key))).ToList();
        // The end of a date range is drawn by the range's picker, not as a field of its own.
        var ends = models.Where(m => m.RangeEndKey is not null).Select(m => m.RangeEndKey!).ToHashSet(StringComparer.Ordinal);
        return [.. models.Where(m => !ends.Contains(m.Key))];
    }

    private static FieldModel Model(FormField field, JsonElement component)
    {
        var kind = Kind(field.Type, Text(Property(component, "properties"), "kind"));
        var rangeEnd = field.Type is "date" ? Text(Property(component, "properties"), "rangeEnd") : null;
        var columns = Components(component);
        return new FieldModel(field.Key, rangeEnd is not null ? FieldKind.DateRange : kind, LocalLabel(field.Label ?? field.Key),
            Text(component, "description") is { } description ? LocalLabel(description) : null,
            field.Required, field.ReadOnly, field.Min, field.Max, field.MinLength, field.MaxLength, field.Pattern,
            Options(field, component), [.. field.Columns.Select(c => Model(c, columns.GetValueOrDefault(c.Key)))], rangeEnd,
            field.Accept, field.Multiple);
    }

    private static FieldKind Kind(string type, string? kind) => (type, kind) switch
    {
        ("textfield", "user") => FieldKind.User,
        ("textfield", "department") => FieldKind.Department,
        ("taglist", "user") => FieldKind.Users,
        ("taglist", "department") => FieldKind.Departments,
        ("number", "money") => FieldKind.Money,
        ("textarea", _) => FieldKind.TextArea,
        ("number", _) => FieldKind.Number,
        ("checkbox", _) => FieldKind.Checkbox,
        ("select", _) => FieldKind.Select,
        ("radio", _) => FieldKind.Radio,
        ("checklist", _) => FieldKind.Checklist,
        ("taglist", _) => FieldKind.Tags,
        ("date", _) => FieldKind.Date,
        ("datetime", _) => FieldKind.DateTime,
        ("dynamiclist", _) => FieldKind.Lines,
        ("filepicker", _) => FieldKind.Files,
        _ => FieldKind.Text,
    };

    private static List<FieldOption> Options(FormField field, JsonElement component)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Property(component, "values") is { ValueKind: JsonValueKind.Array } values)
        {
            foreach (var option in values.EnumerateArray())
            {
                if (option.ValueKind == JsonValueKind.Object && option.TryGetProperty("value", out var value) && Text(option, "label") is { } label)
                    labels[value.ToString()] = LocalLabel(label);
            }
        }
        return [.. field.Options.Select(o => new FieldOption(o, labels.GetValueOrDefault(o, o)))];
    }

    /// <summary>The components of a form or of a table of lines, by key (by path for a table).</summary>
    private static Dictionary<string, JsonElement> Components(JsonElement container)
    {
        var byKey = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (Property(container, "components") is { ValueKind: JsonValueKind.Array } components)
        {
            foreach (var component in components.EnumerateArray())
            {
                if ((Text(component, "key") ?? Text(component, "path")) is { } key)
                    byKey.TryAdd(key, component);
            }
        }
        return byKey;
    }

    private static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    private static string? Text(JsonElement element, string name) =>
        Property(element, name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    /// <summary>
    /// The procedures' forms label fields in both languages, Chinese first (<c>假别 Leave type</c>): a Chinese page shows the
    /// Chinese part, an English page the English part; a label in one language only is shown as it is.
    /// </summary>
    public static string LocalLabel(string label) => G2G.Runtime.BilingualName.In(label, CultureInfo.CurrentUICulture);
}

/// <summary>A date range being picked: both ends are dates (no time), the end included.</summary>
public sealed record DateRangeValue(DateTime? Start, DateTime? End);
