using System.Globalization;

namespace G2G.Engine.Time;

public readonly partial record struct IsoDuration
{
    /// <summary>
    /// Parses an ISO 8601 duration such as <c>P3D</c>, <c>PT4H</c>, <c>P2W</c>, <c>PT1.5S</c> or <c>-P1D</c>.
    /// Designators are upper case and in the order Y M W D, then <c>T</c>, then H M S; only seconds may
    /// carry a fraction (<c>.</c> or <c>,</c>).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a duration; the message names the 1-based position of the problem.</exception>
    public static IsoDuration Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, out var result);
        return error is null ? result : throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out IsoDuration result) =>
        TryParseCore(text, out result) is null;

    /// <summary>Parses <paramref name="text"/>; returns null on success or the error message.</summary>
    internal static string? TryParseCore(string? text, out IsoDuration result)
    {
        result = default;
        if (text is null) return "Invalid ISO 8601 duration: the text is null.";
        if (text.Length == 0) return "Invalid ISO 8601 duration \"\": the text is empty (write e.g. P3D or PT4H).";
        return TryParseCore(text, 0, text.Length, "ISO 8601 duration", out result);
    }

    /// <summary>
    /// Parses <c>text[start..end]</c> as a duration; errors quote the whole <paramref name="text"/> as a
    /// <paramref name="what"/> and give positions within it, so callers parsing larger syntaxes can reuse them.
    /// </summary>
    internal static string? TryParseCore(string text, int start, int end, string what, out IsoDuration result)
    {
        result = default;
        var i = start;
        var negative = i < end && text[i] == '-';
        if (negative || (i < end && text[i] == '+')) i++;
        if (i >= end || text[i] != 'P')
        {
            return Error(text, what, i, i < end && text[i] == 'p'
                ? "lowercase 'p'; ISO 8601 designators are upper case (P, Y, M, W, D, T, H, M, S)"
                : "a duration must start with 'P'");
        }

        i++;
        Span<decimal> values = stackalloc decimal[7]; // Y M W D H M S, by rank
        var lastRank = -1;
        var inTime = false;
        while (i < end)
        {
            var c = text[i];
            if (c == 'T')
            {
                if (inTime) return Error(text, what, i, "a second 'T'");
                inTime = true;
                if (++i == end) return Error(text, what, i, "'T' must be followed by at least one of H, M or S");
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return Error(text, what, i, char.IsAsciiLetterLower(c)
                    ? $"lowercase '{c}'; ISO 8601 designators are upper case (P, Y, M, W, D, T, H, M, S)"
                    : $"a number was expected but found '{c}'");
            }

            var numberStart = i;
            var fraction = false;
            while (i < end && char.IsAsciiDigit(text[i])) i++;
            if (i < end && text[i] is '.' or ',')
            {
                fraction = true;
                var fractionStart = ++i;
                while (i < end && char.IsAsciiDigit(text[i])) i++;
                if (i == fractionStart) return Error(text, what, i, "digits must follow the decimal separator");
            }

            var number = text[numberStart..i];
            if (i == end) return Error(text, what, i, $"the number '{number}' has no designator after it");
            var designator = text[i];
            var rank = RankOf(designator, inTime);
            if (rank < 0) return Error(text, what, i, DesignatorProblem(designator, inTime));
            if (rank <= lastRank) return Error(text, what, i, $"designator '{designator}' is repeated or out of order (order is Y M W D T H M S)");
            if (fraction && rank != 6) return Error(text, what, numberStart, "only the seconds may have a decimal fraction");

            if (rank == 6)
            {
                if (!decimal.TryParse(number.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
                    return Error(text, what, numberStart, $"the number '{number}' is too large");
                values[6] = seconds;
            }
            else
            {
                if (!int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var whole))
                    return Error(text, what, numberStart, $"the number '{number}' is too large (at most {int.MaxValue})");
                values[rank] = whole;
            }

            lastRank = rank;
            i++;
        }

        if (lastRank < 0) return Error(text, what, i, "no components follow 'P' (write e.g. P0D or PT0S)");
        result = new IsoDuration((int)values[0], (int)values[1], (int)values[2], (int)values[3],
            (int)values[4], (int)values[5], values[6], negative).Normalized();
        return null;
    }

    private static int RankOf(char designator, bool inTime) => (inTime, designator) switch
    {
        (false, 'Y') => 0,
        (false, 'M') => 1,
        (false, 'W') => 2,
        (false, 'D') => 3,
        (true, 'H') => 4,
        (true, 'M') => 5,
        (true, 'S') => 6,
        _ => -1,
    };

    private static string DesignatorProblem(char designator, bool inTime)
    {
        if (char.IsAsciiLetterLower(designator))
            return $"lowercase designator '{designator}'; ISO 8601 designators are upper case (Y, M, W, D, T, H, M, S)";
        if (inTime && designator is 'Y' or 'W' or 'D')
            return $"designator '{designator}' must come before 'T'";
        if (!inTime && designator is 'H' or 'S')
            return $"designator '{designator}' must come after 'T' (e.g. PT4H)";
        return $"unknown designator '{designator}'";
    }

    private static string Error(string text, string what, int index, string problem) =>
        $"Invalid {what} \"{text}\" at position {index + 1}: {problem}.";
}
