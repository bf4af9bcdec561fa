using System.Globalization;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// Work in a real browser on the demo province and the shipped leave procedure: a clerk starts a request from /start and
/// fills in its form, the department head finds it in 待办, approves it with an opinion, and it moves to their 已办.
/// Runs on SQLite and PostgreSQL.
/// </summary>
public abstract class TaskPageBrowserTests<TDatabase>(BrowserWorld<TDatabase> world) : IClassFixture<BrowserWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    protected BrowserWorld<TDatabase> World => world;

    [BrowserFact]
    public async Task AClerkStartsALeaveRequest_TheHeadApprovesItWithAnOpinion_AndItMovesToDone()
    {
        var clerk = await World.SignedInAsync("zheng.kai");
        await StartLeaveAsync(clerk);
        await FillLeaveAsync(clerk, LeaveDay(), "家中有事需处理");
        await BrowserPages.ShotAsync(clerk, "task-apply");
        await OperateAsync(clerk, "[data-operation=submit]");

        var head = await World.SignedInAsync("wu.fang");
        await OpenFromToDoAsync(head, "郑凯的请假申请");
        Assert.Equal("1", await head.Locator("#field-days").InputValueAsync()); // read-only at this step, from the balance check
        await head.FillAsync("#field-comment", "同意，请做好工作交接。");
        var opinion = await head.Locator("#field-comment").BoundingBoxAsync();
        var reason = await head.Locator("#field-reason").BoundingBoxAsync();
        Assert.InRange(opinion!.Width, reason!.Width - 40, reason.Width + 40); // the opinion spans the form column as 事由 does
        await BrowserPages.ShotAsync(head, "task-approve");
        await OperateAsync(head, "[data-choice=approve]");
        Assert.Contains("同意，请做好工作交接。", await head.Locator(".g2g-history").InnerTextAsync(), StringComparison.Ordinal);

        await World.OpenAsync(head, "/inbox");
        await head.GetByRole(AriaRole.Tab, new() { Name = "已办" }).ClickAsync();
        await head.Locator("tbody tr", new() { HasText = "郑凯的请假申请" }).First.WaitForAsync();
        await head.GetByRole(AriaRole.Tab, new() { Name = "待办" }).ClickAsync();
        await head.Locator("tbody tr", new() { HasText = "时限" }).First.WaitForAsync(); // 待办's rows say their deadline
        await Assertions.Expect(head.Locator("tbody tr", new() { HasText = "郑凯的请假申请" })).ToHaveCountAsync(0);
    }

    /// <summary>Starts 请假 from the catalog and waits for its first form, the clerk's own application.</summary>
    protected async Task StartLeaveAsync(IPage page, string search = "请假")
    {
        await World.OpenAsync(page, "/start");
        await BrowserPages.ShotAsync(page, "start");
        await page.FillAsync("#procedure-search", search);
        await page.Locator("[data-start=purchase]").WaitForAsync(new() { State = WaitForSelectorState.Detached }); // the search has filtered
        await page.Locator("[data-start=leave]").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("#field-reason").WaitForAsync(); // the new page, prerendered
        await BrowserPages.Interactive(page);
    }

    /// <summary>Fills in the application: annual leave for one day, a reason and a phone number.</summary>
    protected static async Task FillLeaveAsync(IPage page, DateOnly day, string reason)
    {
        await ChooseAsync(page, "假别", "年休假");
        var text = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await page.FillAsync("#field-startDate", text);
        await page.PressAsync("#field-startDate", "Tab");
        await page.FillAsync("#field-endDate", text);
        await page.PressAsync("#field-endDate", "Tab");
        await page.FillAsync("#field-reason", reason);
        await page.FillAsync("#field-phone", "138 0000 0000");
    }

    /// <summary>Picks an option of a MudBlazor select by the field's label.</summary>
    protected static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.Locator(".mud-select", new() { HasText = label }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>Presses an operation's button, confirms its dialog and waits for the page to say it is done.</summary>
    protected static async Task OperateAsync(IPage page, string button)
    {
        await page.Locator(button).ClickAsync();
        await page.Locator("[data-confirm=true]").ClickAsync();
        await page.Locator("[data-done=true]").WaitForAsync();
    }

    /// <summary>Opens the inbox's 待办, follows the task with the title and waits for its page.</summary>
    protected async Task OpenFromToDoAsync(IPage page, string title)
    {
        await World.OpenAsync(page, "/inbox");
        await page.Locator("tbody tr", new() { HasText = title }).First.GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/tasks/", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.Commit });
        await page.Locator("[data-operation]").First.WaitForAsync(); // the new page, prerendered
        await BrowserPages.Interactive(page);
    }

    /// <summary>A working day well ahead, in the next year (the demo gives every user 10 days of annual leave then).</summary>
    /// <summary>A Wednesday in March of next year: a working day whatever the calendar, a leave of one day.</summary>
    internal static DateOnly LeaveDay()
    {
        var day = new DateOnly(DateTime.UtcNow.Year + 1, 3, 10);
        while (day.DayOfWeek != DayOfWeek.Wednesday)
            day = day.AddDays(1);
        return day;
    }
}

