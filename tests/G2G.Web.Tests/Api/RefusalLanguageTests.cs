using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Tests.Api;

/// <summary>
/// The same refusal in the request's language: a refusal of the runtime, a rejection of the engine, a service task's
/// refusal of a field and a form's field errors come in Chinese with <c>Accept-Language: zh-CN</c> and in English with
/// <c>en</c>, in <c>detail</c> and in <c>errors</c>; status and code do not change.
/// </summary>
public abstract class RefusalLanguageTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Token = "refusal-language-token";
    private readonly SystemApiHost _host = new(database, Token);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    [DatabaseFact]
    public async Task ARuntimeRefusal_IsInTheRequestsLanguage()
    {
        var body = new { processKey = "no-such-procedure" };

        var chinese = await SendAsync("zh-CN", HttpMethod.Post, "/api/v1/instances", body, HttpStatusCode.NotFound, "not-found");
        var english = await SendAsync("en", HttpMethod.Post, "/api/v1/instances", body, HttpStatusCode.NotFound, "not-found");

        Assert.Equal("未部署标识为“no-such-procedure”的已发布流程。", chinese.GetProperty("detail").GetString());
        Assert.Equal("No published process with key 'no-such-procedure' is deployed.", english.GetProperty("detail").GetString());
    }

    [DatabaseFact]
    public async Task AnEngineRejection_IsInTheRequestsLanguage()
    {
        var taskId = await OpenTaskAsync(await DeployAsync("""<bpmn:userTask id="draft" name="拟稿" g2g:assignee="initiator()" />""", "draft"));
        var body = new { target = "s" };
        var path = $"/api/v1/tasks/{taskId}/send-back";

        var chinese = await SendAsync("zh-CN", HttpMethod.Post, path, body, HttpStatusCode.Forbidden, "not-allowed");
        var english = await SendAsync("en", HttpMethod.Post, path, body, HttpStatusCode.Forbidden, "not-allowed");

        Assert.Equal("步骤“拟稿”不允许此项操作（SendBack，见 g2g:operations）。", chinese.GetProperty("detail").GetString());
        Assert.Equal("Step '拟稿' does not allow SendBack (g2g:operations).", english.GetProperty("detail").GetString());
    }

    [DatabaseFact]
    public async Task AServiceTasksRefusalOfAField_IsInTheRequestsLanguage()
    {
        var key = await DeployAsync("""<bpmn:serviceTask id="request" name="用车申请" g2g:action="vehicle.request" />""", "request");
        var body = new
        {
            processKey = key,
            variables = new { startDate = "2001-01-01", startTime = "09:00", endDate = "2001-01-01", endTime = "11:00" },
        };

        var chinese = await SendAsync("zh-CN", HttpMethod.Post, "/api/v1/instances", body, HttpStatusCode.BadRequest, "validation");
        var english = await SendAsync("en", HttpMethod.Post, "/api/v1/instances", body, HttpStatusCode.BadRequest, "validation");

        Assert.Equal("用车时间已过。", chinese.GetProperty("errors").GetProperty("startDate")[0].GetString());
        Assert.Equal("用车时间已过。", chinese.GetProperty("detail").GetString());
        Assert.Equal("The trip cannot start in the past.", english.GetProperty("errors").GetProperty("startDate")[0].GetString());
    }

    [DatabaseFact]
    public async Task AFormsFieldErrors_AreInTheRequestsLanguage()
    {
        await using (var db = database.CreateContext())
        {
            db.Add(new FormDefinitionRecord
            {
                FormKey = "language/request", Version = 1, ContentHash = "test", DeployedAt = DateTimeOffset.UtcNow,
                Schema = """{"components":[{"type":"number","key":"copies","label":"份数","validate":{"required":true,"min":1}},{"type":"textfield","key":"subject","label":"标题","validate":{"required":true}}]}""",
            });
            await db.SaveChangesAsync();
        }
        var taskId = await OpenTaskAsync(await DeployAsync(
            """<bpmn:userTask id="draft" name="拟稿" g2g:assignee="initiator()" g2g:formKey="language/request" />""", "draft"));
        var body = new { variables = new { copies = 0 } };
        var path = $"/api/v1/tasks/{taskId}/complete";

        var chinese = await SendAsync("zh-CN", HttpMethod.Post, path, body, HttpStatusCode.BadRequest, "validation");
        var english = await SendAsync("en", HttpMethod.Post, path, body, HttpStatusCode.BadRequest, "validation");

        Assert.Equal("“份数”不能小于 1。", chinese.GetProperty("errors").GetProperty("copies")[0].GetString());
        Assert.Equal("请填写“标题”。", chinese.GetProperty("errors").GetProperty("subject")[0].GetString());
        Assert.Equal($"任务 {taskId} 的提交有 2 个字段不符合要求。", chinese.GetProperty("detail").GetString());
        Assert.Equal("'份数' must be at least 1.", english.GetProperty("errors").GetProperty("copies")[0].GetString());
        Assert.Equal("'标题' is required.", english.GetProperty("errors").GetProperty("subject")[0].GetString());
    }

    [DatabaseFact]
    public async Task ARefusedDefinitionsDiagnostics_AreInTheRequestsLanguage_WithTheirLineAndElement()
    {
        var key = $"p{Guid.NewGuid():N}";
        var body = new
        {
            name = "reserve.bpmn",
            bpmn = $"""
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
                  <bpmn:process id="{key}" isExecutable="true">
                    <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="reserve" />
                    <bpmn:serviceTask id="reserve" name="预留" />
                    <bpmn:sequenceFlow id="f2" sourceRef="reserve" targetRef="e" /><bpmn:endEvent id="e" />
                  </bpmn:process>
                </bpmn:definitions>
                """,
        };

        var chinese = await SendAsync("zh-CN", HttpMethod.Post, "/api/v1/deployments", body, (HttpStatusCode)422, "definition-invalid");
        var english = await SendAsync("en", HttpMethod.Post, "/api/v1/deployments", body, (HttpStatusCode)422, "definition-invalid");

        const string ChineseError = "错误 service.no-action，第 4 行第 6 列，serviceTask“reserve”：服务任务“reserve”没有指定动作；请把 g2g:action 设为已注册的动作。";
        const string EnglishError = "error service.no-action at line 4, column 6 serviceTask 'reserve': Service task 'reserve' names no action; set g2g:action to a registered action.";
        Assert.Equal(ChineseError, chinese.GetProperty("errors").EnumerateArray().Single().GetString());
        Assert.Equal($"reserve.bpmn 无法部署：共 1 处错误，第一处：{ChineseError}", chinese.GetProperty("detail").GetString());
        Assert.Equal(EnglishError, english.GetProperty("errors").EnumerateArray().Single().GetString());
        Assert.Equal($"reserve.bpmn cannot be deployed: 1 error(s), the first: {EnglishError}", english.GetProperty("detail").GetString());
        await using var db = database.CreateContext();
        Assert.False(await db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == key));
    }

    private async Task<JsonElement> SendAsync(string language, HttpMethod method, string path, object body, HttpStatusCode status, string code)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd(language);
        using var response = await _host.Client.SendAsync(request);
        return await response.IsProblemAsync(status, code);
    }

    /// <summary>Deploys a process of one node after the start event; returns its key.</summary>
    private async Task<string> DeployAsync(string node, string nodeId)
    {
        var key = $"p{Guid.NewGuid():N}";
        using var content = new StringContent($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="{key}" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="{nodeId}" />
                {node}
                <bpmn:sequenceFlow id="f2" sourceRef="{nodeId}" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, Encoding.UTF8, "application/xml");
        using var response = await _host.Client.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), content);
        await response.IsAsync(HttpStatusCode.OK);
        return key;
    }

    /// <summary>Starts the process and returns its open task's id.</summary>
    private async Task<long> OpenTaskAsync(string key)
    {
        using var started = await _host.Client.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { processKey = key });
        var id = (await started.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var tasks = await _host.Client.GetFromJsonAsync<JsonElement>(new Uri($"/api/v1/instances/{id}/tasks", UriKind.Relative));
        return tasks.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("state").GetString() == "open").GetProperty("id").GetInt64();
    }
}

public sealed class SqliteRefusalLanguageTests(SqliteTestDatabase database) : RefusalLanguageTests<SqliteTestDatabase>(database);

public sealed class PostgresRefusalLanguageTests(PostgresTestDatabase database) : RefusalLanguageTests<PostgresTestDatabase>(database);
