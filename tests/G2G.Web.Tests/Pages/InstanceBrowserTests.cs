using Microsoft.Playwright;
using G2G.Web.Tests.Infrastructure;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// /instances/{id} in a real browser on the demo province: the initiator opens their leave request from 我发起的 and
/// sees the diagram of its version with the path taken and the current step marked (outline and label), the
/// timeline with actors and opinions, and the audit chain verified; the same page in English; a stranger to the
/// request gets the not-found page, as the API answers 404.
/// </summary>
[Collection(DemoBrowser.Collection)]
public sealed class InstanceBrowserTests : IAsyncLifetime
{
    private readonly DemoBrowser _browser = new();

    public Task InitializeAsync() => _browser.StartAsync();

    public Task DisposeAsync() => _browser.DisposeAsync().AsTask();

    [ChromiumFact]
    public async Task TheInitiator_OpensTheirRequest_FromStartedByMe_AndSeesTheDiagramMarked_AndTheTimeline()
    {
        var page = await _browser.SignInAsync("chen.jing");
        await _browser.OpenAsync(page, "/inbox");
        await page.GetByRole(AriaRole.Tab, new() { Name = "我发起的" }).ClickAsync();
        await page.Locator("a[href^='instances/']", new() { HasText = "请假申请（3 天）" }).ClickAsync();

        await page.GetByRole(AriaRole.Heading, new() { Name = "请假申请（3 天）" }).WaitForAsync();
        Assert.Contains("/instances/", page.Url, StringComparison.Ordinal); // Blazor's enhanced navigation: no load event to wait for
        // Sent back by the section head: the request waits at its first step again, marked current in the drawing.
        var current = page.Locator(".diagram .djs-element.g2g-current");
        await current.First.WaitForAsync();
        Assert.Equal("apply", Assert.Single(await current.EvaluateAllAsync<string[]>("all => all.map(e => e.dataset.elementId)")));
        Assert.Equal("当前", (await page.Locator(".diagram .g2g-badge-current").First.InnerTextAsync()).Trim());
        Assert.True(await page.Locator(".diagram .djs-element.g2g-taken").CountAsync() >= 3); // start, apply, the flows to the head
        await page.GetByText("已走过的环节和连线").WaitForAsync(); // the legend says what the marks mean

        var timeline = page.Locator(".timeline");
        Assert.Contains("陈静", await timeline.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("退回", await timeline.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("请补充工作交接安排后再提交。", await timeline.InnerTextAsync(), StringComparison.Ordinal); // the head's opinion
        await page.Locator("[data-audit=intact]").GetByText("完整").WaitForAsync();
        var taskLink = page.Locator(".tasks a").First;
        Assert.Matches("^tasks/[0-9]+$", await taskLink.GetAttributeAsync("href"));
        await DemoBrowser.ScreenshotAsync(page, "instance");
    }

    [ChromiumFact]
    public async Task InEnglish_TheMarksAndTimelineSpeakEnglish_AndAStrangerGetsTheNotFoundPage()
    {
        var initiator = await _browser.SignInAsync("chen.jing", "en-US");
        await _browser.OpenAsync(initiator, "/inbox");
        await initiator.GetByRole(AriaRole.Tab, new() { Name = "Started by me" }).ClickAsync();
        await initiator.Locator("a[href^='instances/']", new() { HasText = "请假申请（3 天）" }).ClickAsync();
        await initiator.Locator(".diagram .g2g-badge-current").GetByText("current").WaitForAsync();
        await initiator.GetByRole(AriaRole.Heading, new() { Name = "History" }).WaitForAsync();
        Assert.Contains("sent back", await initiator.Locator(".timeline").InnerTextAsync(), StringComparison.Ordinal);
        var path = new Uri(initiator.Url).AbsolutePath;

        var stranger = await _browser.SignInAsync("mo.lu"); // a court clerk in another agency
        var response = await stranger.GotoAsync(_browser.Address + path);
        Assert.Equal(404, response?.Status);
        await stranger.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" }).WaitForAsync();
        Assert.Equal(0, await stranger.GetByText("请假申请").CountAsync());
    }
}
