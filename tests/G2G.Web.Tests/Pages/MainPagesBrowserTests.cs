using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Runtime.Queries;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// Every main page of the demo province (with /me and /admin), each as the person who uses it: axe finds no serious or
/// critical violation, and at tablet width (768×1024) nothing is cut off (the page never scrolls sideways; wide tables
/// scroll in their own frame) and no chart writes its labels over each other. With <c>G2G_SHOTS</c> set to a folder it
/// writes the screenshots of docs/user-guide.md there.
/// </summary>
[Collection(DemoBrowser.Collection)]
public sealed class MainPagesBrowserTests : IAsyncLifetime
{
    private readonly DemoBrowser _browser = new();

    public Task InitializeAsync() => _browser.StartAsync();

    public Task DisposeAsync() => _browser.DisposeAsync().AsTask();

    [ChromiumFact]
    public async Task EveryMainPage_HasNoSeriousAccessibilityViolation_AndFitsATablet()
    {
        var problems = new List<string>();
        var stranger = await _browser.AnonymousAsync();
        await stranger.GotoAsync($"{_browser.Address}/signin");
        await CheckAsync(stranger, "signin", problems);

        var head = await _browser.SignInAsync("wu.fang"); // 预算一科科长: work waiting
        await CheckAsync(head, "/", "workbench", problems);
        await CheckAsync(head, "/inbox", "inbox", problems);
        var (task, instance) = await WorkOfAsync("wu.fang");
        await CheckAsync(head, $"/tasks/{task}", "task", problems);
        await CheckAsync(head, $"/instances/{instance}", "instance", problems, wait: ".djs-container");
        await CheckAsync(head, "/me", "me", problems, wait: "#delegation-to");

        var clerk = await _browser.SignInAsync("zheng.kai");
        await CheckAsync(clerk, "/start", "start", problems, wait: "[data-start=leave]");

        var office = await _browser.SignInAsync("zhang.min"); // 办公室主任 and 收发员 of 示范省财政厅
        await CheckAsync(office, "/documents", "documents", problems, wait: ".documents-grid tbody tr a");
        await CheckAsync(office, $"/documents/{await DispatchedNoticeAsync()}", "document", problems, wait: "[data-seal=valid]");

        var supervisor = await _browser.SignInAsync("wang.jianguo");
        await CheckAsync(supervisor, "/supervision", "supervision", problems, wait: ".performance-table tbody tr.mud-table-row");

        var administrator = await _browser.SignInAsync("zhou.wen");
        await CheckAsync(administrator, "/admin", "admin", problems, wait: "[data-agency-detail]");
        await CheckAsync(administrator, "/admin/people", "admin-people", problems, wait: "[data-section=people]");

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    private async Task CheckAsync(IPage page, string path, string name, List<string> problems, string? wait = null)
    {
        await _browser.OpenAsync(page, path);
        if (wait is not null)
            await page.Locator(wait).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await CheckAsync(page, name, problems);
    }

    /// <summary>Axe at 1366×768 (and the screenshot), then the width check at 768×1024 (and its screenshot).</summary>
    private static async Task CheckAsync(IPage page, string name, List<string> problems)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await BrowserPages.ShotAsync(page, name);
        var axe = await page.RunAxe();
        foreach (var violation in axe.Violations.Where(v => v.Impact is "serious" or "critical"))
        {
            problems.Add($"{name}: {violation.Impact} {violation.Id} ({violation.Help}) at "
                + string.Join(", ", violation.Nodes.Select(n => n.Target?.ToString() ?? n.Html)));
        }

        await page.SetViewportSizeAsync(768, 1024);
        await page.WaitForTimeoutAsync(300); // the layout's media queries and the grids settle
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        var (scrollWidth, viewport) = (widths[0], widths[1]);
        if (scrollWidth > viewport)
            problems.Add($"{name}: at 768 px the page is {scrollWidth} px wide, so part of it is cut off or scrolls sideways");
        var overlapping = await page.EvaluateAsync<string[]>(OverlappingChartLabels);
        if (overlapping.Length > 0)
            problems.Add($"{name}: at 768 px chart labels overlap: {string.Join("; ", overlapping)}");
        await BrowserPages.ShotAsync(page, name + "-tablet");
        await page.SetViewportSizeAsync(1366, 768);
    }

    /// <summary>The demo's dispatched 通知 of 示范省财政厅 (for the document page).</summary>
    private async Task<long> DispatchedNoticeAsync()
    {
        await using var scope = _browser.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<DocumentsDbContext>().Documents
            .Where(d => d.State == DocumentStates.Dispatched).Select(d => d.Id).FirstAsync();
    }

    /// <summary>Pairs of a chart's texts on one line whose boxes overlap (axis labels written over each other).</summary>
    private const string OverlappingChartLabels = """
        () => [...document.querySelectorAll('.mud-chart svg')].flatMap(svg => {
            const texts = [...svg.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()]).filter(([, r]) => r.width > 0);
            return texts.flatMap(([a, r], i) => texts.slice(i + 1)
                .filter(([, q]) => Math.abs(r.top - q.top) < 2 && r.left < q.right - 1 && q.left < r.right - 1).map(([b]) => `${a} / ${b}`));
        })
        """;

    /// <summary>The person's most urgent open leave task and its instance (for the task and instance pages).</summary>
    private Task<(long Task, long Instance)> WorkOfAsync(string user) => _browser.InboxOfAsync(user, async (inbox, viewer) =>
    {
        var toDo = (await inbox.ToDoAsync(viewer, new InboxFilter(ProcessKey: "leave"), 1, 1)).Items[0];
        return (toDo.Id, toDo.InstanceId);
    });
}
