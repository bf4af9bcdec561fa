namespace G2G.Engine.Expressions;

/// <summary>A root variable read from the scope; missing is an error (except inside <c>exists</c>).</summary>
internal sealed class VariableNode(int offset, string name) : Node(offset)
{
    public string Name { get; } = name;

    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        if (ev.Scope.TryGetVariable(Name, out var value)) return value;
        throw ev.Fail(EvaluationErrorCode.MissingVariable, this, $"Variable '{Name}' is not defined");
    }

    public override bool TryEvaluatePath(Evaluator ev, out Value value)
    {
        ev.Step(this);
        if (ev.Scope.TryGetVariable(Name, out var found))
        {
            value = found;
            return true;
        }
        value = Value.Null;
        return false;
    }
}

/// <summary>A lambda parameter, read from its slot.</summary>
internal sealed class LocalNode(int offset, int slot) : Node(offset)
{
    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        return ev.Locals[slot];
    }
}

/// <summary><c>target.name</c> or <c>target?.name</c>. A field missing from a record reads as null.</summary>
internal sealed class FieldNode(int offset, Node target, string name, bool nullSafe, string targetText) : Node(offset)
{
    public Node Target { get; } = target;
    public string Name { get; } = name;

    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        var value = Target.Evaluate(ev);
        if (value is RecordValue record) return record.Fields.TryGetValue(Name, out var field) ? field : Value.Null;
        if (value is NullValue)
        {
            if (nullSafe) return Value.Null;
            throw ev.Fail(EvaluationErrorCode.MissingField, this,
                $"Cannot read field '{Name}' because '{targetText}' is null (write '?.' to get null instead)");
        }
        throw ev.TypeMismatch(this, $"Cannot read field '{Name}' of {ValueText.Describe(value)}");
    }

    public override bool TryEvaluatePath(Evaluator ev, out Value value)
    {
        ev.Step(this);
        if (Target.TryEvaluatePath(ev, out var target) && target is RecordValue record &&
            record.Fields.TryGetValue(Name, out var field))
        {
            value = field;
            return true;
        }
        value = Value.Null;
        return false;
    }
}

/// <summary>
/// <c>list[i]</c> (0-based; negative counts from the end; out of range reads as null) or
/// <c>record['key']</c> (a missing key reads as null).
/// </summary>
internal sealed class IndexNode(int offset, Node target, Node index, bool nullSafe, string targetText) : Node(offset)
{
    public Node Target { get; } = target;
    public Node Index { get; } = index;

    public override Value Evaluate(Evaluator ev)
    {
        ev.Step(this);
        var value = Target.Evaluate(ev);
        if (value is NullValue)
        {
            if (nullSafe) return Value.Null;
            throw ev.Fail(EvaluationErrorCode.MissingField, this,
                $"Cannot index '{targetText}' because it is null (write '?[' to get null instead)");
        }
        return Lookup(ev, value, Index.Evaluate(ev), out var found) ? found : Value.Null;
    }

    public override bool TryEvaluatePath(Evaluator ev, out Value value)
    {
        ev.Step(this);
        value = Value.Null;
        return Target.TryEvaluatePath(ev, out var target) && target is not NullValue &&
               Lookup(ev, target, Index.Evaluate(ev), out value);
    }

    private bool Lookup(Evaluator ev, Value target, Value key, out Value found)
    {
        found = Value.Null;
        switch (target)
        {
            case ListValue list:
                if (key is not NumberValue n) throw ev.TypeMismatch(this, $"A list index must be a number, not {ValueText.Describe(key)}");
                var i = ListIndex(ev, this, n.Value, list.Items.Length);
                if (i < 0) return false;
                found = list.Items[i];
                return true;
            case RecordValue record:
                if (key is not StringValue s) throw ev.TypeMismatch(this, $"A record key must be text, not {ValueText.Describe(key)}");
                if (!record.Fields.TryGetValue(s.Value, out var field)) return false;
                found = field;
                return true;
            default:
                throw ev.TypeMismatch(this, $"Cannot index {ValueText.Describe(target)}; only lists and records have items");
        }
    }

    /// <summary>The array position for a (possibly negative) whole-number index, or -1 when out of range.</summary>
    public static int ListIndex(Evaluator ev, Node node, decimal index, int count)
    {
        if (index != decimal.Truncate(index))
        {
            throw ev.Fail(EvaluationErrorCode.ArgumentError, node, $"A list index must be a whole number, not {ValueText.FormatNumber(index)}");
        }
        var position = index < 0 ? count + index : index;
        return position >= 0 && position < count ? (int)position : -1;
    }
}
