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
/// a delegation for them. On SQLite also: a clerk gets the not-found page at /admin and no link to it; a section head sets
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
    public async Task AHeadDelegatesAtMe_TheDelegateGetsTheHeadsNewWork_UntilTheHeadEndsIt()
    {
        var head = await World.SignedInAsync("wu.fang");
        await World.OpenAsync(head, "/me");
        await head.GetByRole(AriaRole.Heading, new() { Name = "我的委托" }).WaitForAsync();
        await PickAsync(head, "delegation-to", "张敏", "zhang.min");
        await head.FillAsync("#delegation-ends", Day(Today.AddDays(3)));
        await head.PressAsync("#delegation-ends", "Tab");
        Assert.Equal($"自 {Day(Today)} 至 {Day(Today.AddDays(3))}，吴芳的新待办（全部事项）将转给 张敏（zhang.min） 办理。",
            (await head.Locator("#delegation-consequence").InnerTextAsync()).Trim());
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
