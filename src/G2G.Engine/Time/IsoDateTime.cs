using System.Globalization;

namespace G2G.Engine.Time;

/// <summary>
/// Reads ISO 8601 extended date-times: <c>2026-12-01</c>, <c>2026-12-01T09:00</c>,
/// <c>2026-12-01T09:00:00.5+08:00</c>, <c>…Z</c>, <c>…+0800</c>, <c>…+08</c>. Without an offset the
/// caller's default offset applies (China Standard Time in the engine); a date alone is midnight.
/// </summary>
internal static partial class IsoDateTime
{
    /// <summary>Formats with seconds and offset, fraction only when present: <c>2026-12-01T09:00:00+08:00</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

    /// <summary>Parses <c>text[start..end]</c>; returns null or an error naming the 1-based position in <paramref name="text"/>.</summary>
    public static string? TryParse(string text, int start, int end, TimeSpan defaultOffset, string what, out DateTimeOffset value)
    {
        value = default;
        var c = new Cursor(text, start, end, what);
        var year = c.Digits(4, "year");
        c.Expect('-', "after the year (dates are written yyyy-MM-dd)");
        var monthAt = c.Index;
        var month = c.Digits(2, "month");
        c.Expect('-', "after the month");
        var dayAt = c.Index;
        var day = c.Digits(2, "day");
        if (c.Error is not null) return c.Error;
        if (year < 1 || month is < 1 or > 12) return c.Fail(monthAt, $"month {month:00} does not exist");
        if (day < 1 || day > DateTime.DaysInMonth(year, month))
            return c.Fail(dayAt, $"day {day:00} does not exist in {year:0000}-{month:00}");

        var time = TimeSpan.Zero;
        var offset = defaultOffset;
        if (!c.AtEnd)
        {
            if (c.Current != 'T') return c.Fail(c.Index, $"an upper-case 'T' and a time were expected but found '{c.Current}'");
            c.Index++;
            time = ReadTime(ref c);
            if (c.Error is null && !c.AtEnd) offset = ReadOffset(ref c);
            if (c.Error is null && !c.AtEnd) c.Fail(c.Index, $"unexpected '{c.Current}' after the date-time");
            if (c.Error is not null) return c.Error;
        }

        try
        {
            value = new DateTimeOffset(new DateTime(year, month, day).Add(time), offset);
        }
        catch (ArgumentOutOfRangeException)
        {
            // Year 0001 minus a positive offset (or 9999 plus a negative one) leaves the UTC range.
            return c.Fail(start, "the instant is outside the supported range");
        }

        return null;
    }

    private static TimeSpan ReadTime(ref Cursor c)
    {
        var hourAt = c.Index;
        var hour = c.Digits(2, "hour");
        c.Expect(':', "after the hour (times are written HH:mm or HH:mm:ss)");
        var minuteAt = c.Index;
        var minute = c.Digits(2, "minute");
        var secondAt = c.Index;
        var second = 0;
        long fractionTicks = 0;
        if (c.Error is null && !c.AtEnd && c.Current == ':')
        {
            c.Index++;
            second = c.Digits(2, "second");
            if (c.Error is null && !c.AtEnd && c.Current is '.' or ',')
            {
                c.Index++;
                fractionTicks = c.Fraction();
            }
        }

        if (c.Error is not null) return default;
        if (hour > 23) c.Fail(hourAt, $"hour {hour:00} does not exist");
        else if (minute > 59) c.Fail(minuteAt, $"minute {minute:00} does not exist");
        else if (second > 59) c.Fail(secondAt + 1, $"second {second:00} does not exist");
        return new TimeSpan(hour, minute, second) + TimeSpan.FromTicks(fractionTicks);
    }

    private static TimeSpan ReadOffset(ref Cursor c)
    {
        var at = c.Index;
        if (c.Current == 'Z')
        {
            c.Index++;
            return TimeSpan.Zero;
        }

        if (c.Current is not ('+' or '-'))
        {
            c.Fail(at, $"an offset (Z, +08:00) or the end was expected but found '{c.Current}'");
            return default;
        }

        var sign = c.Current == '-' ? -1 : 1;
        c.Index++;
        var hours = c.Digits(2, "offset hours");
        var minutes = 0;
        if (c.Error is null && !c.AtEnd)
        {
            if (c.Current == ':') c.Index++;
            minutes = c.Digits(2, "offset minutes");
        }

        if (c.Error is null && (hours > 14 || minutes > 59 || (hours == 14 && minutes > 0)))
            c.Fail(at, "an offset is at most ±14:00");
        return sign * new TimeSpan(hours, minutes, 0);
    }
}
