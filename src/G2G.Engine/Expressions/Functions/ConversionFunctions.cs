using System.Globalization;
using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

internal static partial class Functions
{
    private static void AddConversionFunctions(List<FunctionDef> f)
    {
        f.Add(new("number", "number(text)", 1, 1, ToNumber));
        f.Add(new("string", "string(value)", 1, 1, (ev, c) => ev.Text(ValueText.Plain(c.Arg(ev, 0)), c)));
        f.Add(new("duration", "duration(text)", 1, 1, ToDuration));
    }

    private static Value ToNumber(Evaluator ev, CallNode c)
    {
        var value = c.Arg(ev, 0);
        switch (value)
        {
            case NumberValue:
                return value;
            case StringValue s:
                // Invariant culture: '12.5' and '1e3' read the same on every server; no thousands separators.
                const NumberStyles style = NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite |
                                           NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;
                if (decimal.TryParse(s.Value, style, CultureInfo.InvariantCulture, out var n)) return new NumberValue(n);
                throw c.ArgumentError(ev, 0, $"is not a number: '{s.Value}'");
            default:
                throw c.Mismatch(ev, 0, "text or a number", value);
        }
    }

    private static Value ToDuration(Evaluator ev, CallNode c)
    {
        var value = c.Arg(ev, 0);
        switch (value)
        {
            case DurationValue:
                return value;
            case StringValue s:
                var error = IsoDuration.TryParseCore(s.Value, out var duration);
                return error is null ? new DurationValue(duration) : throw c.ArgumentError(ev, 0, $"is not a duration: {error}");
            default:
                throw c.Mismatch(ev, 0, "text or a duration", value);
        }
    }
}
