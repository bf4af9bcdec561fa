using System.Net;
using System.Text.RegularExpressions;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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
        Assert.Equal(38, await db.Users.CountAsync());
        var roles = await db.UserRoles.OrderBy(r => r.UserId).Select(r => r.UserId + ":" + r.RoleId).ToListAsync();
        Assert.Equal(["qian.dong:supervisor", "wang.jianguo:supervisor", "zhou.wen:administrator"], roles);
    }

    [Fact]
    public void JobsSwitchedOffByTheTestHost_StartNoBackgroundWork()
    {
        // Runtime:Jobs:Enabled=false reaches the configuration only when the host is built (dotnet/aspnetcore#37680);
        // the runtime reads it when the host starts, so the demo's jobs wait instead of running behind the test's back.
        var hosted = _factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().ToList();
        Assert.DoesNotContain(hosted, s => s is G2G.Runtime.Jobs.JobExecutor or G2G.Runtime.Notifications.OutboxDispatcher or G2G.Runtime.Jobs.PeriodicSweep);
    }

    [Fact]
    public async Task TheFirstStart_SeedsWorkInEveryState_AndASecondStartAddsNothing()
    {
        var before = await WorkAsync();
        Assert.Equal(10, before.Instances);
        Assert.Equal((6, 2), (before.Trips, before.Claims));
        // 请假: one rejected, two reported back; 差旅报销: one paid; 会议申请: one; 公文: one dispatched; 办公用品: one issued;
        // 培训报名: two seats and one on the waiting list; 业绩评价: one decided; 采购: one paid; 政策法规发布: one published. (An
        // approved 出差申请 ends at its daily check once its claim is paid: a job, and jobs do not run here.)
        Assert.Equal("leave 3, reimbursement 1, meeting 1, document-issue 1, supplies 1, training 3, appraisal 1, purchase 1, regulation 1",
            before.Completed);
        Assert.Equal(3, before.Documents); // dispatched, awaiting signature, in 核稿
        Assert.True(before.Overdue >= 3, $"{before.Overdue} overdue open tasks");
        Assert.Equal(3, before.WaitingAfterSendBack); // a leave, a trip and a meeting
        Assert.Equal(152, before.Balances); // 38 users × (年休假, 事假) × (this year, next)
        Assert.Equal("appraisal 3, purchase 4, records-request 2, regulation 3, supplies 3, training 4, vehicle 3", before.Office);
        Assert.Equal("appraisal/self zheng.kai, appraisal/head zhang.min, purchase/head wu.fang, purchase/deputy sun.li, "
            + "purchase/collective liu.cai, records-request/archive lu.dang, records-request/expire -, regulation/legal tian.lv, "
            + "regulation/countersign huang.qiang, supplies/head wu.fang, supplies/handOut zhang.min, training/head wu.fang, vehicle/dispatch zhang.min, "
            + "vehicle/tripReturn zhang.min, vehicle/head zhang.min", before.OfficeInboxes);
        Assert.Equal("enrolled 2, waiting 1, stock of TONER 3, granted 1, excellent 1, paid 1, rules 1", before.OfficeData);

        await using (var again = new G2GWebFactory(_database, new Dictionary<string, string?>
                     {
                         ["Demo:Seed"] = "true", ["Demo:Password"] = Password, ["Runtime:Jobs:Enabled"] = "false",
                     }))
            again.StartServer();

        Assert.Equal(before, await WorkAsync());
    }

    private static readonly string[] OfficeProcedures = ["appraisal", "purchase", "records-request", "regulation", "supplies", "training", "vehicle"];

    private async Task<(int Instances, int Trips, int Claims, string Completed, int Overdue, int WaitingAfterSendBack, int Balances, int Documents,
        string Office, string OfficeInboxes, string OfficeData)> WorkAsync()
    {
        await using var db = _database.CreateContext();
        var now = DateTimeOffset.UtcNow;
        var instances = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "leave");
        var trips = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "travel");
        var claims = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "reimbursement");
        var completed = string.Join(", ", (await db.Set<ProcessInstanceRecord>().Where(i => i.Status == G2G.Runtime.Instances.InstanceStatus.Completed && i.ProcessKey != "travel")
            .OrderBy(i => i.Id).Select(i => i.ProcessKey).ToListAsync()).GroupBy(k => k).Select(g => $"{g.Key} {g.Count()}"));
        var open = await db.Set<TaskRecord>().Where(t => t.State == G2G.Runtime.Instances.TaskStates.Open).ToListAsync();
        var sentBack = open.Count(t => t.ElementId == "apply"); // only a request sent back waits at its first step
        await using var office = new G2G.Office.Persistence.OfficeDbContext(
            new DbContextOptionsBuilder<G2G.Office.Persistence.OfficeDbContext>().UseSqlite(_database.Settings.ProviderConnectionString).Options);
        var documents = await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == "document-issue");
        var procedures = await db.Set<ProcessInstanceRecord>().Where(i => OfficeProcedures.Contains(i.ProcessKey))
            .GroupBy(i => i.ProcessKey).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        var running = await db.Set<ProcessInstanceRecord>().Where(i => OfficeProcedures.Contains(i.ProcessKey) && i.Status == "running")
            .OrderBy(i => i.ProcessKey).ThenBy(i => i.Id).Select(i => new { i.Id, i.ProcessKey }).ToListAsync();
        var inboxes = running.Select(i => open.FirstOrDefault(t => t.InstanceId == i.Id) is { } t
            ? $"{i.ProcessKey}/{t.ElementId} {t.Assignee}" : $"{i.ProcessKey}/expire -"); // a grant waits on its timer
        var registrations = await office.Set<G2G.Office.Training.TrainingRegistrationRecord>().ToListAsync();
        var toner = await office.Set<G2G.Office.Supplies.SupplyItemRecord>().SingleAsync(i => i.AgencyId == "sf-fin" && i.Code == "TONER");
        var granted = await office.RecordsRequests.CountAsync(r => r.State == "granted");
        var excellent = await office.Set<G2G.Office.Appraisal.AppraisalRecord>().CountAsync(a => a.Grade == "excellent");
        var data = $"enrolled {registrations.Count(r => r.State == "enrolled")}, waiting {registrations.Count(r => r.State == "waiting")}, "
            + $"stock of TONER {toner.InStock}, granted {granted}, excellent {excellent}, "
            + $"paid {await office.Purchases.CountAsync(p => p.State == "paid")}, rules {await office.Regulations.CountAsync()}";
        return (instances, trips, claims, completed, open.Count(t => t.DueAt < now), sentBack, await office.LeaveBalances.CountAsync(), documents,
            string.Join(", ", procedures.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} {p.Count}")), string.Join(", ", inboxes), data);
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
    public async Task TheLibraryOfRules_FindsTheDemosPublishedRule_ShowsItsText_AndRefusesATooLongSearchInWords()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        using var signedIn = await PostFormAsync(client, "zheng.kai", Password);
        await using var office = new G2G.Office.Persistence.OfficeDbContext(
            new DbContextOptionsBuilder<G2G.Office.Persistence.OfficeDbContext>().UseSqlite(_database.Settings.ProviderConnectionString).Options);
        var rule = await office.Regulations.SingleAsync();

        var found = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/regulations?q=内部控制", UriKind.Relative)));
        var none = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/regulations?q=不存在的词", UriKind.Relative)));
        var shown = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri($"/regulations/{rule.Id}", UriKind.Relative)));
        var tooLong = WebUtility.HtmlDecode(await client.GetStringAsync(new Uri("/regulations?q=" + new string('词', 101), UriKind.Relative)));

        Assert.Contains("示财预〔2026〕5号", found, StringComparison.Ordinal);
        Assert.Contains($"data-rule=\"{rule.Id}\"", found, StringComparison.Ordinal);
        Assert.Contains("没有符合条件的政策法规", none, StringComparison.Ordinal);
        Assert.Contains("第一条 为规范相关工作", shown, StringComparison.Ordinal);
        Assert.Contains("现行有效", shown, StringComparison.Ordinal);
        Assert.Contains("检索词不超过100字", tooLong, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"no-rules\"", tooLong, StringComparison.Ordinal);
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
