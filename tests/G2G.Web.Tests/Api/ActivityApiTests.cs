using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Runtime.Notifications;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>An instance's audit trail and the caller's in-app notifications, with the same visibility rules as everything else.</summary>
public abstract class ActivityApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task TheAuditTrail_ShowsWhoDidWhatWithWhichOpinion_ToThoseWhoSeeTheInstance()
    {
        var (instance, task) = await world.StartAsync(FinClerk);
        var chief = await world.SessionAsync(FinChief);
        using (var completed = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "approve", comment = "同意，请领导签发" }))
            await completed.IsAsync(HttpStatusCode.NoContent);

        var audit = await (await world.SessionAsync(FinClerk)).GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/audit");
        var records = audit.EnumerateArray().ToList();
        Assert.Equal("instance.started", records[0].GetProperty("action").GetString());
        Assert.Equal(FinClerk, records[0].GetProperty("actor").GetString());
        var decision = records.Single(r => r.GetProperty("action").GetString() == "task.completed");
        Assert.Equal((FinChief, "approve", "同意，请领导签发", task),
            (decision.GetProperty("actor").GetString(), decision.GetProperty("outcome").GetString(), decision.GetProperty("comment").GetString(), decision.GetProperty("taskId").GetInt64()));
        Assert.True(decision.GetProperty("occurredAt").GetDateTimeOffset() >= records[0].GetProperty("occurredAt").GetDateTimeOffset());
        // Sequence numbers of the instance's event log: in order, with gaps where the path's facts are.
        var seqs = records.Select(r => r.GetProperty("seq").GetInt64()).ToList();
        Assert.Equal(seqs.Order(), seqs);
        Assert.Equal(seqs.Count, seqs.Distinct().Count());

        using var otherAgency = await (await world.SessionAsync(EduClerk)).GetAsync($"/api/v1/instances/{instance}/audit");
        await otherAgency.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
        var (secret, _) = await world.StartAsync(FinChief, G2G.Runtime.Organisation.ClearanceLevel.Secret);
        using var aboveClearance = await (await world.SessionAsync(FinClerk)).GetAsync($"/api/v1/instances/{secret}/audit");
        await aboveClearance.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [DatabaseFact]
    public async Task Notifications_AreListedAndMarkedRead_OnlyByTheirRecipient()
    {
        var (instance, _) = await world.StartAsync(FinClerk);
        await world.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        var chief = await world.SessionAsync(FinChief);

        var unread = await chief.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true&pageSize=200");
        var notification = unread.GetProperty("items").EnumerateArray()
            .Single(n => n.GetProperty("kind").GetString() == "task.assigned" && n.GetProperty("instanceId").GetInt64() == instance);
        var id = notification.GetProperty("id").GetString()!;
        var path = $"/api/v1/notifications/{Uri.EscapeDataString(id)}/read";

        var clerk = await world.SessionAsync(FinClerk);
        var clerksOwn = await clerk.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200");
        Assert.DoesNotContain(clerksOwn.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetString() == id);
        using (var notTheirs = await clerk.PostAsync(path))
            await notTheirs.IsProblemAsync(HttpStatusCode.NotFound, "not-found");

        using (var read = await chief.PostAsync(path))
            await read.IsAsync(HttpStatusCode.NoContent);
        using (var readAgain = await chief.PostAsync(path))
            await readAgain.IsAsync(HttpStatusCode.NoContent);
        var stillUnread = await chief.GetFromJsonAsync<JsonElement>("/api/v1/notifications?unread=true&pageSize=200");
        Assert.DoesNotContain(stillUnread.GetProperty("items").EnumerateArray(), n => n.GetProperty("id").GetString() == id);
        Assert.Equal(unread.GetProperty("total").GetInt32() - 1, stillUnread.GetProperty("total").GetInt32());
        var all = await chief.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200");
        Assert.NotEqual(JsonValueKind.Null, all.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("id").GetString() == id).GetProperty("readAt").ValueKind);
        using (var unknown = await chief.PostAsync("/api/v1/notifications/nothing/read"))
            await unknown.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [DatabaseFact]
    public async Task NotificationLinks_OpenTheTaskTheyAreAbout()
    {
        var started = new List<(long Instance, long Task)>();
        for (var i = 0; i < 3; i++)
            started.Add(await world.StartAsync(FinClerk));
        await world.Factory.Services.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);
        var chief = await world.SessionAsync(FinChief);

        var notifications = (await chief.GetFromJsonAsync<JsonElement>("/api/v1/notifications?pageSize=200")).GetProperty("items").EnumerateArray().ToList();
        foreach (var (instance, task) in started)
        {
            var link = notifications.Single(n => n.GetProperty("kind").GetString() == "task.assigned" && n.GetProperty("instanceId").GetInt64() == instance)
                .GetProperty("taskId").GetInt64();
            Assert.Equal(task, link);
            var opened = await chief.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{link}");
            Assert.Equal(instance, opened.GetProperty("instanceId").GetInt64());
        }
    }

    [DatabaseFact]
    public async Task TaskForm_IsReadByWhoeverSeesTheTask_AndHiddenFromOthers()
    {
        var key = $"form{Guid.NewGuid():N}"[..16];
        var bpmn = $"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="{key}" name="预算请示" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="review" />
                <bpmn:userTask id="review" name="处长审核" g2g:assignee="user('{FinChief}')" g2g:formKey="{key}/review" />
                <bpmn:sequenceFlow id="f2" sourceRef="review" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """;
        var schema = JsonDocument.Parse("""{"components":[{"type":"textarea","key":"opinion","label":"审核意见"}]}""").RootElement;
        using (var deployed = await (await world.SessionAsync(Admin)).PostAsJsonAsync("/api/v1/deployments",
            new { bpmn, forms = new Dictionary<string, JsonElement> { [$"{key}/review"] = schema } }))
            await deployed.IsAsync(HttpStatusCode.OK);
        using (var refused = await (await world.SessionAsync(FinChief)).PostAsJsonAsync("/api/v1/deployments", new { bpmn }))
            await refused.IsProblemAsync(HttpStatusCode.Forbidden, "not-allowed");
        using var started = await (await world.SessionAsync(FinClerk)).PostAsJsonAsync("/api/v1/instances", new { processKey = key, title = "请示" });
        var instance = (await started.IsAsync(HttpStatusCode.Created)).GetProperty("id").GetInt64();
        var tasks = await (await world.SessionAsync(Admin)).GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/tasks");
        var task = tasks.GetProperty("items")[0].GetProperty("id").GetInt64();

        var form = await (await world.SessionAsync(FinChief)).GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{task}/form");
        Assert.Equal("审核意见", form.GetProperty("fields")[0].GetProperty("label").GetString());
        using var otherAgency = await (await world.SessionAsync(EduClerk)).GetAsync($"/api/v1/tasks/{task}/form");
        await otherAgency.IsProblemAsync(HttpStatusCode.NotFound, "not-found");
    }
}

public sealed class SqliteActivityApiTests(SecurityWorld<SqliteTestDatabase> world) : ActivityApiTests<SqliteTestDatabase>(world);

public sealed class PostgresActivityApiTests(SecurityWorld<PostgresTestDatabase> world) : ActivityApiTests<PostgresTestDatabase>(world);
