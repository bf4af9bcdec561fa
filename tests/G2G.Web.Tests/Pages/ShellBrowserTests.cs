using G2G.Runtime.Instances;
using G2G.Runtime.Queries;
using G2G.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The page header in a real browser: the signed-in person's name, department and agency, and badge counts that
/// follow what other people do without a reload (the header asks every Ui:BadgeRefreshSeconds, one second here).
/// </summary>
[Collection(DemoBrowser.Collection)]
public sealed class ShellBrowserTests : IAsyncLifetime
{
    private readonly DemoBrowser _browser = new();

    public Task InitializeAsync() => _browser.StartAsync(new Dictionary<string, string?> { ["Ui:BadgeRefreshSeconds"] = "1" });

    public Task DisposeAsync() => _browser.DisposeAsync().AsTask();

    [ChromiumFact]
    public async Task TheHeader_NamesThePerson_AndTheirCopiesBadgeCountsACopyAnotherUserSends_WithoutAReload()
    {
        var page = await _browser.SignInAsync("zheng.kai");
        await _browser.OpenAsync(page, "/inbox");
        var header = page.Locator("header");
        Assert.Contains("当前用户：郑凯", await header.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("预算一科 · 示范省财政厅", await header.InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("[data-badges=live]").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        Assert.Equal("0", await page.Locator("[data-badge=copies]").InnerTextAsync());
        await page.EvaluateAsync("() => window.notReloaded = true");

        // 吴芳, the section head, copies the request waiting for her to 郑凯.
        using (var scope = _browser.Services.CreateScope())
        {
            var waiting = await scope.ServiceProvider.GetRequiredService<RuntimeQueries>()
                .ListTasksAsync(new TaskFilter(Assignee: "wu.fang", State: TaskStates.Open, ProcessKey: "leave"), 1, 10);
            await scope.ServiceProvider.GetRequiredService<InstanceService>().CopyAsync(waiting.Items[0].Id, "wu.fang", ["zheng.kai"], "请知悉。");
        }

        await page.Locator("[data-badge=copies]", new() { HasText = "1" }).WaitForAsync(new() { Timeout = 10_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.notReloaded === true"));
    }
}