public sealed class PostgresTaskPageBrowserTests(BrowserWorld<PostgresTestDatabase> world) : TaskPageBrowserTests<PostgresTestDatabase>(world);

/// <summary>On SQLite also: a send-back and resubmission, and a bad submission that keeps what was typed.</summary>
public sealed class SqliteTaskPageBrowserTests(BrowserWorld<SqliteTestDatabase> world) : TaskPageBrowserTests<SqliteTestDatabase>(world)
{
    [BrowserFact]
    public async Task TheHeadSendsTheRequestBack_TheClerkCorrectsIt_AndItComesBack()
    {
        var clerk = await World.SignedInAsync("he.na");
        await StartLeaveAsync(clerk);
        await FillLeaveAsync(clerk, LeaveDay().AddDays(7), "探亲");
        await OperateAsync(clerk, "[data-operation=submit]");

        var head = await World.SignedInAsync("zhang.min");
        await OpenFromToDoAsync(head, "何娜的请假申请");
        await head.FillAsync("#field-comment", "请写明探亲地点。");
        await head.Locator("[data-operation=sendback]").ClickAsync();
        Assert.Contains("填写请假单", await head.Locator("#operation-consequence").InnerTextAsync(), StringComparison.Ordinal);
        await head.Locator("[data-confirm=true]").ClickAsync();
        await head.Locator("[data-done=true]").WaitForAsync();

        await OpenFromToDoAsync(clerk, "何娜的请假申请");
        Assert.Equal("探亲", await clerk.Locator("#field-reason").InputValueAsync()); // what was sent is there to correct
        Assert.Contains("请写明探亲地点。", await clerk.Locator(".g2g-history").InnerTextAsync(), StringComparison.Ordinal);
        await clerk.FillAsync("#field-reason", "回老家探亲（河北保定）");
        await OperateAsync(clerk, "[data-operation=submit]");

        await OpenFromToDoAsync(head, "何娜的请假申请");
        Assert.Equal("1", await head.Locator("#field-days").InputValueAsync());
    }

