using System.Net.Http.Json;
using System.Text.RegularExpressions;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The inbox in a real browser on the demo province: a section head signs in, finds the leave request waiting for
/// them in 待办 with its deadline, and their own completed steps in 已办; the page is interactive (the tabs switch
/// without a reload) and in English when the browser asks for it.
/// </summary>
public sealed class InboxBrowserTests : IAsyncLifetime
{
    private const string Password = "Demo-Password-2026";
    private const string Token = "inbox-browser-token";
    private readonly SqliteTestDatabase _database = new();
    private G2GWebFactory _factory = null!;
    private string _address = "";

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new G2GWebFactory(_database, new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true", ["Demo:Password"] = Password, ["Runtime:Jobs:Enabled"] = "false", ["Api:Tokens:tester"] = Token,
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        _address = _factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [ChromiumFact]
    public async Task ASectionHead_SeesTheLeaveRequestWaiting_AndTheirDoneWork_InTabs()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumFactAttribute.Flags,
        });
        var page = await SignedInPageAsync(browser, "zh-CN", "wu.fang");

        await page.GotoAsync($"{_address}/inbox");
        await page.GetByRole(AriaRole.Heading, new() { Name = "我的事务" }).WaitForAsync();
        await InteractiveAsync(page);
        var waiting = page.Locator("tr", new() { HasText = "请假申请（1 天）" });
        await waiting.First.WaitForAsync();
        Assert.Contains("处长审批", await waiting.First.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("时限", await waiting.First.InnerTextAsync(), StringComparison.Ordinal); // the deadline in words
        var cells = await waiting.First.Locator("td").AllInnerTextsAsync(); // the procedure by its name, not its process key
        Assert.Contains("请假", cells);
        Assert.DoesNotContain("leave", cells);

        await page.GetByRole(AriaRole.Tab, new() { Name = "已办" }).ClickAsync(); // interactive: no navigation
        await page.Locator("tr", new() { HasText = "办理时间" }).Or(page.GetByText("办理时间")).First.WaitForAsync();
        Assert.EndsWith("/inbox", page.Url, StringComparison.Ordinal);
        await page.Locator("tbody tr", new() { HasText = "请假申请" }).First.WaitForAsync();
        await page.GetByText("每页行数").First.WaitForAsync(); // MudBlazor's own texts in Chinese too
        // the pager's total in Chinese; how many steps the demo's head has done grows with the demo's procedures
        await page.GetByText(new Regex(@"，共 \d+ 条$")).First.WaitForAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), "g2g-inbox.png"), FullPage = true });
    }

    [ChromiumFact]
    public async Task TheInbox_SpeaksEnglish_ToAnEnglishBrowser_AndSendsStrangersToSignIn()
    {
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumFactAttribute.Flags,
        });
        await using (var stranger = await browser.NewContextAsync())
        {
            var anonymous = await stranger.NewPageAsync();
            await anonymous.GotoAsync($"{_address}/inbox");
            Assert.Contains("/signin", anonymous.Url, StringComparison.Ordinal);
        }

        var page = await SignedInPageAsync(browser, "en-US", "zheng.kai");
        await page.GotoAsync($"{_address}/inbox");
        await page.GetByRole(AriaRole.Heading, new() { Name = "My work" }).WaitForAsync();
        await InteractiveAsync(page);
        await page.GetByRole(AriaRole.Tab, new() { Name = "Started by me" }).ClickAsync();
        await page.Locator("tbody tr", new() { HasText = "In progress" }).First.WaitForAsync();
        var leave = page.Locator("tbody tr", new() { HasText = "请假申请" }).First; // the procedure by its English name
        await leave.WaitForAsync();
        Assert.Contains("Leave", await leave.Locator("td").AllInnerTextsAsync());
    }

    [ChromiumFact]
    public async Task ASectionHead_NarrowsTheirToDo_AndClaimsTwoItemsOfferedToSeveralPeopleAtOnce()
    {
        var key = await DeployOfferedAsync();
        using (var api = _factory.CreateClient().WithToken(Token))
        {
            foreach (var title in new[] { "分办事项（甲）", "分办事项（乙）" })
            {
                using var started = await api.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { processKey = key, title });
                await started.IsAsync(System.Net.HttpStatusCode.Created);
            }
        }
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumFactAttribute.ChromiumPath, Headless = true, Args = ChromiumFactAttribute.Flags,
        });
        var page = await SignedInPageAsync(browser, "zh-CN", "wu.fang");
        await page.GotoAsync($"{_address}/inbox");
        await InteractiveAsync(page);
        await page.Locator("tbody tr", new() { HasText = "请假申请（1 天）" }).First.WaitForAsync();

        // Words narrow 待办 to the two offered items; the page says they can be claimed together.
        await page.Locator("input[data-filter=text], [data-filter=text] input").First.FillAsync("分办事项");
        var rows = page.Locator("tbody tr");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Contains("分办事项", row, StringComparison.Ordinal));
        var boxes = page.Locator("[data-claim] input, input[data-claim]");
        await Assertions.Expect(boxes).ToHaveCountAsync(2);
        await boxes.Nth(0).CheckAsync();
        await boxes.Nth(1).CheckAsync();
        await page.Locator("[data-claim-selected]").ClickAsync();
        await page.GetByText("已认领 2 项").WaitForAsync();
        await Assertions.Expect(boxes).ToHaveCountAsync(0); // both are wu.fang's alone now, still in 待办
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await using (var db = _database.CreateContext())
        {
            var holders = await db.Set<G2G.Runtime.Persistence.TaskRecord>().Where(t => t.ProcessKey == key).Select(t => t.Assignee).ToListAsync();
            Assert.Equal(["wu.fang", "wu.fang"], holders);
        }

        // Clearing the words and choosing a procedure shows that procedure's items only.
        await page.Locator("[data-filter=clear]").ClickAsync();
        await page.Locator("[data-filter=procedure]").First.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("会议申请", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(rows.First).ToContainTextAsync("会议申请");
        Assert.All(await rows.AllInnerTextsAsync(), row => Assert.Contains("会议申请", row, StringComparison.Ordinal));
    }

    /// <summary>A one-step procedure offered to the section head and a clerk (two candidates, no assignee); returns its key.</summary>
    private async Task<string> DeployOfferedAsync()
    {
        var key = $"offered{Guid.NewGuid():N}"[..16];
        using var api = _factory.CreateClient().WithToken(Token);
        using var content = new StringContent($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="{key}" name="分办" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="handle" />
                <bpmn:userTask id="handle" name="办理" g2g:assignee="users(['wu.fang', 'zheng.kai'])" />
                <bpmn:sequenceFlow id="f2" sourceRef="handle" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, System.Text.Encoding.UTF8, "application/xml");
        using var deployed = await api.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), content);
        await deployed.IsAsync(System.Net.HttpStatusCode.OK);
        return key;
    }

    /// <summary>Waits until the page's circuit is connected, so that clicks reach the server.</summary>
    private static Task InteractiveAsync(IPage page) =>
        page.Locator("[data-interactive=true]").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    private async Task<IPage> SignedInPageAsync(IBrowser browser, string language, string user)
    {
        var context = await browser.NewContextAsync(new()
        {
            Locale = language, ExtraHTTPHeaders = new Dictionary<string, string> { ["Accept-Language"] = language },
        });
        var page = await context.NewPageAsync();
        await BrowserPages.SignInAsync(page, _address, user, Password);
        return page;
    }
}
