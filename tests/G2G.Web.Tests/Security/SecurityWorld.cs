using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Tests.Security;

/// <summary>
/// A small province on a real host: 广东省人民政府 (gd) with two bureaus, 财政厅 (gd-fin) and 教育厅 (gd-edu), and people
/// in each with different roles and clearances, each signed in with their own session cookie and CSRF token.
/// A procedure whose first step goes to 财政厅's division chief (then to the administrator to sign) is deployed by the administrator.
/// </summary>
public sealed class SecurityWorld<TDatabase> : IAsyncLifetime where TDatabase : TestDatabase, new()
{
    public const string Password = "Guangdong-2026!";

    /// <summary>财政厅 clerk, 内部 clearance: starts 非密 requests.</summary>
    public const string FinClerk = "fin.clerk";

    /// <summary>财政厅 division chief, 秘密 clearance: handles the step.</summary>
    public const string FinChief = "fin.chief";

    /// <summary>教育厅 clerk with the highest clearance: another agency all the same.</summary>
    public const string EduClerk = "edu.clerk";

    /// <summary>Supervisor at the provincial government, 秘密: sees the bureaus below.</summary>
    public const string Supervisor = "gd.supervisor";

    /// <summary>Administrator, 绝密.</summary>
    public const string Admin = "admin";

    /// <summary>Bearer token of the system 'archive', listed in Api:StartOnBehalf.</summary>
    public const string ArchiveToken = "archive-secret-2026";

    /// <summary>Bearer token of the system 'crm', not listed.</summary>
    public const string CrmToken = "crm-secret-2026";

    private readonly Dictionary<string, SignedIn> _sessions = [];

    public TDatabase Database { get; } = new();

    public G2GWebFactory Factory { get; private set; } = null!;

    public string ProcessKey { get; } = $"review{Guid.NewGuid():N}"[..20];

