using G2G.Runtime.Tests.Runtime;
using G2G.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// /supervision in a real browser on the demo province, with the host's clock in the test's hand: the provincial
/// supervisor sees a request become overdue when the clock moves on (in the list and the aging counts and chart),
/// exports what is shown as CSV and .xlsx, and urges from the list; a clerk without the role gets the not-found page
/// and no link to it; the page speaks English to an English browser; the overdue list fits 1366 px and a tablet in both languages.
/// </summary>
[Collection(DemoBrowser.Collection)]
public sealed class SupervisionBrowserTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly DemoBrowser _browser;

    public SupervisionBrowserTests() => _browser = new DemoBrowser(_clock);

    public Task InitializeAsync() => _browser.StartAsync();

    public Task DisposeAsync() => _browser.DisposeAsync().AsTask();

    [ChromiumFact]
    public async Task WhenTheClockMovesOn_ARequestWaitingAtTheSectionHead_IsListedOverdue_AndCountedInTheAgingChart()
    {
        var page = await _browser.SignInAsync("wang.jianguo");
        await _browser.OpenAsync(page, "/supervision");
        await page.GetByRole(AriaRole.Heading, new() { Name = "超期与临期事项" }).WaitForAsync();
        // Started today and waiting at 吴芳 (处长审批): not overdue yet.
        var request = page.Locator(".overdue-grid tbody tr", new() { HasText = "吴芳" }).Filter(new() { HasText = "请假申请（1 天）" });
        await page.Locator(".overdue-grid tbody tr").First.WaitForAsync();
        Assert.Equal(0, await request.Filter(new() { HasText = "超期" }).CountAsync());
        Assert.Equal("0", await page.Locator("[data-bucket=Over30Days]").InnerTextAsync());

        _clock.Advance(TimeSpan.FromDays(45)); // the session has ended by then: the supervisor signs in again
        page = await _browser.SignInAsync("wang.jianguo");
        await _browser.OpenAsync(page, "/supervision");
        request = page.Locator(".overdue-grid tbody tr", new() { HasText = "吴芳" }).Filter(new() { HasText = "请假申请（1 天）" });

        await request.Filter(new() { HasText = "超期" }).First.WaitForAsync();
        Assert.NotEqual("0", await page.Locator("[data-bucket=Over30Days]").InnerTextAsync());
        Assert.Equal("0", await page.Locator("[data-bucket=DueSoon]").InnerTextAsync());
        Assert.True(await page.Locator(".mud-chart svg").CountAsync() >= 1); // the aging chart (and the on-time chart)
        // A 收文 started by 分发 is titled by the document it receives (never by its process key), its step in its own column.
        Assert.Equal(0, await page.Locator(".overdue-grid tbody tr", new() { HasText = "document-receive" }).CountAsync());
        await page.Locator(".overdue-grid tbody tr", new() { HasText = "关于做好年度预算执行工作的通知" }).First.WaitForAsync();
        // Each agency has its 办公室: the rows by department name the agency too.
        await page.Locator(".performance-table tbody tr.mud-table-row").First.WaitForAsync();
        var departments = await page.Locator(".performance-table tbody td:first-child").AllInnerTextsAsync();
        Assert.Contains("办公室 · 示范省财政厅", departments);
        Assert.Contains("办公室 · 东城市财政局", departments);
        await DemoBrowser.ScreenshotAsync(page, "supervision");
        await AssertEveryColumnFitsAsync(page, "zh-CN");
    }

    [ChromiumFact]
    public async Task TheSupervisor_ExportsWhatIsShown_AsCsvAndXlsx_AndUrgesFromTheList()
    {
        var page = await _browser.SignInAsync("wang.jianguo");
        await _browser.OpenAsync(page, "/supervision");
        var firstRow = page.Locator(".overdue-grid tbody tr").First;
        await firstRow.WaitForAsync();
        var title = (await firstRow.Locator("a").InnerTextAsync()).Trim();

        var csv = await page.RunAndWaitForDownloadAsync(() => page.Locator(".supervision [data-export=csv]").First.ClickAsync());
        Assert.Matches(@"^overdue-\d{4}-\d{2}-\d{2}\.csv$", csv.SuggestedFilename);
        var text = await File.ReadAllTextAsync(await csv.PathAsync());
        Assert.StartsWith("任务 taskId,实例 instanceId,标题 title", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.Contains(title, text, StringComparison.Ordinal);
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.Locator(".supervision [data-export=xlsx]").First.ClickAsync());
        Assert.EndsWith(".xlsx", xlsx.SuggestedFilename, StringComparison.Ordinal);
        Assert.Equal("PK"u8.ToArray(), (await File.ReadAllBytesAsync(await xlsx.PathAsync()))[..2]); // a zip package

        await firstRow.GetByRole(AriaRole.Button, new() { Name = $"催办“{title}”" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("催办附言（可不填）").FillAsync("请尽快办理。");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "催办", Exact = true }).ClickAsync();
        await page.GetByText($"已催办“{title}”。").WaitForAsync();
    }

    [ChromiumFact]
    public async Task AClerk_GetsTheNotFoundPage_AndNoLink_AndEnglishBrowsersGetEnglish()
    {
        var clerk = await _browser.SignInAsync("zheng.kai");
        await _browser.OpenAsync(clerk, "/inbox");
        Assert.Equal(0, await clerk.Locator("nav a[href=supervision]").CountAsync());
        var response = await clerk.GotoAsync(_browser.Address + "/supervision");
        Assert.Equal(404, response?.Status);
        await clerk.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" }).WaitForAsync();

        var supervisor = await _browser.SignInAsync("wang.jianguo", "en-US");
        await _browser.OpenAsync(supervisor, "/inbox");
        await supervisor.Locator("nav a[href=supervision]").ClickAsync();
        await supervisor.GetByRole(AriaRole.Heading, new() { Name = "Overdue and due-soon items" }).WaitForAsync();
        await supervisor.GetByRole(AriaRole.Heading, new() { Name = "On-time completion" }).WaitForAsync();
        await supervisor.GetByText("Export Excel").First.WaitForAsync();
        await supervisor.Locator(".overdue-grid tbody tr.mud-table-row").First.WaitForAsync();
        await supervisor.Locator(".performance-table tbody tr.mud-table-row").First.WaitForAsync();
        await DemoBrowser.ScreenshotAsync(supervisor, "supervision-en");
        await AssertEveryColumnFitsAsync(supervisor, "en-US");
    }

    /// <summary>
    /// At 1366×768 and at tablet width (768×1024) the overdue list shows every column in its frame, the urge buttons
    /// included (the English labels are longer), and the page itself never scrolls sideways.
    /// </summary>
    private static async Task AssertEveryColumnFitsAsync(IPage page, string language)
    {
        foreach (var (width, height) in new[] { (1366, 768), (768, 1024) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.WaitForTimeoutAsync(300); // the layout's media queries and the grids settle
            var fit = await page.EvaluateAsync<int[]>("""
                () => {
                    const frame = document.querySelector('.overdue-grid .mud-table-container');
                    const right = frame.getBoundingClientRect().right;
                    const urges = [...frame.querySelectorAll('td.action button')];
                    return [document.documentElement.scrollWidth - document.documentElement.clientWidth,
                        frame.scrollWidth - frame.clientWidth, urges.length, urges.filter(b => b.getBoundingClientRect().right > right + 1).length];
                }
                """);
            Assert.True(fit[0] <= 0, $"{language} at {width} px: the page scrolls {fit[0]} px sideways");
            Assert.True(fit[1] <= 0, $"{language} at {width} px: the overdue list is {fit[1]} px wider than its frame");
            Assert.True(fit[2] > 0 && fit[3] == 0, $"{language} at {width} px: {fit[3]} of {fit[2]} urge buttons are cut off");
        }
        await page.SetViewportSizeAsync(1366, 768);
    }
}
