using System.Globalization;

namespace G2G.Engine.Time;

public sealed partial record DeadlineSpec
{
    // A million office hours is centuries; the cap keeps tick arithmetic far from overflow.
    private const decimal MaxWorkingHours = 1_000_000m;
    private const string Expected = "expected an ISO 8601 duration such as P3D or PT4H, or working time such as 3wd, 4wh or 1.5wh";

    /// <summary>
    /// Parses an ISO 8601 duration (<c>P3D</c>, <c>-PT4H</c>; upper case) or working time: a whole number
    /// of working days <c>3wd</c> or a (decimal) number of working hours <c>4wh</c>, <c>1.5wh</c>, with an
    /// optional sign. Surrounding whitespace and whitespace between number and suffix are allowed; the
    /// <c>wd</c>/<c>wh</c> suffixes are case-insensitive.
    /// </summary>
    /// <exception cref="FormatException">The text is neither form; the message says what was expected.</exception>
    public static DeadlineSpec Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, out var result);
        return error is null ? result! : throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out DeadlineSpec? result)
    {
        result = null;
        return text is not null && TryParseCore(text, out result) is null;
    }

    private static string? TryParseCore(string text, out DeadlineSpec? result)
    {
        result = null;
        var trimmed = text.Trim();
        if (trimmed.Length == 0) return $"Invalid deadline \"{text}\": the text is empty; {Expected}.";

        var suffix = trimmed.Length >= 2 ? trimmed[^2..].ToUpperInvariant() : string.Empty;
        if (suffix is "WD" or "WH")
        {
            var number = trimmed[..^2].TrimEnd();
            var negative = number.StartsWith('-');
            var digits = (negative || number.StartsWith('+') ? number[1..] : number).TrimStart();
            var hasFraction = digits.Contains('.', StringComparison.Ordinal);
            if (digits.Length == 0 || !digits.All(c => char.IsAsciiDigit(c) || c == '.') || digits.Count(c => c == '.') > 1
                || digits[0] == '.' || digits[^1] == '.')
            {
                return $"Invalid deadline \"{text}\": \"{number}\" before '{trimmed[^2..]}' is not a number; {Expected}.";
            }

            if (suffix == "WD")
            {
                if (hasFraction) return $"Invalid deadline \"{text}\": working days must be a whole number (use wh for hours).";
                if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var days))
                    return $"Invalid deadline \"{text}\": {digits} working days is too large.";
                result = FromWorkingDays(negative ? -days : days);
                return null;
            }

            if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || hours > MaxWorkingHours)
                return $"Invalid deadline \"{text}\": {digits} working hours is too large (at most {MaxWorkingHours}).";
            result = FromWorkingHours(negative ? -hours : hours);
            return null;
        }

        if (!IsoDuration.TryParse(trimmed, out var duration))
        {
            return $"Invalid deadline \"{text}\": {Expected}. ({IsoDuration.TryParseCore(trimmed, out _)})";
        }

        result = FromDuration(duration);
        return null;
    }
}