    /// <summary>The host's clock: stands still at the time the world was made unless a test moves it.</summary>
    public ManualClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        // Sign-in limits raised so the matrix can sign everyone in.
        // Two system tokens: 'archive' may start on behalf of people, 'crm' may not.
        Factory = new G2GWebFactory(Database, new Dictionary<string, string?>
        {
            ["Security:SignIn:PermitsPerMinute"] = "1000", ["Runtime:Jobs:Enabled"] = "false",
            ["Api:Tokens:archive"] = ArchiveToken, ["Api:Tokens:crm"] = CrmToken, ["Api:StartOnBehalf"] = "archive",
        }, Clock);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            await org.CreateAgencyAsync(new NewAgency("gd", "广东省人民政府", Kind: AgencyKind.Government), "setup");
            await org.CreateAgencyAsync(new NewAgency("gd-fin", "广东省财政厅", "gd", "粤财"), "setup");
            await org.CreateAgencyAsync(new NewAgency("gd-edu", "广东省教育厅", "gd", "粤教"), "setup");
            await org.CreateDepartmentAsync(new NewDepartment("gd-fin-budget", "gd-fin", "预算处"), "setup");
            await org.CreateUserAsync(new NewUser(FinClerk, "李科员", "gd-fin-budget", Clearance: ClearanceLevel.Internal, Password: Password), "setup");
            await org.CreateUserAsync(new NewUser(FinChief, "王处长", "gd-fin-budget", Clearance: ClearanceLevel.Secret, Password: Password), "setup");
            await org.CreateUserAsync(new NewUser(EduClerk, "赵科员", AgencyId: "gd-edu", Clearance: ClearanceLevel.TopSecret, Password: Password), "setup");
            await org.CreateUserAsync(new NewUser(Supervisor, "陈督查", AgencyId: "gd", Clearance: ClearanceLevel.Secret, Password: Password), "setup");
            await org.CreateUserAsync(new NewUser(Admin, "系统管理员", AgencyId: "gd", Clearance: ClearanceLevel.TopSecret, Password: Password), "setup");
            await org.GrantRoleAsync(Supervisor, "supervisor", "setup");
            await org.GrantRoleAsync(Admin, "administrator", "setup");
        }
        var admin = await SessionAsync(Admin);
        using var content = new StringContent(Bpmn(ProcessKey), Encoding.UTF8, "application/xml");
        using var deployed = await admin.PostAsync("/api/v1/definitions?name=review.bpmn", content);
        Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions.Values)
            session.Dispose();
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>A client signed in as the user (one per user, kept for the class).</summary>
    public async Task<SignedIn> SessionAsync(string userId)
    {
        if (_sessions.TryGetValue(userId, out var session))
            return session;
        session = await SignedIn.SignInAsync(Factory, userId, Password);
        _sessions[userId] = session;
        return session;
    }

    /// <summary>Starts an instance as <paramref name="userId"/>; returns the instance id and its open task id.</summary>
    public async Task<(long Instance, long Task)> StartAsync(string userId, ClearanceLevel classification = ClearanceLevel.Unclassified)
    {
        var client = await SessionAsync(userId);
        using var started = await client.PostAsJsonAsync("/api/v1/instances",
            new { processKey = ProcessKey, title = "关于追加2027年预算的请示", classification = classification.ToString() });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instance = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var admin = await SessionAsync(Admin);
        var tasks = await admin.Client.GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/tasks");
        return (instance, tasks.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    /// <summary>Creates a user of 财政厅's 预算处 (or of <paramref name="department"/>) who can sign in.</summary>
    public async Task CreateUserAsync(string id, ClearanceLevel clearance, string? role = null, string department = "gd-fin-budget")
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
        await org.CreateUserAsync(new NewUser(id, id, department, Clearance: clearance, Password: Password), "setup");
        if (role is not null)
            await org.GrantRoleAsync(id, role, "setup");
    }

    /// <summary>How many refusals of the user the audit log's access chain holds.</summary>
    public async Task<int> AccessRefusalsAsync(string user)
    {
        await using var db = Database.CreateContext();
        return await db.Set<AuditRecord>().CountAsync(a => a.Chain == AuditLog.AccessChain && a.Actor == user);
    }

    private static string Bpmn(string key) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="{key}" name="预算请示" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
            <bpmn:userTask id="review" name="处长审核" g2g:assignee="user('{FinChief}')" g2g:operations="transfer,delegate,copy,urge,withdraw,addSigner" />
            <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="sign" />
            <bpmn:userTask id="sign" name="领导签发" g2g:assignee="user('{Admin}')" />
            <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;
}

/// <summary>A client with a session cookie that sends its CSRF token on every request, as the UI does.</summary>
public sealed class SignedIn(HttpClient client, string userId) : IDisposable
{
    public HttpClient Client => client;

    public string UserId => userId;

    public static async Task<SignedIn> SignInAsync(WebApplicationFactory<Program> factory, string userId, string password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var response = await client.PostAsJsonAsync("/api/v1/session", new { userName = userId, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.GetProperty("csrfToken").GetString());
        return new SignedIn(client, userId);
    }

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent? content = null) => client.PostAsync(new Uri(path, UriKind.Relative), content);

    public Task<HttpResponseMessage> PostAsJsonAsync<T>(string path, T body) => client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    public Task<HttpResponseMessage> GetAsync(string path) => client.GetAsync(new Uri(path, UriKind.Relative));

    public Task<T?> GetFromJsonAsync<T>(string path) => client.GetFromJsonAsync<T>(new Uri(path, UriKind.Relative));

    public Task<HttpResponseMessage> PatchAsJsonAsync<T>(string path, T body) => client.PatchAsJsonAsync(new Uri(path, UriKind.Relative), body);

    public Task<HttpResponseMessage> PutAsJsonAsync<T>(string path, T body) => client.PutAsJsonAsync(new Uri(path, UriKind.Relative), body);

    public Task<HttpResponseMessage> DeleteAsync(string path) => client.DeleteAsync(new Uri(path, UriKind.Relative));

    public void Dispose() => client.Dispose();
}
