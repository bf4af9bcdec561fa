using System.Net;
using System.Text.RegularExpressions;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The sign-in page on a host that seeded the demo province at its first start: the form carries an antiforgery
/// token, a wrong password comes back with the reason, the right one signs in and the masthead names the person.
/// </summary>
public sealed partial class SignInPageTests : IAsyncLifetime
{
    private const string Password = "Demo-Password-2026";
    private readonly SqliteTestDatabase _database = new();
    private G2GWebFactory _factory = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _factory = new G2GWebFactory(_database, new Dictionary<string, string?>
        {
            ["Demo:Seed"] = "true", ["Demo:Password"] = Password, ["Runtime:Jobs:Enabled"] = "false",
        });
        _factory.StartServer();
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task TheFirstStart_SeedsTheDemoProvince_WithItsAdministratorAndSupervisors()
    {
        await using var db = _database.CreateContext();
        Assert.Equal(29, await db.Users.CountAsync());
        var roles = await db.UserRoles.OrderBy(r => r.UserId).Select(r => r.UserId + ":" + r.RoleId).ToListAsync();
        Assert.Equal(["qian.dong:supervisor", "wang.jianguo:supervisor", "zhou.wen:administrator"], roles);
    }

    [Fact]
    public async Task TheFirstStart_SeedsWorkInEveryState_AndASecondStartAddsNothing()
    {
        var before = await WorkAsync();
        Assert.Equal(10, before.Instances);
        Assert.Equal((6, 2), (before.Trips, before.Claims));
        Assert.Equal(8, before.Completed); // 请假: one rejected, two reported back; 出差: two approved, one claim paid; 会议申请: one; 公文: one dispatched
        Assert.Equal(3, before.Documents); // dispatched, awaiting signature, in 核稿
        Assert.True(before.Overdue >= 3, $"{before.Overdue} overdue open tasks");
        Assert.Equal(3, before.WaitingAfterSendBack); // a leave, a trip and a meeting
        Assert.Equal(116, before.Balances); // 29 users × (年休假, 事假) × (this year, next)

        await using (var again = new G2GWebFactory(_database, new Dictionary<string, string?>
                     {
                         ["Demo:Seed"] = "true", ["Demo:Password"] = Password, ["Runtime:Jobs:Enabled"] = "false",
                     }))
            again.StartServer();

        Assert.Equal(before, await WorkAsync());
    }

    private async Task<(int Instances, int Trips, int Claims, int Completed, int Overdue, int WaitingAfterSendBack, int Balances, int Documents)> WorkAsync()
    {
        await using var db = _database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var instances = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "leave");
        var trips = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "travel");
        var claims = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "reimbursement");
        var completed = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.Status == G2G.Runtime.Instances.InstanceStatus.Completed);
        var open = await db.Set<TaskRecord>().Where(t => t.State == G2G.Runtime.Instances.TaskStates.Open).ToListAsync();
        var sentBack = open.Count(t => t.ElementId == "apply"); // only a request sent back waits at its first step
        await using var office = new G2G.Office.Persistence.OfficeDbContext(
            new DbContextOptionsBuilder<G2G.Office.Persistence.OfficeDbContext>().UseSqlite(_database.Settings.ProviderConnectionString).Options);
        var documents = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "document-issue");
        return (instances, trips, claims, completed, open.Count(t => t.DueAt < now), sentBack, await office.LeaveBalances.CountAsync(), documents);
    }

    [Fact]
    public async Task AWrongPassword_ReturnsToTheForm_WithTheReason_AndTheRightOneSignsIn()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");

        using var wrong = await PostFormAsync(client, "zhou.wen", "not-the-password");
        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Equal("/signin?error=invalid", wrong.Headers.Location?.OriginalString);
        var page = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/signin?error=invalid", UriKind.Relative)));
        Assert.Contains("用户名或密码错误", page, StringComparison.Ordinal);

        using var right = await PostFormAsync(client, "zhou.wen", Password, returnUrl: "/?from=signin");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/?from=signin", right.Headers.Location?.OriginalString);
        var home = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/", UriKind.Relative)));
        Assert.Contains("当前用户：周文", home, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormPostWithoutTheAntiforgeryToken_IsRefused_AndAnOffSiteReturnUrlIsNotFollowed()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        using var forged = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "zhou.wen", ["password"] = Password });
        using var refused = await client.PostAsync(new Uri("/account/signin", UriKind.Relative), forged);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        using var offSite = await PostFormAsync(client, "zhou.wen", Password, returnUrl: "//evil.example/");
        Assert.Equal("/", offSite.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task AReturnUrlWithControlCharacters_IsNotFollowed_AndIsNoServerError()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

        using var wrong = await PostFormAsync(client, "zhou.wen", "not-the-password", returnUrl: "/inbox\r\nX: y");
        using var right = await PostFormAsync(client, "zhou.wen", Password, returnUrl: "/\u0007home");

        Assert.Equal(HttpStatusCode.Redirect, wrong.StatusCode);
        Assert.Equal("/signin?error=invalid", wrong.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal("/", right.Headers.Location?.OriginalString);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var form = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        var token = TokenPattern().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["userName"] = userName, ["password"] = password, ["returnUrl"] = returnUrl ?? "",
        });
        return await client.PostAsync(new Uri("/account/signin", UriKind.Relative), content);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
