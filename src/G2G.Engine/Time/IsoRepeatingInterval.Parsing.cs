using System.Globalization;

namespace G2G.Engine.Time;

public sealed partial class IsoRepeatingInterval
{
    private const string DefaultWhat = "ISO 8601 repeating interval";

    /// <summary>
    /// Parses <c>R[n]/period</c>, <c>R[n]/start/period</c> or <c>R[n]/start/end</c>. Dates without an
    /// offset are read in <paramref name="defaultOffset"/> (UTC+08:00, China Standard Time, when null).
    /// </summary>
    /// <exception cref="FormatException">The text is not a repeating interval; the message names the 1-based position.</exception>
    public static IsoRepeatingInterval Parse(string text, TimeSpan? defaultOffset = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var error = TryParseCore(text, defaultOffset ?? WorkingCalendar.ChinaStandardOffset, out var result);
        return error is null ? result! : throw new FormatException(error);
    }

    /// <summary>Parses like <see cref="Parse"/> but returns false instead of throwing.</summary>
    public static bool TryParse(string? text, out IsoRepeatingInterval? result, TimeSpan? defaultOffset = null)
    {
        result = null;
        return text is not null && TryParseCore(text, defaultOffset ?? WorkingCalendar.ChinaStandardOffset, out result) is null;
    }

    internal static string? TryParseCore(string text, TimeSpan defaultOffset, out IsoRepeatingInterval? result, string what = DefaultWhat)
    {
        result = null;
        if (text.Length == 0 || text[0] != 'R')
        {
            return IsoDateTime.Error(text, what, 0, text.Length > 0 && text[0] == 'r'
                ? "lowercase 'r'; write R, e.g. R3/PT4H"
                : "a repeating interval starts with 'R', e.g. R3/PT4H or R/P1D");
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0) return IsoDateTime.Error(text, what, text.Length, "'/' and a period were expected after the repetition count");
        int? repetitions = null;
        if (slash > 1)
        {
            for (var i = 1; i < slash; i++)
            {
                if (!char.IsAsciiDigit(text[i])) return IsoDateTime.Error(text, what, i, $"the repetition count must be digits but found '{text[i]}'");
            }

            if (!int.TryParse(text.AsSpan(1, slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var n))
                return IsoDateTime.Error(text, what, 1, $"the repetition count is too large (at most {int.MaxValue})");
            repetitions = n;
        }

        var second = text.IndexOf('/', slash + 1);
        if (second >= 0 && text.IndexOf('/', second + 1) is var third and >= 0)
            return IsoDateTime.Error(text, what, third, "at most two parts may follow R (start/period or start/end)");
        if (second == slash + 1 || slash + 1 == text.Length)
            return IsoDateTime.Error(text, what, slash + 1, "a period or a start date was expected after '/'");

        string? error;
        DateTimeOffset? start = null;
        IsoDuration period;
        if (second < 0)
        {
            error = ReadPeriod(text, slash + 1, text.Length, what, out period);
        }
        else
        {
            if (text[slash + 1] is 'P' or '-' or '+')
                return IsoDateTime.Error(text, what, slash + 1, "the period/end form is not supported; give a start, e.g. R3/2026-12-01T09:00/P1D");
            error = IsoDateTime.TryParse(text, slash + 1, second, defaultOffset, what, out var from);
            start = from;
            period = default;
            if (error is null && second + 1 == text.Length)
                error = IsoDateTime.Error(text, what, second + 1, "a period or an end date was expected after '/'");
            else if (error is null && text[second + 1] is 'P' or '-' or '+')
                error = ReadPeriod(text, second + 1, text.Length, what, out period);
            else if (error is null)
                error = ReadEnd(text, second + 1, defaultOffset, from, what, out period);
        }

        if (error is null) result = new IsoRepeatingInterval(repetitions, start, period);
        return error;
    }

    private static string? ReadPeriod(string text, int start, int end, string what, out IsoDuration period)
    {
        var error = IsoDuration.TryParseCore(text, start, end, what, out period);
        if (error is null && (period.IsZero || period.Negative))
            error = IsoDateTime.Error(text, what, start, $"the period {period} must be longer than zero");
        return error;
    }

    private static string? ReadEnd(string text, int start, TimeSpan defaultOffset, DateTimeOffset from, string what, out IsoDuration period)
    {
        period = default;
        var error = IsoDateTime.TryParse(text, start, text.Length, defaultOffset, what, out var to);
        if (error is not null) return error;
        if (to <= from) return IsoDateTime.Error(text, what, start, "the end must be after the start");
        period = IsoDuration.FromTimeSpan(to - from);
        return null;
    }
}
