namespace G2G.Engine.Expressions;

internal static partial class Operators
{
    /// <summary>Orders two values of the same orderable kind, or explains why they cannot be ordered.</summary>
    public static int Compare(Evaluator ev, Node node, Value l, Value r, string symbol)
    {
        if (TryCompare(l, r, out var result)) return result;
        if (l is NullValue || r is NullValue)
        {
            var side = l is NullValue ? "left" : "right";
            throw ev.TypeMismatch(node, $"Cannot compare with '{symbol}': the {side} side is null");
        }
        if (l is DurationValue && r is DurationValue)
        {
            throw ev.TypeMismatch(node, $"Cannot compare {ValueText.Describe(l)} and {ValueText.Describe(r)} with '{symbol}': durations with years or months have no fixed length");
        }
        throw ev.TypeMismatch(node, $"Cannot compare {ValueText.Describe(l)} with {ValueText.Describe(r)} using '{symbol}'");
    }

    /// <summary>
    /// Numbers, text (ordinal), dates (by instant) and durations without years or months
    /// (by length) are ordered; anything else, null included, is not.
    /// </summary>
    public static bool TryCompare(Value l, Value r, out int result)
    {
        switch (l, r)
        {
            case (NumberValue a, NumberValue b):
                result = a.Value.CompareTo(b.Value);
                return true;
            case (StringValue a, StringValue b):
                result = Math.Sign(string.CompareOrdinal(a.Value, b.Value));
                return true;
            case (DateValue a, DateValue b):
                result = a.Value.CompareTo(b.Value);
                return true;
            case (DurationValue a, DurationValue b) when DurationMath.IsFixed(a.Value) && DurationMath.IsFixed(b.Value):
                result = DurationMath.FixedSeconds(a.Value).CompareTo(DurationMath.FixedSeconds(b.Value));
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>Position of the first item equal to <paramref name="item"/>, or -1.</summary>
    public static int IndexOf(ListValue list, Value item)
    {
        var items = list.Items;
        for (var i = 0; i < items.Length; i++)
        {
            if (items[i].Equals(item)) return i;
        }
        return -1;
    }
}
