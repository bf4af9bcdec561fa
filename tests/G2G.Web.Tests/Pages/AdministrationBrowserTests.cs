using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// /admin and /me in a real browser on the demo province. On SQLite and PostgreSQL: the administrator creates a person and
/// a delegation for them. On SQLite also: a clerk gets the not-found page at /admin and no link to it; every section opens in
/// English; a section head sets
/// a delegation at /me, and the delegate then finds the head's new work in their 待办, until the head ends it.
/// </summary>
[Collection(DemoBrowser.Collection)]
public abstract class AdministrationBrowserTests<TDatabase>(BrowserWorld<TDatabase> world) : IClassFixture<BrowserWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    protected BrowserWorld<TDatabase> World => world;

    /// <summary>Today in China, as the organisation counts delegation days.</summary>
    protected static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    protected static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [BrowserFact]
    public async Task TheAdministrator_CreatesAPerson_GivesThemAPosition_AndSetsADelegationForThem()
    {
        var admin = await World.SignedInAsync("zhou.wen");
        await World.OpenAsync(admin, "/inbox");
        await admin.Locator("nav a[href=admin]").ClickAsync();
        await admin.GetByRole(AriaRole.Heading, new() { Name = "系统管理" }).WaitForAsync();
        await BrowserPages.Interactive(admin);
        await admin.Locator("[data-section=people]").ClickAsync();
        await admin.WaitForURLAsync(url => url.EndsWith("/admin/people", StringComparison.Ordinal));
        await admin.Locator("[data-action=new-person]").ClickAsync();

        await admin.Locator("[data-action=create-person]").ClickAsync(); // nothing filled in: each field says what it needs
        await admin.GetByText("请填写用户名。").WaitForAsync();
        await admin.GetByText("请填写姓名。").WaitForAsync();
        await admin.GetByText("请选择机关。").WaitForAsync();
        await admin.FillAsync("#person-id", "li xiaoming");
        await admin.Locator("[data-action=create-person]").ClickAsync();
        await admin.Locator("#person-id-error", new() { HasText = "用户名只能由字母" }).WaitForAsync();

        await admin.FillAsync("#person-id", "li.xiaoming");
        await admin.FillAsync("#person-name", "李晓明");
        await ChooseAsync(admin, ".admin-form", "机关", "示范省财政厅");
        await Assertions.Expect(admin.Locator("#person-consequence")).ToContainTextAsync("示范省财政厅"); // its departments are loaded
        await ChooseAsync(admin, ".admin-form", "处室（可不选）", "办公室");
        await admin.FillAsync("#person-password", "Li-Xiaoming-2026");
        await admin.PressAsync("#person-password", "Tab");
        await Assertions.Expect(admin.Locator("#person-consequence"))
            .ToHaveTextAsync("将在 示范省财政厅 办公室 新建用户 李晓明（li.xiaoming），涉密等级 非密，可用初始密码登录。");
        await admin.Locator("[data-action=create-person]").ClickAsync();
        await admin.GetByText("已新建用户 li.xiaoming。").WaitForAsync();
        var panel = admin.Locator("[data-panel='li.xiaoming']");
        await panel.GetByText("李晓明（li.xiaoming）").WaitForAsync();
        // What cannot be changed here reads as text and says where it is changed; roles are a state in words and a button.
        await Assertions.Expect(panel.Locator("[data-read-only=groups]")).ToContainTextAsync("不在任何群组");
        await Assertions.Expect(panel.Locator("[data-read-only=groups]")).ToContainTextAsync("通过组织机构导入或接口");
        await Assertions.Expect(panel.Locator("[data-role-state=designer]")).ToContainTextAsync("未授予");
        await Assertions.Expect(panel.Locator(".roles dt")).ToHaveTextAsync(["系统管理员", "督办", "流程设计"]);
        await Assertions.Expect(panel.Locator(".mud-chip", new() { HasText = "授予" })).ToHaveCountAsync(0);

        await panel.Locator("#position-name").FillAsync("科员");
        await panel.Locator("[data-action=assign-position]").ClickAsync();
        await panel.Locator("[data-position=科员]").WaitForAsync();
        await BrowserPages.ShotAsync(admin, "admin-people");

        await admin.Locator("[data-section=delegations]").ClickAsync();
        await admin.WaitForURLAsync(url => url.EndsWith("/admin/delegations", StringComparison.Ordinal));
        await PickAsync(admin, "admin-delegation-from", "li.xiaoming", "li.xiaoming");
        await PickAsync(admin, "admin-delegation-to", "zhang.min", "zhang.min");
        await admin.FillAsync("#admin-delegation-ends", Day(Today.AddDays(5)));
        await admin.PressAsync("#admin-delegation-ends", "Tab");
        await admin.Locator("[data-action=create-delegation]").ClickAsync();
        await admin.GetByText("委托已设置。").WaitForAsync();
        await PickAsync(admin, "delegations-person", "li.xiaoming", "li.xiaoming");
        var row = admin.Locator("tr[data-delegation]", new() { HasText = "李晓明" });
        await Assertions.Expect(row).ToContainTextAsync("张敏");
        await Assertions.Expect(row).ToContainTextAsync("生效中");
        await BrowserPages.ShotAsync(admin, "admin-delegations");
    }

    /// <summary>Opens the MudBlazor select labelled <paramref name="label"/> inside <paramref name="scope"/> and chooses the option.</summary>
    protected static async Task ChooseAsync(IPage page, string scope, string label, string option)
    {
        await page.Locator($"{scope} .mud-select", new() { HasText = label }).First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = option }).First.ClickAsync();
    }

    /// <summary>Types into an organisation picker and chooses the person whose entry contains <paramref name="entry"/>.</summary>
    protected static async Task PickAsync(IPage page, string inputId, string text, string entry)
    {
        await page.FillAsync($"#{inputId}", text);
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = entry }).First.ClickAsync();
    }
}

