using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Organisation;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Tests.Api;

/// <summary>
/// 退回, 加签/减签, 会签/或签/票签 and forms deployed with their definition, over HTTP as a system client: 拟稿 (the
/// caller) → 核稿 (li.si) → 签发 (wang.wu).
/// </summary>
public abstract class HumanOperationApiTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private const string Token = "test-token-退回";
    private readonly SystemApiHost _host = new(database, Token);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => _host.DisposeAsync().AsTask();

    private static string Review(string key) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="{key}" name="发文" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="draft" />
            <bpmn:userTask id="draft" name="拟稿" g2g:assignee="initiator()" g2g:formKey="{key}/draft" />
            <bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="check" />
            <bpmn:userTask id="check" name="核稿" g2g:assignee="user('li.si')" g2g:operations="sendBack,addSigner,urge" />
            <bpmn:sequenceFlow id="f3" sourceRef="check" targetRef="sign" />
            <bpmn:userTask id="sign" name="签发" g2g:assignee="user('wang.wu')" g2g:operations="sendBack" />
            <bpmn:sequenceFlow id="f4" sourceRef="sign" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private static string Signing(string key, string? condition) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="{key}" name="会签" isExecutable="true">
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="sign" />
            <bpmn:userTask id="sign" name="会签" g2g:assignee="user(signer)">
              <bpmn:multiInstanceLoopCharacteristics isSequential="false" g2g:collection="signers" g2g:elementVariable="signer">
                {(condition is null ? "" : $"<bpmn:completionCondition>{condition}</bpmn:completionCondition>")}
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="sign" targetRef="file" />
            <bpmn:userTask id="file" name="归档" g2g:assignee="user('chen.qi')" />
            <bpmn:sequenceFlow id="f3" sourceRef="file" targetRef="e" /><bpmn:endEvent id="e" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private const string DraftForm =
        """{"components":[{"type":"textfield","key":"subject","label":"标题","validate":{"required":true}},{"type":"text","text":"说明"}]}""";

    private Task<HttpResponseMessage> PostAsync(string path, object body) => _host.Client.PostAsJsonAsync(new Uri(path, UriKind.Relative), body);

    private Task<T?> GetAsync<T>(string path) => _host.Client.GetFromJsonAsync<T>(new Uri(path, UriKind.Relative));

    private async Task<JsonElement> DeployAsync(string bpmn, Dictionary<string, object>? forms = null)
    {
        using var response = await PostAsync("/api/v1/deployments", new { name = "file.bpmn", bpmn, forms });
        return await response.IsAsync(HttpStatusCode.OK);
    }

    private async Task<long> StartAsync(string key, object? variables = null)
    {
        using var response = await PostAsync("/api/v1/instances", new { processKey = key, title = "关于印发工作要点的通知", variables });
        return (await response.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
    }

    private async Task<List<JsonElement>> OpenTasksAsync(long instance) =>
        [.. (await GetAsync<JsonElement>($"/api/v1/instances/{instance}/tasks")).GetProperty("items").EnumerateArray()
            .Where(t => t.GetProperty("state").GetString() == "open").OrderBy(t => t.GetProperty("id").GetInt64())];

    private async Task<long> OpenTaskAsync(long instance, string elementId) =>
        (await OpenTasksAsync(instance)).Single(t => t.GetProperty("elementId").GetString() == elementId).GetProperty("id").GetInt64();

    private async Task CompleteAsync(long task, string outcome = "approve", object? variables = null)
    {
        using var response = await PostAsync($"/api/v1/tasks/{task}/complete", new { outcome, variables });
        await response.IsAsync(HttpStatusCode.NoContent);
    }

    /// <summary>A review instance at 签发, deployed with its draft form.</summary>
    private async Task<long> AtSignAsync()
    {
        var id = await AtCheckAsync();
        await CompleteAsync(await OpenTaskAsync(id, "check"));
        return id;
    }

    /// <summary>A review instance at 核稿, deployed with its draft form.</summary>
    private async Task<long> AtCheckAsync()
    {
        var key = $"r{Guid.NewGuid():N}"[..16];
        await DeployAsync(Review(key), new() { [$"{key}/draft"] = JsonDocument.Parse(DraftForm).RootElement });
        var id = await StartAsync(key);
        await CompleteAsync(await OpenTaskAsync(id, "draft"), variables: new { subject = "工作要点" });
        return id;
    }

    [DatabaseTheory]
    [InlineData("FromTop", "check")]
    [InlineData("ReturnToSender", "sign")]
    public async Task SendBack_ResumesAsAsked_AndTheSentTaskShowsItWasSentBack(string resume, string afterCorrection)
    {
        var id = await AtSignAsync();
        var sign = await OpenTaskAsync(id, "sign");

        using (var sent = await PostAsync($"/api/v1/tasks/{sign}/send-back", new { target = "draft", resume, comment = "请补充依据" }))
            await sent.IsAsync(HttpStatusCode.NoContent);

        var task = await GetAsync<JsonElement>($"/api/v1/tasks/{sign}");
        Assert.Equal(("completed", "sent-back"), (task.GetProperty("state").GetString(), task.GetProperty("outcome").GetString()));
        await CompleteAsync(await OpenTaskAsync(id, "draft"), variables: new { subject = "工作要点（修改稿）" });
        Assert.Equal([afterCorrection], (await OpenTasksAsync(id)).Select(t => t.GetProperty("elementId").GetString()));
    }

    [DatabaseFact]
    public async Task UrgingTheSameTaskAgainWithinTheHour_Answers429TooSoon_WithWhenItMayBeAgain_AndRemindsNobody()
    {
        var id = await AtCheckAsync();
        var check = await OpenTaskAsync(id, "check");
        using (var first = await PostAsync($"/api/v1/tasks/{check}/urge", new { comment = "请尽快核稿" }))
            await first.IsAsync(HttpStatusCode.NoContent);
        var urgedAt = DateTimeOffset.UtcNow;

        using var again = await PostAsync($"/api/v1/tasks/{check}/urge", new { comment = "再催一次" });

        var problem = await again.IsProblemAsync(HttpStatusCode.TooManyRequests, "too-soon");
        var retryAt = problem.GetProperty("retryAt").GetDateTimeOffset();
        Assert.InRange(retryAt, urgedAt.AddMinutes(59), urgedAt.AddHours(1));
        Assert.InRange(again.Headers.RetryAfter?.Delta ?? TimeSpan.Zero, TimeSpan.FromMinutes(58), TimeSpan.FromHours(1));
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.Contains($"催办过“核稿”（任务 {check}）", detail, StringComparison.Ordinal);
        Assert.Contains(retryAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture), detail,
            StringComparison.Ordinal);
        var trail = (await GetAsync<JsonElement>($"/api/v1/instances/{id}/audit")).EnumerateArray();
        Assert.Single(trail, a => a.GetProperty("action").GetString() == "task.urged");
    }

    [DatabaseFact]
    public async Task Signers_AddedBeforeAndAfter_AndOneRemoved_TakeTheirTurns()
    {
        var id = await AtCheckAsync();

        foreach (var (user, position) in new[] { ("zhou.jiu", "Before"), ("zhao.liu", "After"), ("sun.ba", "After") })
        {
            var current = await OpenTaskAsync(id, "check");
            using var added = await PostAsync($"/api/v1/tasks/{current}/signers", new { userId = user, position });
            await added.IsAsync(HttpStatusCode.NoContent);
        }
        var before = (await OpenTasksAsync(id)).Single();
        Assert.Equal(("zhou.jiu", "zhou.jiu"), (before.GetProperty("assignee").GetString(), before.GetProperty("addedSigner").GetString()));
        using (var removed = await _host.Client.DeleteAsync(new Uri($"/api/v1/tasks/{before.GetProperty("id").GetInt64()}/signers/sun.ba", UriKind.Relative)))
            await removed.IsAsync(HttpStatusCode.NoContent);

        var turns = new List<string?>();
        for (var open = (await OpenTasksAsync(id)).Single(); open.GetProperty("elementId").GetString() == "check"; open = (await OpenTasksAsync(id)).Single())
        {
            turns.Add(open.GetProperty("assignee").GetString());
            await CompleteAsync(open.GetProperty("id").GetInt64());
        }
        Assert.Equal(["zhou.jiu", "li.si", "zhao.liu"], turns);                  // sun.ba, removed, never had it
        Assert.Equal("wang.wu", (await OpenTasksAsync(id)).Single().GetProperty("assignee").GetString());
    }

    [DatabaseTheory]
    [InlineData(null, "approve,reject,approve", 3)]                                       // 会签: everyone
    [InlineData("nrOfCompletedInstances &gt;= 1", "reject", 1)]                            // 或签: anyone
    [InlineData("nrOfApproved / nrOfInstances &gt; 0.5", "approve,reject,approve", 3)]    // 票签: a majority
    public async Task MultiInstance_EndsTheStepWhenItsRuleIsMet(string? condition, string decisions, int needed)
    {
        var key = $"m{Guid.NewGuid():N}"[..16];
        await DeployAsync(Signing(key, condition));
        var id = await StartAsync(key, new { signers = new[] { "li.si", "wang.wu", "zhao.liu" } });
        var tasks = await OpenTasksAsync(id);
        Assert.Equal(3, tasks.Count);

        var outcomes = decisions.Split(',');
        for (var i = 0; i < outcomes.Length; i++)
        {
            Assert.Equal("sign", (await OpenTasksAsync(id))[0].GetProperty("elementId").GetString());
            await CompleteAsync(tasks[i].GetProperty("id").GetInt64(), outcomes[i]);
        }

        Assert.Equal(needed, outcomes.Length);
        var file = Assert.Single(await OpenTasksAsync(id));
        Assert.Equal("file", file.GetProperty("elementId").GetString());
        var all = (await GetAsync<JsonElement>($"/api/v1/instances/{id}/tasks")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(3 - needed, all.Count(t => t.GetProperty("outcome").GetString() == "completion-condition-met"));
    }

    [DatabaseFact]
    public async Task TaskForm_IsServedAsDeployedWithTheDefinition_AndBadDeploymentsAreRefused()
    {
        var key = $"r{Guid.NewGuid():N}"[..16];
        var deployed = (await DeployAsync(Review(key), new() { [$"{key}/draft"] = JsonDocument.Parse(DraftForm).RootElement })).EnumerateArray().Single();
        Assert.Equal((key, "Created"), (deployed.GetProperty("processKey").GetString(), deployed.GetProperty("outcome").GetString()));
        var id = await StartAsync(key);
        var draft = await OpenTaskAsync(id, "draft");

        var form = await GetAsync<JsonElement>($"/api/v1/tasks/{draft}/form");

        Assert.Equal(($"{key}/draft", draft), (form.GetProperty("formKey").GetString(), form.GetProperty("taskId").GetInt64()));
        Assert.Equal(2, form.GetProperty("schema").GetProperty("components").GetArrayLength());
        var field = form.GetProperty("fields").EnumerateArray().Single();
        Assert.Equal(("subject", true, false), (field.GetProperty("key").GetString(), field.GetProperty("required").GetBoolean(), field.GetProperty("readOnly").GetBoolean()));
        await CompleteAsync(draft, variables: new { subject = "工作要点" });
        using (var noForm = await _host.Client.GetAsync(new Uri($"/api/v1/tasks/{await OpenTaskAsync(id, "check")}/form", UriKind.Relative)))
            await noForm.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        using (var missing = await PostAsync("/api/v1/deployments", new { forms = new Dictionary<string, object>() }))
            Assert.True((await missing.IsProblemAsync(HttpStatusCode.BadRequest, "validation")).GetProperty("errors").TryGetProperty("bpmn", out _));
        using var unused = await PostAsync("/api/v1/deployments",
            new { bpmn = Review(key + "x"), forms = new Dictionary<string, object> { ["nobody/uses"] = JsonDocument.Parse(DraftForm).RootElement } });
        var invalid = await unused.IsProblemAsync((HttpStatusCode)422, "definition-invalid");
        Assert.Contains(invalid.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("nobody/uses", StringComparison.Ordinal));
        await using var db = database.CreateContext();
        Assert.False(await db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == key + "x"));
    }
}

public sealed class SqliteHumanOperationApiTests(SqliteTestDatabase database) : HumanOperationApiTests<SqliteTestDatabase>(database);

public sealed class PostgresHumanOperationApiTests(PostgresTestDatabase database) : HumanOperationApiTests<PostgresTestDatabase>(database);
