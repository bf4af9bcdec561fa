using System.Globalization;
using System.Text;

namespace G2G.Engine.Expressions;

/// <summary>
/// Text forms of values: the literal form used by <see cref="Value.ToString"/> and error messages,
/// and the plain form used by <c>string(x)</c> and text concatenation.
/// </summary>
internal static class ValueText
{
    // Deeper values are cut off in messages so a pathological value cannot blow the stack.
    private const int MaxLiteralDepth = 64;

    /// <summary>A number without trailing zeros and never in exponent form: <c>1.50</c> → <c>1.5</c>.</summary>
    public static string FormatNumber(decimal value) =>
        value == 0m ? "0" : value.ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>ISO 8601 with offset; fractional seconds only when present.</summary>
    public static string FormatDate(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Lower-case kind name as used in messages.</summary>
    public static string KindName(ValueKind kind) => kind switch
    {
        ValueKind.Null => "null",
        ValueKind.Boolean => "boolean",
        ValueKind.Number => "number",
        ValueKind.Text => "text",
        ValueKind.Date => "date",
        ValueKind.Duration => "duration",
        ValueKind.List => "list",
        _ => "record",
    };

    /// <summary>Kind and a short literal for messages, e.g. <c>text 'abc'</c> or <c>null</c>.</summary>
    public static string Describe(Value value)
    {
        if (value.Kind == ValueKind.Null) return "null";
        var literal = Literal(value);
        if (literal.Length > 40) literal = string.Concat(literal.AsSpan(0, 37), "...");
        return KindName(value.Kind) + " " + literal;
    }

    /// <summary>The plain text of a value: text as is, null as empty, others in their literal form without quotes or '@'.</summary>
    public static string Plain(Value value) => value switch
    {
        StringValue s => s.Value,
        NullValue => "",
        NumberValue n => FormatNumber(n.Value),
        BooleanValue b => b.Value ? "true" : "false",
        DateValue d => FormatDate(d.Value),
        DurationValue d => d.Value.ToString(),
        _ => Literal(value),
    };

    /// <summary>The value written as an expression literal.</summary>
    public static string Literal(Value value)
    {
        var builder = new StringBuilder();
        Append(builder, value, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, Value value, int depth)
    {
        switch (value)
        {
            case StringValue s: AppendQuoted(builder, s.Value); break;
            case DateValue d: builder.Append('@').Append(FormatDate(d.Value)); break;
            case DurationValue d: builder.Append('@').Append(d.Value.ToString()); break;
            case ListValue l: AppendList(builder, l, depth); break;
            case RecordValue r: AppendRecord(builder, r, depth); break;
            case NullValue: builder.Append("null"); break;
            default: builder.Append(Plain(value)); break;
        }
    }

    private static void AppendList(StringBuilder builder, ListValue list, int depth)
    {
        if (depth >= MaxLiteralDepth) { builder.Append("[...]"); return; }
        builder.Append('[');
        for (var i = 0; i < list.Items.Length; i++)
        {
            if (i > 0) builder.Append(", ");
            Append(builder, list.Items[i], depth + 1);
        }
        builder.Append(']');
    }

    private static void AppendRecord(StringBuilder builder, RecordValue record, int depth)
    {
        if (depth >= MaxLiteralDepth) { builder.Append("{...}"); return; }
        // Records have no field order; sorting keeps messages and snapshots deterministic.
        string[] keys = [.. record.Fields.Keys];
        Array.Sort(keys, StringComparer.Ordinal);
        builder.Append('{');
        for (var i = 0; i < keys.Length; i++)
        {
            if (i > 0) builder.Append(", ");
            if (Lexer.IsPlainIdentifier(keys[i])) builder.Append(keys[i]);
            else AppendQuoted(builder, keys[i]);
            builder.Append(": ");
            Append(builder, record.Fields[keys[i]], depth + 1);
        }
        builder.Append('}');
    }

    /// <summary>Single-quoted with backslash escapes, so the result parses back to the same text.</summary>
    public static void AppendQuoted(StringBuilder builder, string text)
    {
        builder.Append('\'');
        foreach (var c in text)
        {
            switch (c)
            {
                case '\'': builder.Append("\\'"); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        builder.Append('\'');
    }
}