public sealed class PostgresAdministrationBrowserTests(BrowserWorld<PostgresTestDatabase> world) : AdministrationBrowserTests<PostgresTestDatabase>(world);

public sealed class SqliteAdministrationBrowserTests(BrowserWorld<SqliteTestDatabase> world) : AdministrationBrowserTests<SqliteTestDatabase>(world)
{
    [BrowserFact]
    public async Task AClerk_GetsTheNotFoundPage_AtEveryAdministrationAddress_AndNoLink()
    {
        var clerk = await World.SignedInAsync("zheng.kai");
        await World.OpenAsync(clerk, "/inbox");
        Assert.Equal(0, await clerk.Locator("nav a[href=admin]").CountAsync());
        await clerk.Locator("nav a[href=me]").WaitForAsync(); // everyone has their own settings
        foreach (var path in new[] { "/admin", "/admin/people", "/admin/incidents" })
        {
            var response = await clerk.GotoAsync(World.Address + path);
            Assert.Equal(404, response?.Status);
            await clerk.GetByRole(AriaRole.Heading, new() { Name = "页面不存在" }).WaitForAsync();
        }
    }

    [BrowserFact]
    public async Task TheAdministrator_SeesEverySection_InEnglishToo()
    {
        var admin = await World.SignedInAsync("zhou.wen", "en-US");
        await World.OpenAsync(admin, "/admin/calendar");
        await admin.GetByRole(AriaRole.Heading, new() { Name = "Working-day calendar" }).WaitForAsync();
        await admin.Locator($"[data-show-year='{Today.Year}']").ClickAsync();
        await admin.Locator($"[data-days='{Today.Year}'] [data-kind=holidays] li").First.WaitForAsync();
        await admin.Locator("[data-section=agencies]").ClickAsync();
        await admin.Locator("[data-agency-detail=sf-office]").WaitForAsync(); // the administrator's own agency first
        await admin.Locator("[data-agency=sf-fin]").ClickAsync();
        await admin.Locator("[data-agency-detail=sf-fin]").GetByText("示范省财政厅 guides 东城市财政局").WaitForAsync();
        foreach (var (section, heading) in new[] { ("departments", "Departments"), ("groups", "Groups"), ("incidents", "Incidents"),
                     ("definitions", "Procedure definitions"), ("jobs", "Background jobs") })
        {
            await admin.Locator($"[data-section={section}]").ClickAsync();
            await admin.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).WaitForAsync();
        }
        await admin.GetByRole(AriaRole.Tab, new() { Name = "Failed" }).WaitForAsync();
    }

    [BrowserFact]
    public async Task AHeadDelegatesAtMe_TheDelegateGetsTheHeadsNewWork_UntilTheHeadEndsIt()
    {
        var head = await World.SignedInAsync("wu.fang");
        await World.OpenAsync(head, "/me");
        await head.GetByRole(AriaRole.Heading, new() { Name = "我的委托" }).WaitForAsync();
        await PickAsync(head, "delegation-to", "张敏", "zhang.min");
        await head.FillAsync("#delegation-ends", Day(Today.AddDays(3)));
        await head.PressAsync("#delegation-ends", "Tab");
        await Assertions.Expect(head.Locator("#delegation-consequence"))
            .ToHaveTextAsync($"自 {Day(Today)} 至 {Day(Today.AddDays(3))}，吴芳的新待办（全部事项）将转给 张敏（zhang.min） 办理。");
        await head.Locator("[data-action=create-delegation]").ClickAsync();
        await head.GetByText("委托已设置。").WaitForAsync();
        var row = head.Locator("tr[data-delegation]", new() { HasText = "张敏" });
        await Assertions.Expect(row).ToContainTextAsync("生效中");
        await BrowserPages.ShotAsync(head, "me");

        await StartLeaveAsync("zheng.kai", "郑凯的请假（委托期间）");
        var delegate_ = await World.SignedInAsync("zhang.min");
        await World.OpenAsync(delegate_, "/inbox");
        await delegate_.Locator("tbody tr", new() { HasText = "郑凯的请假（委托期间）" }).First.WaitForAsync();

        await row.Locator("[data-end]").ClickAsync();
        Assert.Contains("此后新的待办不再转给 张敏", await head.Locator("#confirm-question").InnerTextAsync(), StringComparison.Ordinal);
        await head.Locator("[data-confirm=true]").ClickAsync();
        await head.GetByText("委托已结束。").WaitForAsync();
        await Assertions.Expect(row).ToHaveCountAsync(0);
    }

    /// <summary>Starts 请假 for <paramref name="clerk"/> and submits the application, as the runtime's trusted code.</summary>
    private async Task StartLeaveAsync(string clerk, string title)
    {
        await using var scope = World.Services.CreateAsyncScope();
        var instances = scope.ServiceProvider.GetRequiredService<InstanceService>();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var id = await instances.StartAsync(new StartInstance("leave", null, Title: title, Initiator: clerk, AgencyId: "sf-fin"));
        var apply = await db.Set<TaskRecord>().AsNoTracking().SingleAsync(t => t.InstanceId == id && t.State == TaskStates.Open);
        var day = Today.AddDays(30);
        while (day.DayOfWeek is not DayOfWeek.Wednesday)
            day = day.AddDays(1);
        await instances.CompleteTaskAsync(apply.Id, clerk, new Dictionary<string, Value>
        {
            ["leaveType"] = Value.FromObject("annual"), ["startDate"] = Value.FromObject(Day(day)), ["endDate"] = Value.FromObject(Day(day)),
            ["reason"] = Value.FromObject("家中有事"),
        });
    }
}
