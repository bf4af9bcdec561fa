using Bunit;
using G2G.Runtime;
using G2G.Runtime.Queries;
using G2G.Runtime.Supervision;
using G2G.Web.Components.Supervision;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The supervision page's 按时办结情况 at the volume that broke it: a supervisor's scope with 1,960 departments (1M tasks).
/// The table renders one page, most completed first, and asks the server for every other page and order; the chart
/// shows the eleven that completed most and the others as one bar; the export is of every row; the prerendering loads
/// nothing (the circuit loads the first page once).
/// </summary>
public sealed class PerformancePanelTests : WorkContext
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 9, 30, 0, TimeSpan.FromHours(8));
    private readonly List<(SupervisionFilter Filter, PerformanceQuery Query)> _loads = [];
    private readonly List<PerformanceQuery> _exports = [];

    /// <summary>Department d0001 … d1960; the lower the number, the more it completed (d0001: 1,960), every tenth late once.</summary>
    private static readonly PerformanceRow[] Departments = [.. Enumerable.Range(1, 1960).Select(i =>
    {
        var completed = 1961 - i;
        var onTime = i % 10 == 0 ? completed - 1 : completed;
        return new PerformanceRow($"d{i:0000}", $"第{i}处 · 示范省第{i % 100}厅", completed, onTime, Math.Round((decimal)onTime / completed, 4), 4.5, i % 3);
    })];

    public PerformancePanelTests() => Context.Services.AddSingleton<TimeProvider>(new FixedClock(Now));

    [Fact]
    public void ThePrerendering_LoadsNothing_AndShowsProgress()
    {
        Context.Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false));

        var panel = Render(new SupervisionFilter());

        Assert.Empty(_loads);
        Assert.Empty(panel.FindAll(".performance-table"));
        Assert.NotEmpty(panel.FindAll(".mud-progress-linear"));
    }

    [Fact]
    public void NineteenHundredSixtyDepartments_ShowAPageOfTwenty_MostCompletedFirst_AndTwelveBars()
    {
        var panel = RenderInteractive(new SupervisionFilter());

        var rows = panel.WaitForElements(".performance-table tbody tr.mud-table-row", 20);
        Assert.Equal(20, rows.Count);
        Assert.StartsWith("第1处 · 示范省第1厅", rows[0].TextContent.Trim(), StringComparison.Ordinal);
        Assert.StartsWith("第20处", rows[19].TextContent.Trim(), StringComparison.Ordinal);
        var (filter, query) = Assert.Single(_loads);
        Assert.Equal(new SupervisionFilter(), filter);
        var today = new DateTimeOffset(2026, 12, 7, 0, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(new PerformanceQuery(today.AddDays(-30), today.AddDays(1), PerformanceDimension.Department, PerformanceOrder.Completed, true, 1, 20, 11), query);
        Assert.Matches("第 1–20 条，共 1,?960 条", panel.Find(".mud-table-pagination").TextContent);
        // The chart: the eleven that completed most, the other 1,949 as one bar; the export says it holds every row.
        var labels = panel.FindAll(".mud-chart svg text").Select(t => t.TextContent.Trim()).ToList();
        Assert.Contains("第1处", labels);
        Assert.Contains("第11处", labels);
        Assert.DoesNotContain("第12处", labels);
        Assert.Contains("其他 1,949 个", labels);
        Assert.Equal(12, panel.FindAll(".mud-chart svg rect.mud-chart-bar, .mud-chart svg path.mud-chart-bar").Count);
        Assert.Contains("全部 1,960 行", panel.Find("[data-export-note]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AnotherOrder_AndTheNextPage_AreAskedOfTheServer()
    {
        var panel = RenderInteractive(new SupervisionFilter());
        panel.WaitForElements(".performance-table tbody tr.mud-table-row", 20);

        panel.FindAll(".performance-table th").Single(th => th.TextContent.Contains("按时率", StringComparison.Ordinal))
            .QuerySelector(".sortable-column-header")!.Click();
        panel.WaitForAssertion(() => Assert.StartsWith("第1960处", FirstRow(panel), StringComparison.Ordinal)); // its one task late: the lowest rate
        Assert.Equal((PerformanceOrder.OnTimeRate, false, 1), (_loads[^1].Query.Order, _loads[^1].Query.Descending, _loads[^1].Query.Page));

        panel.Find(NextPage).Click();
        panel.WaitForAssertion(() => Assert.Equal((PerformanceOrder.OnTimeRate, 2), (_loads[^1].Query.Order, _loads[^1].Query.Page)));
        panel.WaitForAssertion(() => Assert.StartsWith("第1760处", FirstRow(panel), StringComparison.Ordinal)); // the 21st lowest rate
    }

    [Fact]
    public void ANewFilter_LoadsTheFirstPageAgain_AndARowDrillsDown()
    {
        (PerformanceDimension Dimension, string Key, string Name)? drilled = null;
        var panel = RenderInteractive(new SupervisionFilter(), row => drilled = row);
        panel.WaitForElements(".performance-table tbody tr.mud-table-row", 20);
        panel.Find(NextPage).Click();
        panel.WaitForAssertion(() => Assert.Equal(2, _loads[^1].Query.Page));

        var narrowed = new SupervisionFilter(["sf-fin"], Subtree: true);
        panel.Render(p => p.Add(c => c.Filter, narrowed));

        panel.WaitForAssertion(() => Assert.Equal((narrowed, 1), (_loads[^1].Filter, _loads[^1].Query.Page)));
        panel.WaitForAssertion(() => Assert.StartsWith("第1处", FirstRow(panel), StringComparison.Ordinal));
        panel.Find("button[aria-label='查看事项：第1处 · 示范省第1厅']").Click();
        Assert.Equal((PerformanceDimension.Department, "d0001", "第1处 · 示范省第1厅"), drilled);
    }

    [Fact]
    public void TheExport_IsOfEveryRowOfTheSelection()
    {
        var save = Context.JSInterop.SetupModule("./Components/Supervision/ExportButtons.razor.js");
        var panel = RenderInteractive(new SupervisionFilter());
        panel.WaitForElements(".performance-table tbody tr.mud-table-row", 20);

        panel.Find("[data-export=csv]").Click();

        panel.WaitForAssertion(() => Assert.Single(save.Invocations["save"]));
        var export = Assert.Single(_exports);
        Assert.Equal((_loads[0].Query.From, _loads[0].Query.To, PerformanceDimension.Department), (export.From, export.To, export.Dimension));
        Assert.EndsWith(".csv", (string)save.Invocations["save"][0].Arguments[0]!, StringComparison.Ordinal);
    }

    [Fact]
    public void ARefusedRange_SaysWhy()
    {
        var panel = Render(new SupervisionFilter(), interactive: true,
            load: (_, _, _) => throw RuntimeException.ForField("to", RuntimeMessages.RangeTooLong(366)));

        panel.WaitForAssertion(() => Assert.Contains("统计期间", panel.Find(".mud-alert").TextContent, StringComparison.Ordinal));
        Assert.Empty(panel.FindAll(".performance-table"));
    }

    /// <summary>The pager's next-page button (MudBlazor's English label: the test registers no Chinese MudBlazor texts).</summary>
    private const string NextPage = ".mud-table-pagination button[aria-label='Next page'], .mud-table-pagination button[aria-label=下一页]";

    private static string FirstRow(IRenderedComponent<PerformancePanel> panel) =>
        panel.Find(".performance-table tbody tr.mud-table-row").TextContent.Trim();

    private IRenderedComponent<PerformancePanel> RenderInteractive(SupervisionFilter filter, Action<(PerformanceDimension, string, string)>? drillDown = null) =>
        Render(filter, interactive: true, drillDown: drillDown);

    private IRenderedComponent<PerformancePanel> Render(SupervisionFilter filter, bool interactive = false,
        Func<SupervisionFilter, PerformanceQuery, CancellationToken, Task<PerformancePage>>? load = null,
        Action<(PerformanceDimension, string, string)>? drillDown = null)
    {
        if (interactive)
            Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        return Context.Render<PerformancePanel>(p => p
            .Add(c => c.Filter, filter)
            .Add(c => c.Load, load ?? LoadAsync)
            .Add(c => c.Export, ExportAsync)
            .Add(c => c.DrillDown, drillDown ?? (_ => { })));
    }

    /// <summary>As the runtime pages them (SupervisionQueries.PerformancePageAsync, tested on both databases).</summary>
    private Task<PerformancePage> LoadAsync(SupervisionFilter filter, PerformanceQuery query, CancellationToken cancellationToken)
    {
        _loads.Add((filter, query));
        Func<PerformanceRow, double> value = query.Order switch
        {
            PerformanceOrder.OnTimeRate => r => (double)r.OnTimeRate,
            _ => r => r.Completed,
        };
        var ordered = (query.Descending ? Departments.OrderByDescending(value) : Departments.OrderBy(value)).ThenBy(r => r.Key, StringComparer.Ordinal);
        var leaders = Departments.Take(query.Leaders).ToList();
        var rest = Departments.Skip(query.Leaders).ToList();
        return Task.FromResult(new PerformancePage(
            new Page<PerformanceRow>([.. ordered.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)], query.Page, query.PageSize, Departments.Length),
            leaders, new PerformanceRest(rest.Count, rest.Sum(r => r.Completed), rest.Sum(r => r.OnTime), 0.95m)));
    }

    private Task<Report> ExportAsync(SupervisionFilter filter, PerformanceQuery query)
    {
        _exports.Add(query);
        return Task.FromResult(Report.Performance(Departments, query.Dimension, query.From, query.To));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
