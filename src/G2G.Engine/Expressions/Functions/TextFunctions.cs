using System.Collections.Immutable;
using System.Text;

namespace G2G.Engine.Expressions;

internal static partial class Functions
{
    private static void AddTextFunctions(List<FunctionDef> f)
    {
        f.Add(new("len", "len(text or list)", 1, 1, Len));
        f.Add(new("upper", "upper(text)", 1, 1, (ev, c) => ev.Text(c.Text(ev, 0).ToUpperInvariant(), c)));
        f.Add(new("lower", "lower(text)", 1, 1, (ev, c) => ev.Text(c.Text(ev, 0).ToLowerInvariant(), c)));
        f.Add(new("trim", "trim(text)", 1, 1, (ev, c) => new StringValue(c.Text(ev, 0).Trim())));
        f.Add(new("contains", "contains(text, part) or contains(list, item)", 2, 2, Contains));
        f.Add(new("startsWith", "startsWith(text, prefix)", 2, 2,
            (ev, c) => Value.From(c.Text(ev, 0).StartsWith(c.Text(ev, 1), StringComparison.Ordinal))));
        f.Add(new("endsWith", "endsWith(text, suffix)", 2, 2,
            (ev, c) => Value.From(c.Text(ev, 0).EndsWith(c.Text(ev, 1), StringComparison.Ordinal))));
        f.Add(new("substring", "substring(text, start, length?)", 2, 3, Substring));
        f.Add(new("replace", "replace(text, old, new)", 3, 3, Replace));
        f.Add(new("split", "split(text, separator)", 2, 2, Split));
        f.Add(new("join", "join(list, separator?)", 1, 2, Join));
        f.Add(new("concat", "concat(value, ...)", 1, 64, Concat));
    }

    private static NumberValue Len(Evaluator ev, CallNode c) => c.Arg(ev, 0) switch
    {
        StringValue s => new NumberValue(s.Value.Length),
        ListValue l => new NumberValue(l.Items.Length),
        var other => throw c.Mismatch(ev, 0, "text or a list", other),
    };

    private static Value Contains(Evaluator ev, CallNode c)
    {
        var container = c.Arg(ev, 0);
        switch (container)
        {
            case ListValue list:
                return Value.From(Operators.IndexOf(list, c.Arg(ev, 1)) >= 0);
            case StringValue text:
                return Value.From(text.Value.Contains(c.Text(ev, 1), StringComparison.Ordinal));
            default:
                throw c.Mismatch(ev, 0, "text or a list", container);
        }
    }

    private static StringValue Substring(Evaluator ev, CallNode c)
    {
        var text = c.Text(ev, 0);
        var start = Math.Min(c.Whole(ev, 1, 0), text.Length);
        var length = c.Count > 2 ? c.Whole(ev, 2, 0) : int.MaxValue;
        return new StringValue(text.Substring(start, (int)Math.Min(length, (long)text.Length - start)));
    }

    private static StringValue Replace(Evaluator ev, CallNode c)
    {
        var text = c.Text(ev, 0);
        var old = c.Text(ev, 1);
        var replacement = c.Text(ev, 2);
        if (old.Length == 0) throw c.ArgumentError(ev, 1, "must not be empty text");
        // Bound the result before building it: every occurrence may grow the text.
        if (replacement.Length > old.Length)
        {
            var occurrences = 0L;
            for (var i = text.IndexOf(old, StringComparison.Ordinal); i >= 0; i = text.IndexOf(old, i + old.Length, StringComparison.Ordinal)) occurrences++;
            var length = text.Length + (occurrences * (replacement.Length - old.Length));
            if (length > ev.Limits.MaxStringLength) throw ev.TextTooLong(c);
        }
        return ev.Text(text.Replace(old, replacement, StringComparison.Ordinal), c);
    }

    private static ListValue Split(Evaluator ev, CallNode c)
    {
        var text = c.Text(ev, 0);
        var separator = c.Text(ev, 1);
        if (separator.Length == 0) throw c.ArgumentError(ev, 1, "must not be empty text");
        var parts = text.Split(separator, StringSplitOptions.None);
        ev.CheckListLength(parts.Length, c);
        var builder = ImmutableArray.CreateBuilder<Value>(parts.Length);
        foreach (var part in parts) builder.Add(new StringValue(part));
        return new ListValue(builder.MoveToImmutable());
    }

    private static StringValue Join(Evaluator ev, CallNode c)
    {
        var list = c.List(ev, 0);
        var separator = c.Count > 1 ? c.Text(ev, 1) : "";
        var builder = new StringBuilder();
        for (var i = 0; i < list.Items.Length; i++)
        {
            if (i > 0) builder.Append(separator);
            builder.Append(ValueText.Plain(list.Items[i]));
            if (builder.Length > ev.Limits.MaxStringLength) break;
        }
        return ev.Text(builder.ToString(), c);
    }

    private static StringValue Concat(Evaluator ev, CallNode c)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < c.Count; i++)
        {
            builder.Append(ValueText.Plain(c.Arg(ev, i)));
            if (builder.Length > ev.Limits.MaxStringLength) break;
        }
        return ev.Text(builder.ToString(), c);
    }
}
