using System.Globalization;
using G2G.Engine.Time;
using G2G.Runtime.Calendar;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using G2G.Web.Components;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The designer's preview, its comparison of a draft and its copy, in a real browser on the demo province (a clock that
/// stands still, so the due dates can be checked against the calendar): the administrator previews the leave procedure
/// as 郑凯 (预算一科), fills in the application, sees 处长审批 go to 吴芳 with its due date on 省财政厅's calendar and the
/// tokens on the canvas, sends it back to 填写请假单 (the trace saying so) and, once it is submitted again, decides it and
/// sees 委托安排 come back to 郑凯, with no instance written; a draft with a renamed
/// step compared with version 1 shows the step changed; leave is copied under a new id (a taken one refused) and opens as
/// that procedure's draft. With <c>G2G_SHOTS</c> set it writes the user guide's screenshots of the designer.
/// </summary>
[Collection(DemoBrowser.Collection)]
public sealed class DesignerPreviewBrowserTests : IAsyncLifetime
{
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
    private readonly DemoBrowser _browser;

    public DesignerPreviewBrowserTests() => _browser = new DemoBrowser(_clock);

    public Task InitializeAsync() => _browser.StartAsync();

    public Task DisposeAsync() => _browser.DisposeAsync().AsTask();

    private async Task<T> QueryAsync<T>(Func<G2GDbContext, IServiceProvider, Task<T>> query)
    {
        using var scope = _browser.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<G2GDbContext>(), scope.ServiceProvider);
    }

    /// <summary>When a step created now with <paramref name="deadline"/> falls due on 省财政厅's calendar, as the page shows it.</summary>
    private Task<string> DueAsync(string deadline) => QueryAsync(async (db, services) =>
        UiFormat.Time(DeadlineSpec.Parse(deadline).DueFrom(_clock.GetUtcNow(),
            await services.GetRequiredService<CalendarProvider>().ForAgencyAsync(db, "sf-fin", default))));

    [ChromiumFact]
    public async Task ThePreview_RunsTheLeaveProcedureAsAClerk_ShowingWhoGetsEachStepAndWhenItIsDue_AndWritesNothing()
    {
        var instances = await QueryAsync((db, _) => db.Set<ProcessInstanceRecord>().CountAsync());
        var page = await _browser.SignInAsync("zhou.wen");
        await _browser.OpenAsync(page, "/designer/leave");
        await page.Locator(".canvas .djs-element[data-element-id=head]").WaitForAsync();
        await page.GetByTestId("preview-toggle").ClickAsync();
        var preview = page.GetByTestId("preview");

        // As 郑凯, with what 核对假期余额 would set (it does not run in a preview).
        await page.Locator("#preview-initiator").FillAsync("郑凯");
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "郑凯" }).First.ClickAsync();
        await page.Locator("#preview-variables").FillAsync("""{"skipHead": false, "approvalLevel": 1}""");
        await page.GetByTestId("preview-start").ClickAsync();

        var apply = preview.Locator("article[data-element-id=apply]");
        Assert.Equal("郑凯", (await apply.GetByTestId("preview-assignee").InnerTextAsync()).Trim());
        await page.Locator(".canvas .djs-element.g2g-preview-current[data-element-id=apply]").WaitForAsync();
        await apply.Locator(".mud-select", new() { HasText = "假别" }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = "年休假" }).First.ClickAsync();
        // A working day (two weeks from today fell on a Sunday once: a leave of no working days is refused).
        var day = TaskPageBrowserTests<SqliteTestDatabase>.LeaveDay().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var field in new[] { "#field-startDate", "#field-endDate" })
        {
            await apply.Locator(field).FillAsync(day);
            await apply.Locator(field).PressAsync("Tab");
        }
        await apply.Locator("#field-reason").FillAsync("回老家探亲");
        await apply.GetByTestId("preview-submit").ClickAsync();

        // Step two: 处长审批 goes to 吴芳, the head of 预算一科, due one working day from now on the agency's calendar.
        var head = preview.Locator("article[data-element-id=head]");
        await head.WaitForAsync(new() { Timeout = 90_000 }); // the host's first preview: validation, organisation and calendar warm up (CI once took over 30 s)
        Assert.Equal("吴芳", (await head.GetByTestId("preview-assignee").InnerTextAsync()).Trim());
        Assert.Equal(await DueAsync("1wd"), (await head.GetByTestId("preview-due").InnerTextAsync()).Trim());
        await page.Locator(".canvas .djs-element.g2g-preview-current[data-element-id=head]").WaitForAsync();
        await page.Locator(".canvas .djs-element.g2g-preview-taken[data-element-id=apply]").WaitForAsync();
        Assert.Contains("吴芳", await page.Locator(".canvas .g2g-preview-label[data-element-id=head]").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("核对假期余额（leave.reserve）未执行", await preview.GetByTestId("preview-steps").InnerTextAsync(), StringComparison.Ordinal);

        // 处长审批 may send the application back to 填写请假单 (g2g:sendBackTo): it comes back to 郑凯, filled in as he left it.
        await head.GetByTestId("preview-send-back").ClickAsync();
        Assert.Contains("填写请假单", await head.GetByTestId("preview-send-back-form").InnerTextAsync(), StringComparison.Ordinal);
        await head.GetByTestId("preview-send-back-confirm").ClickAsync();
        await head.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        Assert.Equal("郑凯", (await apply.GetByTestId("preview-assignee").InnerTextAsync()).Trim());
        await page.Locator(".canvas .djs-element.g2g-preview-current[data-element-id=apply]").WaitForAsync();
        var trace = await preview.GetByTestId("preview-steps").InnerTextAsync();
        Assert.Contains("处长审批：吴芳 退回到“填写请假单”（改正后重新逐级办理）", trace, StringComparison.Ordinal);
        Assert.Contains("新待办：填写请假单 → 郑凯", trace, StringComparison.Ordinal);
        Assert.Equal("回老家探亲", await apply.Locator("#field-reason").InputValueAsync());
        await apply.GetByTestId("preview-submit").ClickAsync();
        await head.WaitForAsync();
        Assert.Equal("吴芳", (await head.GetByTestId("preview-assignee").InnerTextAsync()).Trim());
        await BrowserPages.ShotAsync(page, "designer-preview");

        // 同意 needs an opinion, as on the task page; with one, 委托安排 comes back to 郑凯.
        await head.Locator("button[data-choice=approve]").ClickAsync();
        await head.Locator("#preview-opinion-" + await head.GetAttributeAsync("data-task-id") + "[aria-invalid=true]").WaitForAsync();
        await head.Locator("textarea[id^=preview-opinion]").FillAsync("同意");
        await head.Locator("button[data-choice=approve]").ClickAsync();
        var arrange = preview.Locator("article[data-element-id=arrange]");
        await arrange.WaitForAsync();
        Assert.Equal("郑凯", (await arrange.GetByTestId("preview-assignee").InnerTextAsync()).Trim());
        Assert.Equal(await DueAsync("1wd"), (await arrange.GetByTestId("preview-due").InnerTextAsync()).Trim());

        Assert.Equal(instances, await QueryAsync((db, _) => db.Set<ProcessInstanceRecord>().CountAsync()));
        await page.GetByRole(AriaRole.Button, new() { Name = "结束预览" }).ClickAsync();
        await page.GetByTestId("properties").WaitForAsync();
        Assert.Equal(0, await page.Locator(".canvas .g2g-preview-current, .canvas .g2g-preview-label").CountAsync());
    }

    [ChromiumFact]
    public async Task ADraftComparedWithItsVersion_ShowsTheChangedStep_AndACopyOpensAsTheDraftOfItsNewId()
    {
        var page = await _browser.SignInAsync("zhou.wen");
        await _browser.OpenAsync(page, "/designer/leave");
        await page.Locator(".canvas .djs-element[data-element-id=head]").ClickAsync();
        await page.Locator("#prop-name").FillAsync("处长审核");
        await page.Locator("#prop-name").PressAsync("Tab");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存草稿" }).ClickAsync();
        await page.GetByText("leave 的草稿已保存").WaitForAsync();

        await _browser.OpenAsync(page, "/designer");
        var leave = page.Locator(".procedure[data-process-key=leave]");
        await leave.GetByTestId("compare-draft").ClickAsync();
        // the host's first comparison loads two canvases and the differ (CI once took over 30 s with the other browser tests running)
        await page.Locator(".canvas[data-side=newer] .djs-element.g2g-changed[data-element-id=head]").WaitForAsync(new() { Timeout = 90_000 });
        Assert.Contains("head", await page.GetByTestId("diff-summary").Locator("li.changed").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("草稿", await page.Locator(".sides").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserPages.ShotAsync(page, "designer-compare");

        await _browser.OpenAsync(page, "/designer");
        await leave.GetByTestId("copy").ClickAsync();
        await page.Locator("#copy-key").FillAsync("leave");
        await page.GetByTestId("copy-confirm").ClickAsync();
        await page.GetByTestId("copy-form").GetByText("已被使用").WaitForAsync();
        await page.Locator("#copy-key").FillAsync("leave-trial");
        await page.Locator("#copy-name").FillAsync("请假（试行）");
        await page.GetByTestId("copy-confirm").ClickAsync();

        await page.WaitForURLAsync(url => url.EndsWith("/designer/leave-trial", StringComparison.Ordinal));
        await page.Locator(".canvas .djs-element[data-element-id=reportBack]").WaitForAsync(); // the drawing came with it
        Assert.Contains("请假（试行）", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("草稿", await page.GetByTestId("opened").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserPages.ShotAsync(page, "designer");
    }
}
