using G2G.Runtime.Queries;
using G2G.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The workbench (/) of a signed-in person in a real browser on the demo province: the inbox's own counts linking into
/// it, the most urgent to-do items, shortcuts that start a procedure, and the pages each role opens.
/// </summary>
[Collection(DemoBrowser.Collection)]
public sealed class WorkbenchBrowserTests : IAsyncLifetime
{
    private readonly DemoBrowser _browser = new();

    public Task InitializeAsync() => _browser.StartAsync();

    public Task DisposeAsync() => _browser.DisposeAsync().AsTask();

    [ChromiumFact]
    public async Task ASectionHead_SeesTheInboxCounts_AndTheMostUrgentItems_AndTheCountsLeadIntoTheInbox()
    {
        var (counts, urgent) = await InboxOfAsync("wu.fang");
        Assert.NotEmpty(urgent);
        var page = await _browser.SignInAsync("wu.fang");
        await _browser.OpenAsync(page, "/");

        Assert.Equal("工作台", (await page.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(counts.ToDo.ToString(), await Count(page, "todo"));
        Assert.Equal(counts.Overdue.ToString(), await Count(page, "overdue"));
        Assert.Equal(counts.UnreadCopies.ToString(), await Count(page, "copies"));
        var rows = page.Locator("[data-urgent] li");
        Assert.Equal(Math.Min(5, counts.ToDo), await rows.CountAsync());
        Assert.Equal($"tasks/{urgent[0].Id}", await rows.First.Locator("a").GetAttributeAsync("href"));
        var step = urgent[0].Name!; // "修改或撤销 Revise or withdraw": the Chinese page names the step in Chinese only
        var first = await rows.First.InnerTextAsync();
        Assert.Contains(step[..step.IndexOf(' ', StringComparison.Ordinal)], first, StringComparison.Ordinal);
        Assert.DoesNotContain(step, first, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator("[data-role-link]").CountAsync()); // neither supervisor nor administrator
        await BrowserPages.ShotAsync(page, "workbench");

        await page.Locator("[data-count=copies]").ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/inbox?tab=copies", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Tab, new() { Name = "抄送我的", Selected = true }).WaitForAsync();

        await _browser.OpenAsync(page, "/inbox?overdue=true");
        await page.Locator("[data-filter=overdue]").WaitForAsync();
    }

    [ChromiumFact]
    public async Task AShortcut_StartsTheProcedure_AndOpensItsFirstForm()
    {
        var page = await _browser.SignInAsync("zheng.kai");
        await _browser.OpenAsync(page, "/");
        var leave = page.Locator("[data-shortcut=leave]");
        Assert.Equal("发起请假", await leave.GetAttributeAsync("aria-label"));

        await leave.ClickAsync();

        await page.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal));
        var (counts, _) = await InboxOfAsync("zheng.kai");
        Assert.True(counts.Started > 0);
    }

    [ChromiumFact]
    public async Task ASupervisor_IsLinkedToSupervision_AndAnAdministratorAlsoToAdministration_InEnglish()
    {
        var supervisor = await _browser.SignInAsync("wang.jianguo", "en-US");
        await _browser.OpenAsync(supervisor, "/");
        Assert.Equal("Workbench", (await supervisor.Locator("h1").InnerTextAsync()).Trim());
        Assert.Equal(["supervision"], await RoleLinks(supervisor));

        var administrator = await _browser.SignInAsync("zhou.wen", "en-US");
        await _browser.OpenAsync(administrator, "/");
        Assert.Equal(["supervision", "admin"], await RoleLinks(administrator));
    }

    [ChromiumFact]
    public async Task TheCatalogAndTheShortcuts_OfferOnlyWhatThePersonMayStart()
    {
        var clerk = await _browser.SignInAsync("zheng.kai"); // 科员: neither registry clerk nor archivist
        await _browser.OpenAsync(clerk, "/start");
        await clerk.Locator("[data-start=leave]").WaitForAsync();
        Assert.Equal(0, await clerk.Locator("[data-start=document-receive], [data-start=archive-destruction]").CountAsync());
        await _browser.OpenAsync(clerk, "/");
        Assert.Equal(0, await clerk.Locator("[data-shortcut=document-receive], [data-shortcut=archive-destruction]").CountAsync());

        var registry = await _browser.SignInAsync("zhang.min"); // 收发员 of 财政厅: files documents, so proposes their destruction
        await _browser.OpenAsync(registry, "/start");
        await registry.Locator("[data-start=archive-destruction]").WaitForAsync();
        Assert.Equal(0, await registry.Locator("[data-start=document-receive]").CountAsync()); // started by dispatch only
    }

    private static Task<string> Count(IPage page, string name) => page.Locator($"[data-count={name}] .number").InnerTextAsync();

    private static async Task<string[]> RoleLinks(IPage page) =>
        [.. (await page.Locator("[data-role-link]").EvaluateAllAsync<string[]>("links => links.map(l => l.dataset.roleLink)"))];

    private Task<(InboxCounts Counts, IReadOnlyList<TaskView> Urgent)> InboxOfAsync(string user) => _browser.InboxOfAsync(user,
        async (inbox, viewer) => (await inbox.CountsAsync(viewer), (await inbox.ToDoAsync(viewer, new InboxFilter(), 1, 5)).Items));
}
