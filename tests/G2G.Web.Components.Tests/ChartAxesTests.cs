using System.Globalization;
using Bunit;
using G2G.Web.Components.Supervision;
using MudBlazor;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The supervision charts' vertical axes fit what they show: counts in whole numbers up to just above the largest
/// (three overdue items stood on an axis to 20), rates from 0 % to 100 % with the sign.
/// </summary>
public sealed class ChartAxesTests : WorkContext
{
    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(3, 1, 4)]
    [InlineData(5, 1, 6)]
    [InlineData(12, 5, 15)]
    [InlineData(37, 10, 40)]
    [InlineData(250, 50, 300)]
    [InlineData(1800, 500, 2000)]
    public void ACountAxis_StepsInWholeNumbers_UpToTheFirstLineAboveTheLargest(double largest, int step, double top)
    {
        var axis = ChartAxes.Counts([0, largest / 2, largest]);

        Assert.Equal((step, top), (axis.YAxisTicks, axis.YAxisSuggestedMax));
    }

    [Fact]
    public void ThreeOverdueItems_AreDrawnOnAnAxisFrom0To4_InWholeNumbers()
    {
        var chart = Render(ChartAxes.Counts([3, 1, 0, 2, 0]), [3, 1, 0, 2, 0]);

        Assert.Equal(["0", "1", "2", "3", "4"], YLabels(chart));
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public void RatesAreDrawnFrom0To100PerCent_WithTheSign_InEitherLanguage(string culture)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

        var chart = Render(ChartAxes.Percent(), [66.7, 100, 12.5]);

        Assert.Equal(["0%", "20%", "40%", "60%", "80%", "100%"], YLabels(chart));
    }

    private IRenderedComponent<MudChart<double>> Render(BarChartOptions options, double[] values) =>
        Context.Render<MudChart<double>>(p => p
            .Add(c => c.ChartType, ChartType.Bar)
            .Add(c => c.ChartOptions, options)
            .Add(c => c.ChartLabels, [.. values.Select((_, i) => $"第{i + 1}项")])
            .Add(c => c.ChartSeries, [new ChartSeries<double> { Name = "件数", Data = new ChartData<double>(values) }]));

    /// <summary>The vertical axis's labels from the bottom up.</summary>
    private static List<string> YLabels(IRenderedComponent<MudChart<double>> chart) =>
        [.. chart.FindAll("g.mud-charts-yaxis text").Select(t => t.TextContent.Trim())
            .OrderBy(t => double.Parse(t.TrimEnd('%'), CultureInfo.InvariantCulture))];
}
