using System.Globalization;
using MudBlazor;

namespace G2G.Web.Components.Supervision;

/// <summary>
/// The vertical axes of the supervision charts, fitted to what they show: MudBlazor's default draws a line every 20 units
/// whatever the values, so three overdue items stood on an axis up to 20 and rates had no per cent sign.
/// </summary>
public static class ChartAxes
{
    /// <summary>On-time rates in per cent (0–100): the axis always runs 0 %–100 %, a line every 20 %, labelled in the page's culture.</summary>
    public static BarChartOptions Percent() => new()
    {
        YAxisSuggestedMax = 100,
        YAxisTicks = 20,
        YAxisToStringFunc = value => (value / 100).ToString("P0", CultureInfo.CurrentCulture),
        ShowLegend = false,
    };

    /// <summary>Counts of items: whole-number lines (1, 2 or 5 times a power of ten, about five of them) up to the first line above the largest count.</summary>
    public static BarChartOptions Counts(IEnumerable<double> values)
    {
        var largest = values.DefaultIfEmpty(0).Max();
        var step = CountStep(largest);
        return new()
        {
            YAxisTicks = step,
            YAxisSuggestedMax = (Math.Floor(largest / step) + 1) * step,
            YAxisToStringFunc = value => value.ToString("N0", CultureInfo.CurrentCulture),
            ShowLegend = false,
        };
    }

    /// <summary>The distance between two lines of a count axis whose largest value is <paramref name="largest"/>: never below 1.</summary>
    public static int CountStep(double largest)
    {
        if (largest <= 5)
            return 1;
        var rough = largest / 5;
        var power = (int)Math.Pow(10, Math.Floor(Math.Log10(rough)));
        var mantissa = rough / power;
        return power * (mantissa <= 1 ? 1 : mantissa <= 2 ? 2 : mantissa <= 5 ? 5 : 10);
    }
}
