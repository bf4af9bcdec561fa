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
        Assert.Equal(records.Select((_, i) => (long)i + 1), records.Select(r => r.GetProperty("seq").GetInt64()));

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
}

public sealed class SqliteActivityApiTests(SecurityWorld<SqliteTestDatabase> world) : ActivityApiTests<SqliteTestDatabase>(world);

public sealed class PostgresActivityApiTests(SecurityWorld<PostgresTestDatabase> world) : ActivityApiTests<PostgresTestDatabase>(world);
