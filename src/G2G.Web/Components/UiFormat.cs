using System.Globalization;
using Microsoft.Extensions.Localization;

namespace G2G.Web.Components;

/// <summary>How pages write times: in China Standard Time (UTC+8, no daylight saving), the time every office works in.</summary>
internal static class UiFormat
{
    private static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    /// <summary>2026-12-06 14:05</summary>
    public static string Time(DateTimeOffset at) => at.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A time or nothing.</summary>
    public static string Time(DateTimeOffset? at) => at is { } value ? Time(value) : "";

    /// <summary>The calendar day in China of an instant.</summary>
    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.ToOffset(ChinaTime).DateTime);

    /// <summary>Midnight in China at the start of <paramref name="day"/>, as an instant.</summary>
    public static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), ChinaTime);

    /// <summary>A span of hours in words: "5.5 小时" below a day, "2.3 天" from a day on; "1 day", not "1 days", in English.</summary>
    public static string Duration(double hours, IStringLocalizer<UiText> text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (amount, one, many) = hours >= 24 ? (Math.Round(hours / 24, 1), "DaysOne", "DaysN") : (Math.Round(hours, 1), "HoursOne", "HoursN");
        return string.Format(CultureInfo.CurrentCulture, text[amount == 1 ? one : many], amount);
    }
}
