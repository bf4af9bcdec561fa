namespace G2G.Engine.Expressions;

/// <summary>
/// Builds the new root value for a nested assignment such as <c>form.address.city = 'x'</c>:
/// values are immutable, so every record or list on the path is copied with one slot replaced.
/// A missing or null record on the path becomes a new record.
/// </summary>
internal static class ScriptAssignment
{
    public static Value Set(Evaluator ev, ScriptStatement statement, Value? current, int depth, Value value)
    {
        if (depth == statement.Path.Length) return value;
        var segment = statement.Path[depth];
        var anchor = segment.Index ?? statement.Value;
        if (segment.Field is { } field) return SetField(ev, statement, current, depth, field, value, segment.Offset);

        var key = segment.Index!.Evaluate(ev);
        switch (current, key)
        {
            case (ListValue list, NumberValue n):
                var position = IndexNode.ListIndex(ev, anchor, n.Value, list.Items.Length);
                if (position < 0)
                {
                    throw ev.FailAt(EvaluationErrorCode.ArgumentError, segment.Offset,
                        $"Cannot assign to index {ValueText.FormatNumber(n.Value)}: the list has {list.Items.Length} items");
                }
                var item = Set(ev, statement, list.Items[position], depth + 1, value);
                return ev.CheckDepth(new ListValue(list.Items.SetItem(position, item)), anchor);
            case (RecordValue or NullValue or null, StringValue s):
                return SetField(ev, statement, current, depth, s.Value, value, segment.Offset);
            case (ListValue, _):
                throw ev.FailAt(EvaluationErrorCode.TypeMismatch, segment.Offset, $"A list index must be a number, not {ValueText.Describe(key)}");
            case (RecordValue or NullValue or null, _):
                throw ev.FailAt(EvaluationErrorCode.TypeMismatch, segment.Offset, $"A record key must be text, not {ValueText.Describe(key)}");
            default:
                throw ev.FailAt(EvaluationErrorCode.TypeMismatch, segment.Offset, $"Cannot assign an item inside {ValueText.Describe(current)}");
        }
    }

    private static RecordValue SetField(Evaluator ev, ScriptStatement statement, Value? current, int depth, string field, Value value, int offset)
    {
        var record = current switch
        {
            RecordValue r => r,
            null or NullValue => RecordValue.Empty,
            _ => throw ev.FailAt(EvaluationErrorCode.TypeMismatch, offset, $"Cannot set field '{field}' of {ValueText.Describe(current)}"),
        };
        record.Fields.TryGetValue(field, out var child);
        var updated = new RecordValue(record.Fields.SetItem(field, Set(ev, statement, child, depth + 1, value)));
        return updated.NestingDepth > ev.Limits.MaxNestingDepth
            ? throw ev.FailAt(EvaluationErrorCode.LimitExceeded, offset, $"Value would be nested {updated.NestingDepth} levels deep; the limit is {ev.Limits.MaxNestingDepth}")
            : updated;
    }
}