    [BrowserFact]
    public async Task ABadSubmission_ShowsMessagesAtTheFields_AndKeepsWhatWasTyped()
    {
        var clerk = await World.SignedInAsync("chen.jing");
        await StartLeaveAsync(clerk);
        await clerk.FillAsync("#field-reason", "家");
        await clerk.FillAsync("#field-phone", "call me");
        await clerk.Locator("[data-operation=submit]").ClickAsync();

        await clerk.GetByText("请填写假别。").WaitForAsync(); // the browser's hints, before anything is sent
        await clerk.GetByText("事由至少需要 2 个字。").WaitForAsync();
        await clerk.GetByText("假期联系电话的格式不正确。").WaitForAsync();
        Assert.Equal("家", await clerk.Locator("#field-reason").InputValueAsync());
        Assert.Equal("call me", await clerk.Locator("#field-phone").InputValueAsync());
        Assert.Equal("true", await clerk.Locator("#field-reason").GetAttributeAsync("aria-invalid"));
        await BrowserPages.ShotAsync(clerk, "task-bad-input");

        // The server's own check: six weeks of annual leave are more than the balance, said at the end date.
        var from = LeaveDay().AddDays(14);
        await ChooseAsync(clerk, "假别", "年休假");
        await clerk.FillAsync("#field-startDate", from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await clerk.PressAsync("#field-startDate", "Tab");
        await clerk.FillAsync("#field-endDate", from.AddDays(41).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await clerk.PressAsync("#field-endDate", "Tab");
        await clerk.FillAsync("#field-reason", "出国旅行");
        await clerk.FillAsync("#field-phone", "");
        await clerk.Locator("[data-operation=submit]").ClickAsync();
        await clerk.Locator("[data-confirm=true]").ClickAsync();
        await clerk.Locator("#field-endDate-error").WaitForAsync();
        Assert.Contains("年休假余额不足", await clerk.Locator("#field-endDate-error").InnerTextAsync(), StringComparison.Ordinal);
        await BrowserPages.ShotAsync(clerk, "task-refused");
        Assert.Equal("出国旅行", await clerk.Locator("#field-reason").InputValueAsync());
        Assert.Equal(0, await clerk.Locator("[data-done=true]").CountAsync());
    }

    [BrowserFact]
    public async Task TheClerkUrgesTheirRequestFromStartedByMe_TheHeadIsReminded_AndASecondUrgeWaitsAnHour()
    {
        // A title of its own: the approval test of the class looks for 郑凯的请假申请 leaving the head's 待办.
        await SubmitLeaveAsync("郑凯的请假（催办）", 21);
        var clerk = await World.SignedInAsync("zheng.kai");

        await World.OpenAsync(clerk, "/inbox");
        await clerk.GetByRole(AriaRole.Tab, new() { Name = "我发起的" }).ClickAsync();
        var row = clerk.Locator("tbody tr", new() { HasText = "郑凯的请假（催办）", Has = clerk.Locator("[data-urge]") }).First;
        await row.Locator("[data-urge]").ClickAsync();
        await Assertions.Expect(clerk.Locator(".mud-dialog")).ToContainTextAsync("向 吴芳（wu.fang） 催办“郑凯的请假（催办）”的“处长审批”环节");
        await clerk.Locator(".mud-dialog textarea").FillAsync("下周出发，请尽快审批。");
        await clerk.Locator(".mud-dialog button", new() { HasText = "催办" }).ClickAsync();
        await clerk.GetByText("已催办“郑凯的请假（催办）”。").WaitForAsync();
        await BrowserPages.ShotAsync(clerk, "inbox-started-urged");

        await row.Locator("[data-urge]").ClickAsync();
        await clerk.Locator(".mud-dialog button", new() { HasText = "催办" }).ClickAsync();
        // The runtime's refusal, in the words the API answers with (429 too-soon): when they urged it, and when they may again.
        await clerk.Locator(".mud-snackbar", new() { HasText = "催办过“处长审批”" }).Filter(new() { HasText = "（北京时间）后可再次催办" }).WaitForAsync();
        await BrowserPages.ShotAsync(clerk, "inbox-started-urged-again");

        await using var scope = World.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var instance = await db.Set<ProcessInstanceRecord>().AsNoTracking()
            .SingleAsync(i => i.Title == "郑凯的请假（催办）" && i.Status == G2G.Runtime.Instances.InstanceStatus.Running);
        var trail = await scope.ServiceProvider.GetRequiredService<G2G.Runtime.Queries.RuntimeQueries>().AuditAsync(instance.Id);
        var urged = Assert.Single(trail, a => a.Action == "task.urged"); // one reminder: the second urge sent none
        Assert.Equal(("zheng.kai", "下周出发，请尽快审批。"), (urged.Actor, urged.Comment));
    }

    [BrowserFact]
    public async Task TheClerkRevokesTheirRequestBeforeTheHeadActs_ItEnds_TheHeadIsTold_AndTheDaysGoBack()
    {
        var id = await SubmitLeaveAsync("郑凯的请假（撤销）", 28);
        var clerk = await World.SignedInAsync("zheng.kai");

        await World.OpenAsync(clerk, "/inbox");
        await clerk.GetByRole(AriaRole.Tab, new() { Name = "我发起的" }).ClickAsync();
        await clerk.Locator($"[data-revoke='{id}']").ClickAsync();
        var dialog = clerk.Locator(".mud-dialog");
        await Assertions.Expect(dialog).ToContainTextAsync("撤销“郑凯的请假（撤销）”？");
        await Assertions.Expect(dialog).ToContainTextAsync("“处长审批”中尚未办理的待办随之关闭，吴芳（wu.fang） 会收到撤销通知和原因");
        await clerk.Locator("#revoke-reason").FillAsync("培训改期，不再请假。");
        await clerk.Locator("[data-confirm-revoke=true]").ClickAsync();
        await clerk.GetByText("已撤销“郑凯的请假（撤销）”。").WaitForAsync();
        await Assertions.Expect(clerk.Locator($"[data-revoke='{id}']")).ToHaveCountAsync(0);
        await Assertions.Expect(clerk.Locator("tbody tr", new() { HasText = "郑凯的请假（撤销）" })).ToContainTextAsync("已撤销");
        await BrowserPages.ShotAsync(clerk, "inbox-started-revoked");

        await using var scope = World.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        Assert.Equal(G2G.Runtime.Instances.InstanceStatus.Cancelled, (await db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == id)).Status);
        var notice = await db.Set<OutboxRecord>().AsNoTracking().SingleAsync(o => o.InstanceId == id && o.Kind == "instance.revoked");
        Assert.Equal(("wu.fang", "培训改期，不再请假。"), (notice.Recipient, notice.Body));
        var leave = await scope.ServiceProvider.GetRequiredService<G2G.Office.Persistence.OfficeDbContext>().LeaveRequests.AsNoTracking()
            .SingleAsync(r => r.InstanceId == id);
        Assert.Equal(G2G.Office.Leave.LeaveStates.Cancelled, leave.State); // its reserved day went back to the balance
    }

    /// <summary>Starts 郑凯's leave of one day <paramref name="daysAhead"/> days after the test's leave day and sends it to the head.</summary>
    private async Task<long> SubmitLeaveAsync(string title, int daysAhead)
    {
        await using var start = World.Services.CreateAsyncScope();
        var instances = start.ServiceProvider.GetRequiredService<G2G.Runtime.Instances.InstanceService>();
        var id = await instances.StartAsync(new G2G.Runtime.Instances.StartInstance("leave", Title: title, Initiator: "zheng.kai", AgencyId: "sf-fin"));
        var apply = await start.ServiceProvider.GetRequiredService<G2GDbContext>().Set<TaskRecord>().AsNoTracking()
            .SingleAsync(t => t.InstanceId == id && t.State == G2G.Runtime.Instances.TaskStates.Open);
        var day = LeaveDay().AddDays(daysAhead).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await instances.CompleteTaskAsync(apply.Id, "zheng.kai", new Dictionary<string, G2G.Engine.Expressions.Value>
        {
            ["leaveType"] = G2G.Engine.Expressions.Value.From("annual"), ["startDate"] = G2G.Engine.Expressions.Value.From(day),
            ["endDate"] = G2G.Engine.Expressions.Value.From(day), ["reason"] = G2G.Engine.Expressions.Value.From("参加培训"),
        });
        return id;
    }

    [BrowserFact]
    public async Task AnEnglishBrowser_GetsTheCatalogAndTheFormInEnglish()
    {
        var clerk = await World.SignedInAsync("ma.lin", "en-US");
        await StartLeaveAsync(clerk, "Leave");

        Assert.Equal("Leave type", (await clerk.Locator("label[for=field-leaveType]").InnerTextAsync()).Trim());
        Assert.Equal("Submit", (await clerk.Locator("[data-operation=submit]").TextContentAsync())?.Trim());
        await clerk.Locator("[data-operation=submit]").ClickAsync();
        await clerk.GetByText("Leave type is required.").WaitForAsync();
        await BrowserPages.ShotAsync(clerk, "task-apply-en");
    }
}
