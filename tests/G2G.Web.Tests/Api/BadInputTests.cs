using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace G2G.Web.Tests.Api;

/// <summary>
/// Input the API must refuse: every answer under /api is problem+json with a stable code and a 4xx status, never a
/// 500 and never a page, and nothing refused is stored.
/// </summary>
public abstract partial class BadInputTests<TDatabase>(TDatabase database, ITestOutputHelper output) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Token = "bad-input-token";
    private const string Password = "Bad-Input-2026!";
    private readonly SystemApiHost _host = new(database, Token);
    private SignedIn _clerk = null!;

    public async Task InitializeAsync()
    {
        var clerk = $"clerk{Guid.NewGuid():N}"[..12];
        await using (var scope = _host.Factory.Services.CreateAsyncScope())
        {
            var org = scope.ServiceProvider.GetRequiredService<OrganisationService>();
            var agency = $"a{Guid.NewGuid():N}"[..10];
            await org.CreateAgencyAsync(new NewAgency(agency, "测试厅"), "setup");
            await org.CreateUserAsync(new NewUser(clerk, "科员", AgencyId: agency, Clearance: ClearanceLevel.Secret, Password: Password), "setup");
        }
        _clerk = await SignedIn.SignInAsync(_host.Factory, clerk, Password);
    }

    public async Task DisposeAsync()
    {
        _clerk.Dispose();
        await _host.DisposeAsync();
    }

    private async Task<string> DeployAsync()
    {
        var key = $"p{Guid.NewGuid():N}";
        using var content = new StringContent($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="{key}" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="draft" />
                <bpmn:userTask id="draft" name="拟稿" g2g:assignee="initiator()" />
                <bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, Encoding.UTF8, "application/xml");
        using var response = await _host.Client.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), content);
        await response.IsAsync(HttpStatusCode.OK);
        return key;
    }

    private async Task<int> InstancesAsync(string key)
    {
        await using var db = database.CreateContext();
        return await db.Set<ProcessInstanceRecord>().CountAsync(i => i.ProcessKey == key);
    }

    [DatabaseFact]
    public async Task ClassificationClearanceAndKindOutOfRange_Are400OnTheField_AndNothingIsStored()
    {
        var key = await DeployAsync();
        foreach (var value in new object[] { 5, 9, 99, -1, int.MaxValue, "Bogus" })
        {
            using var start = await _clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = key, classification = value });
            var problem = await start.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
            Assert.True(problem.GetProperty("errors").TryGetProperty("classification", out _), $"{value}: {problem}");

            var id = $"u{Guid.NewGuid():N}"[..12];
            using var user = await _host.Client.PostAsJsonAsync(new Uri("/api/v1/organisation/users", UriKind.Relative),
                new { id, displayName = "某人", agencyId = "nowhere", clearance = value });
            Assert.True((await user.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("clearance", out _));

            using var agency = await _host.Client.PostAsJsonAsync(new Uri("/api/v1/organisation/agencies", UriKind.Relative), new { id, name = "某厅", kind = value });
            Assert.True((await agency.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("kind", out _));
            await using var db = database.CreateContext();
            Assert.False(await db.Users.AnyAsync(u => u.Id == id));
            Assert.False(await db.Set<AgencyRecord>().AnyAsync(a => a.Id == id));
        }
        Assert.Equal(0, await InstancesAsync(key));
    }

    [DatabaseFact]
    public async Task ADueSoonWindowATimeSpanCannotHold_Is400()
    {
        foreach (var hours in new[] { "1e308", "99999999999", "-1", "NaN" })
        {
            foreach (var report in new[] { "overdue", "aging" })
            {
                using var response = await _host.Client.GetAsync(new Uri($"/api/v1/supervision/{report}?dueSoonHours={hours}", UriKind.Relative));
                var problem = await response.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
                Assert.True(problem.GetProperty("errors").TryGetProperty("dueSoonHours", out _));
            }
        }
    }

    [DatabaseFact]
    public async Task PathsNoOperationMatches_AreProblemJson404_WithASessionCookieToo()
    {
        foreach (var path in new[] { "/api/v1/nothing", "/api/v1/tasks/abc", "/api/v1/instances/abc", "/api/v1/tasks/99999999999999999999", "/api/other" })
        {
            using var withCookie = await _clerk.GetAsync(path);
            using var withToken = await _host.Client.GetAsync(new Uri(path, UriKind.Relative));
            await withCookie.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
            await withToken.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        }
        foreach (var verb in new[] { HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch })
        {
            foreach (var path in new[] { "/api/v1/nothing", "/api/v1/nothing/else", "/api/v1/tasks/abc", "/api/other" })
            {
                using var request = new HttpRequestMessage(verb, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(new { }) };
                using var response = await _host.Client.SendAsync(request);
                await response.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
            }
        }
        using var method = await _clerk.DeleteAsync("/api/v1/inbox/counts");
        await method.IsProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        using var anonymous = _host.Factory.CreateClient();
        using var unauthenticated = await anonymous.GetAsync(new Uri("/api/v1/tasks", UriKind.Relative));
        await unauthenticated.IsProblemAsync(HttpStatusCode.Unauthorized, "unauthenticated");
    }

    [DatabaseFact]
    public async Task BodiesTheApiCannotRead_AreProblemJson_AndStartNothing()
    {
        var key = await DeployAsync();
        var json = $$"""{"processKey":"{{key}}"}""";

        using var form = new FormUrlEncodedContent(new Dictionary<string, string> { ["processKey"] = key });
        using var formPost = await _clerk.PostAsync("/api/v1/instances", form);
        await formPost.IsProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var plain = await _clerk.PostAsync("/api/v1/instances", new StringContent(json, Encoding.UTF8, "text/plain"));
        await plain.IsProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var charset = new StringContent(json);
        charset.Headers.TryAddWithoutValidation("Content-Type", "application/json; charset=");
        using var badCharset = await _clerk.PostAsync("/api/v1/instances", charset);
        await badCharset.IsProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        using var malformed = await _clerk.PostAsync("/api/v1/instances", new StringContent("{\"processKey\":", Encoding.UTF8, "application/json"));
        Assert.True((await malformed.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("processKey", out _));
        var huge = new string('x', 2 * 1024 * 1024);
        using var tooLarge = await _clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = key, variables = new { huge } });
        await tooLarge.IsProblemAsync(HttpStatusCode.RequestEntityTooLarge, "too-large");

        Assert.Equal(0, await InstancesAsync(key));
    }

    [DatabaseFact]
    public async Task UnknownFields_Are400NamingTheField_AndStartNothing()
    {
        var key = await DeployAsync();
        // A misspelt field and a field of another endpoint: dropping them silently would look like success.
        foreach (var (field, body) in new (string, string)[]
                 {
                     ("titel", $$"""{"processKey":"{{key}}","titel":"关于预算的请示"}"""),
                     ("comment", $$"""{"processKey":"{{key}}","comment":"同意"}"""),
                     ("__proto__", $$$"""{"processKey":"{{{key}}}","__proto__":{"admin":true}}"""),
                 })
        {
            using var response = await _clerk.PostAsync("/api/v1/instances", new StringContent(body, Encoding.UTF8, "application/json"));
            var errors = (await response.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
            Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
            Assert.Equal("此请求没有该字段。", errors.GetProperty(field)[0].GetString());
        }
        Assert.Equal(0, await InstancesAsync(key));

        // Variables are free-form: any name there is a variable, not an unknown field. Field names still ignore case.
        using var known = await _clerk.PostAsync("/api/v1/instances", new StringContent(
            $$$"""{"ProcessKey":"{{{key}}}","variables":{"titel":"x","comment":1}}""", Encoding.UTF8, "application/json"));
        await known.IsAsync(HttpStatusCode.Created);
    }

    [DatabaseFact]
    public async Task TextsAndVariablesBeyondTheLimits_AreRefusedPerField_AndNotStored()
    {
        var key = await DeployAsync();
        var refused = new (string Field, object Body)[]
        {
            ("title", new { processKey = key, title = new string('长', 100_000) }),
            ("businessKey", new { processKey = key, businessKey = new string('k', 10_000) }),
            ("title", new { processKey = key, title = "关于\0预算的请示" }),
            ("variables", new { processKey = key, variables = new { scan = new string('x', 100_000) } }),
        };
        foreach (var (field, body) in refused)
        {
            using var response = await _clerk.PostAsJsonAsync("/api/v1/instances", body);
            var errors = (await response.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors");
            Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name));
        }
        Assert.Equal(0, await InstancesAsync(key));

        using var withinLimits = await _clerk.PostAsJsonAsync("/api/v1/instances",
            new { processKey = key, title = new string('长', 200), businessKey = "2026-001", variables = new { note = "多行\n说明" } });
        await withinLimits.IsAsync(HttpStatusCode.Created);
    }

    [DatabaseFact]
    public async Task APagePastTheEnd_IsEmptyWithItsNumber_AndAPageBelowOne_Is400()
    {
        var key = await DeployAsync();
        using (await _clerk.PostAsJsonAsync("/api/v1/instances", new { processKey = key }))
        {
        }

        var first = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/tasks?processKey={key}", UriKind.Relative));
        var far = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/tasks?processKey={key}&page=50000000", UriKind.Relative));
        using var zero = await _host.Client.GetAsync(new Uri("/api/v1/tasks?page=0", UriKind.Relative));
        using var noSize = await _clerk.GetAsync("/api/v1/inbox/todo?pageSize=-5");

        Assert.Equal(1, first.GetProperty("items").GetArrayLength());
        Assert.Equal(0, far.GetProperty("items").GetArrayLength());
        Assert.Equal(50000000, far.GetProperty("pageNumber").GetInt32());
        Assert.Equal(1, far.GetProperty("total").GetInt32());
        await zero.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        await noSize.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [DatabaseFact]
    public async Task AnUnknownParent_Is404_AndAnUnknownFilterValue_Is400()
    {
        using var versions = await _host.Client.GetAsync(new Uri("/api/v1/definitions/nope/versions", UriKind.Relative));
        using var tasks = await _host.Client.GetAsync(new Uri("/api/v1/instances/987654321/tasks", UriKind.Relative));
        using var state = await _host.Client.GetAsync(new Uri("/api/v1/tasks?state=bogus", UriKind.Relative));

        await versions.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        await tasks.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        Assert.True((await state.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("state", out _));
    }

    [DatabaseFact]
    public async Task ProblemTexts_FollowAcceptLanguage_AndCodesDoNot()
    {
        async Task<JsonElement> AskAsync(string language, string path)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.AcceptLanguage.ParseAdd(language);
            using var response = await _host.Client.SendAsync(request);
            return await response.IsProblemAsync(HttpStatusCode.BadRequest, "validation");
        }

        var chinese = await AskAsync("zh-CN", "/api/v1/tasks?state=bogus");
        var english = await AskAsync("en", "/api/v1/tasks?state=bogus");

        Assert.Equal("请求中有无效字段。", chinese.GetProperty("title").GetString());
        Assert.Equal("The request has invalid fields.", english.GetProperty("title").GetString());
        Assert.Equal("“bogus”不是以下值之一：open, completed, cancelled。", chinese.GetProperty("errors").GetProperty("state")[0].GetString());
        Assert.Equal("'bogus' is not one of open, completed, cancelled.", english.GetProperty("errors").GetProperty("state")[0].GetString());
    }
}

public sealed class SqliteBadInputTests(SqliteTestDatabase database, ITestOutputHelper output) : BadInputTests<SqliteTestDatabase>(database, output);

public sealed class PostgresBadInputTests(PostgresTestDatabase database, ITestOutputHelper output) : BadInputTests<PostgresTestDatabase>(database, output);
