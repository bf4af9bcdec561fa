using System.Globalization;

namespace G2G.Engine.Expressions;

/// <summary>
/// Reads ISO 8601 dates as used by <c>@...</c> literals and <c>date('...')</c>:
/// <c>yyyy-MM-dd</c> with an optional <c>THH:mm[:ss[.fffffff]]</c> and an optional <c>Z</c> or <c>±hh:mm</c>.
/// Without an offset the caller applies the office offset.
/// </summary>
internal static class DateText
{
    private static readonly string[] LocalFormats =
    [
        "yyyy-MM-dd",
        "yyyy-MM-dd'T'HH:mm",
        "yyyy-MM-dd'T'HH:mm:ss",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF",
    ];

    public static bool TryParse(string text, out DateTime local, out TimeSpan? offset)
    {
        offset = null;
        local = default;
        var body = text.AsSpan();
        if (body.EndsWith("Z"))
        {
            offset = TimeSpan.Zero;
            body = body[..^1];
        }
        else if (body.Length > 16 && body[^6] is '+' or '-' && body[^3] == ':')
        {
            if (!int.TryParse(body[^5..^3], NumberStyles.None, CultureInfo.InvariantCulture, out var hours) ||
                !int.TryParse(body[^2..], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) ||
                hours > 14 || minutes > 59)
            {
                return false;
            }
            var span = new TimeSpan(hours, minutes, 0);
            offset = body[^6] == '-' ? -span : span;
            body = body[..^6];
        }
        if (offset is not null && body.Length <= 10) return false; // an offset needs a time of day
        if (!DateTime.TryParseExact(body, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local)) return false;
        return offset is null || Fits(local, offset.Value);
    }

    /// <summary>Combines a parsed date with its offset (or the office offset); false when out of range.</summary>
    public static bool TryCombine(DateTime local, TimeSpan? offset, TimeSpan officeOffset, out DateTimeOffset result)
    {
        result = default;
        var applied = offset ?? officeOffset;
        if (!Fits(local, applied)) return false;
        result = new DateTimeOffset(local, applied);
        return true;
    }

    // The UTC instant of year 1 or 9999 with an offset can leave DateTimeOffset's range.
    private static bool Fits(DateTime local, TimeSpan offset)
    {
        var utcTicks = local.Ticks - offset.Ticks;
        return utcTicks >= DateTime.MinValue.Ticks && utcTicks <= DateTime.MaxValue.Ticks;
    }
}
