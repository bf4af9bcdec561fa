using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

/// <summary>
/// Splits a duration into its calendar part (months, whose length depends on the date) and its
/// fixed part (seconds, counting a day as 24 hours), which is what equality and ordering use.
/// </summary>
internal static class DurationMath
{
    private const decimal SecondsPerDay = 86_400m;

    /// <summary>Signed whole months: years·12 + months.</summary>
    public static long Months(IsoDuration d)
    {
        var months = (d.Years * 12L) + d.Months;
        return d.Negative ? -months : months;
    }

    /// <summary>Signed seconds of the fixed part: weeks, days (24 h), hours, minutes and seconds.</summary>
    public static decimal FixedSeconds(IsoDuration d)
    {
        var days = (d.Weeks * 7m) + d.Days;
        var seconds = (days * SecondsPerDay) + (d.Hours * 3_600m) + (d.Minutes * 60m) + d.Seconds;
        return d.Negative ? -seconds : seconds;
    }

    /// <summary>True when the duration has no years or months, so it has one length whatever the date.</summary>
    public static bool IsFixed(IsoDuration d) => d.Years == 0 && d.Months == 0;
}
