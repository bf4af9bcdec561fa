using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace G2G.Web.Tests.Api;

/// <summary>The REST API through the real host on every provider: the happy path and every refusal as problem+json.</summary>
public abstract class ApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Token = "test-token-变更";
    private readonly SystemApiHost _host = new(database, Token);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private static string Process(string key) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="{key}" name="请示审批" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="draft" />
            <bpmn:userTask id="draft" name="拟稿" g2g:assignee="initiator()" />
            <bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="sign" />
            <bpmn:userTask id="sign" name="签发" g2g:assignee="user('leader')" g2g:operations="sendBack" />
            <bpmn:sequenceFlow id="f3" sourceRef="sign" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<string> DeployAsync()
    {
        var key = $"p{Guid.NewGuid():N}";
        using var content = new StringContent(Process(key), Encoding.UTF8, "application/xml");
        using var response = await _host.Client.PostAsync(new Uri("/api/v1/definitions?name=request.bpmn", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return key;
    }

    private async Task<JsonElement> StartAsync(string key)
    {
        using var response = await _host.Client.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { processKey = key, title = "关于2027年预算的请示", variables = new { amount = 12000 } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task<JsonElement> OpenTaskAsync(long instanceId) =>
        (await _host.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/instances/{instanceId}/tasks", UriKind.Relative)))
            .GetProperty("items").EnumerateArray().Single(t => t.GetProperty("state").GetString() == "open");

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    [DatabaseFact]
    public async Task WithoutAToken_TheApiAnswers401_ButTheOpenApiDocumentIsPublic()
    {
        using var anonymous = _host.Factory.CreateClient();

        using var refused = await anonymous.GetAsync(new Uri("/api/v1/definitions", UriKind.Relative));
        var document = await anonymous.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/openapi.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/tasks/{id}/complete", paths);
        Assert.Contains("/api/v1/definitions", paths);
    }

    [DatabaseFact]
    public async Task StartAndCompleteEveryTask_RunsTheProcessToItsEnd_WithHistory()
    {
        var instance = await StartAsync(await DeployAsync());
        var id = instance.GetProperty("id").GetInt64();
        Assert.Equal("tester", instance.GetProperty("initiator").GetString());

        foreach (var step in new[] { "draft", "sign" })
        {
            var task = await OpenTaskAsync(id);
            Assert.Equal(step, task.GetProperty("elementId").GetString());
            using var done = await _host.Client.PostAsJsonAsync(new Uri($"/api/v1/tasks/{task.GetProperty("id").GetInt64()}/complete", UriKind.Relative),
                new { outcome = "approve", comment = "同意", variables = new { opinion = "同意报送" } });
            Assert.Equal(HttpStatusCode.NoContent, done.StatusCode);
        }

        var finished = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/instances/{id}", UriKind.Relative));
        Assert.Equal("completed", finished.GetProperty("status").GetString());
        Assert.Equal("同意报送", finished.GetProperty("variables").GetProperty("opinion").GetString());
        var history = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/instances/{id}/history", UriKind.Relative));
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("elementId").GetString() == "sign" && h.GetProperty("phase").GetString() == "Completed");
    }

    [DatabaseFact]
    public async Task CompletingTwice_IsAConflictProblem()
    {
        var id = (await StartAsync(await DeployAsync())).GetProperty("id").GetInt64();
        var taskId = (await OpenTaskAsync(id)).GetProperty("id").GetInt64();
        var complete = new Uri($"/api/v1/tasks/{taskId}/complete", UriKind.Relative);
        using var first = await _host.Client.PostAsJsonAsync(complete, new { outcome = "approve" });

        using var second = await _host.Client.PostAsJsonAsync(complete, new { outcome = "approve" });

        var problem = await ProblemAsync(second, HttpStatusCode.Conflict, "conflict");
        Assert.Contains("已由 tester 于", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task IfMatchWithAnOldVersion_IsRefusedWith412_AndChangesNothing()
    {
        var id = (await StartAsync(await DeployAsync())).GetProperty("id").GetInt64();
        var taskId = (await OpenTaskAsync(id)).GetProperty("id").GetInt64();
        using var read = await _host.Client.GetAsync(new Uri($"/api/v1/tasks/{taskId}", UriKind.Relative));
        var etag = read.Headers.ETag!.ToString();
        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{taskId}/complete") { Content = JsonContent.Create(new { outcome = "approve" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", "W/\"999\"");

        using var refused = await _host.Client.SendAsync(stale);
        await ProblemAsync(refused, HttpStatusCode.PreconditionFailed, "precondition-failed");
        Assert.Equal("open", (await OpenTaskAsync(id)).GetProperty("state").GetString());

        using var current = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tasks/{taskId}/complete") { Content = JsonContent.Create(new { outcome = "approve" }) };
        current.Headers.TryAddWithoutValidation("If-Match", etag);
        using var accepted = await _host.Client.SendAsync(current);
        Assert.Equal(HttpStatusCode.NoContent, accepted.StatusCode);
    }

    [DatabaseFact]
    public async Task Refusals_ArePreciseProblems()
    {
        using var unknownKey = await _host.Client.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { processKey = "no-such-procedure" });
        await ProblemAsync(unknownKey, HttpStatusCode.NotFound, "not-found");

        using var missingKey = await _host.Client.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { title = "无流程" });
        var validation = await ProblemAsync(missingKey, HttpStatusCode.BadRequest, "validation");
        Assert.True(validation.GetProperty("errors").TryGetProperty("processKey", out _));

        using var broken = new StringContent(Process("broken").Replace("targetRef=\"e\"", "targetRef=\"nowhere\"", StringComparison.Ordinal), Encoding.UTF8, "application/xml");
        using var refusedDeploy = await _host.Client.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), broken);
        var invalid = await ProblemAsync(refusedDeploy, (HttpStatusCode)422, "definition-invalid");
        Assert.Contains(invalid.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("f3", StringComparison.Ordinal));

        using var missingTask = await _host.Client.PostAsJsonAsync(new Uri("/api/v1/tasks/987654321/complete", UriKind.Relative), new { outcome = "approve" });
        await ProblemAsync(missingTask, HttpStatusCode.NotFound, "not-found");

        var id = (await StartAsync(await DeployAsync())).GetProperty("id").GetInt64();
        var draft = (await OpenTaskAsync(id)).GetProperty("id").GetInt64();
        using var notAllowed = await _host.Client.PostAsJsonAsync(new Uri($"/api/v1/tasks/{draft}/send-back", UriKind.Relative), new { target = "draft" });
        await ProblemAsync(notAllowed, HttpStatusCode.Forbidden, "not-allowed");
    }

    [DatabaseFact]
    public async Task InvalidFormSubmission_Is400_WithEveryFieldError()
    {
        await using (var db = database.CreateContext())
        {
            if (!db.Set<G2G.Runtime.Persistence.FormDefinitionRecord>().Any(f => f.FormKey == "api/request"))
            {
                db.Add(new G2G.Runtime.Persistence.FormDefinitionRecord
                {
                    FormKey = "api/request", Version = 1, ContentHash = "test", DeployedAt = DateTimeOffset.UtcNow,
                    Schema = """{"components":[{"type":"number","key":"copies","label":"份数","validate":{"required":true,"min":1}},{"type":"textfield","key":"subject","label":"标题","validate":{"required":true}}]}""",
                });
                await db.SaveChangesAsync();
            }
        }
        var key = $"p{Guid.NewGuid():N}";
        using (var content = new StringContent(Process(key).Replace("g2g:assignee=\"initiator()\"", "g2g:assignee=\"initiator()\" g2g:formKey=\"api/request\"", StringComparison.Ordinal), Encoding.UTF8, "application/xml"))
        using (var deployed = await _host.Client.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), content))
            Assert.Equal(HttpStatusCode.OK, deployed.StatusCode);
        var id = (await StartAsync(key)).GetProperty("id").GetInt64();
        var taskId = (await OpenTaskAsync(id)).GetProperty("id").GetInt64();

        using var response = await _host.Client.PostAsJsonAsync(new Uri($"/api/v1/tasks/{taskId}/complete", UriKind.Relative), new { variables = new { copies = 0 } });

        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest, "validation");
        var fields = problem.GetProperty("errors").EnumerateObject().Select(f => f.Name).Order(StringComparer.Ordinal);
        Assert.Equal(["copies", "subject"], fields);
        Assert.Equal("open", (await OpenTaskAsync(id)).GetProperty("state").GetString());
    }

    [DatabaseFact]
    public async Task Inbox_ShowsTheCallersTasks_AndSupervisionExportsCsvAndXlsx()
    {
        var id = (await StartAsync(await DeployAsync())).GetProperty("id").GetInt64();

        var todo = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/inbox/todo", UriKind.Relative));
        var counts = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri("/api/v1/inbox/counts", UriKind.Relative));
        var today = DateTime.UtcNow.Date;
        using var csv = await _host.Client.GetAsync(new Uri($"/api/v1/supervision/performance?from={today.AddDays(-300):yyyy-MM-dd}&to={today.AddDays(1):yyyy-MM-dd}&by=Step&format=csv", UriKind.Relative));
        using var xlsx = await _host.Client.GetAsync(new Uri("/api/v1/supervision/overdue?format=xlsx", UriKind.Relative));

        Assert.Contains(todo.GetProperty("items").EnumerateArray(), t => t.GetProperty("instanceId").GetInt64() == id);
        Assert.True(counts.GetProperty("toDo").GetInt32() >= 1);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("环节 key,名称 name,办结 completed,按时 onTime", (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF'), StringComparison.Ordinal);
        var bytes = await xlsx.Content.ReadAsByteArrayAsync();
        Assert.Equal((byte)'P', bytes[0]); // an .xlsx is a zip package
    }
}

public sealed class SqliteApiTests(SqliteTestDatabase database) : ApiTests<SqliteTestDatabase>(database);

public sealed class PostgresApiTests(PostgresTestDatabase database) : ApiTests<PostgresTestDatabase>(database);
