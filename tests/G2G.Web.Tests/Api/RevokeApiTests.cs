using System.Net;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>
/// <c>POST /api/v1/instances/{id}/revoke</c> (撤销): the initiator revokes their own request until someone else acts on it (the
/// default <c>untilActed</c>); anyone else is refused as problem+json with a stable code, and an outsider sees nothing.
/// </summary>
public abstract class RevokeApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private async Task<(HttpStatusCode Status, string? Code, string? Detail)> RevokeAsync(string user, long instance, string? ifMatch = null)
    {
        var client = await world.SessionAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/instances/{instance}/revoke")
        {
            Content = new StringContent("""{"reason":"重复提交"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        if (ifMatch is not null)
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        using var response = await client.Client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.NoContent)
            return (response.StatusCode, null, null);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, problem.GetProperty("code").GetString(), problem.GetProperty("detail").GetString());
    }

    private async Task<JsonElement> InstanceAsync(long instance) =>
        await (await world.SessionAsync(FinClerk)).GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}");

    [DatabaseFact]
    public async Task TheInitiator_Revokes_OthersAreRefused_AndTheRecordSaysWhoAndWhy()
    {
        var (instance, _) = await world.StartAsync(FinClerk);

        Assert.Equal((HttpStatusCode.Forbidden, "not-allowed"), (await RevokeAsync(FinChief, instance)).Short());
        Assert.Equal((HttpStatusCode.Forbidden, "not-allowed"), (await RevokeAsync(Admin, instance)).Short()); // 终止 is the administrators' own
        Assert.Equal((HttpStatusCode.NotFound, "not-found"), (await RevokeAsync(EduClerk, instance)).Short());
        Assert.Equal((HttpStatusCode.PreconditionFailed, "precondition-failed"), (await RevokeAsync(FinClerk, instance, "W/\"999\"")).Short());
        Assert.Equal("running", (await InstanceAsync(instance)).GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await RevokeAsync(FinClerk, instance, $"W/\"{(await InstanceAsync(instance)).GetProperty("version").GetInt32()}\"")).Status);

        Assert.Equal("cancelled", (await InstanceAsync(instance)).GetProperty("status").GetString());
        var audit = await (await world.SessionAsync(FinClerk)).GetFromJsonAsync<JsonElement>($"/api/v1/instances/{instance}/audit");
        var revoked = audit.EnumerateArray().Single(a => a.GetProperty("action").GetString() == "instance.revoked");
        Assert.Equal((FinClerk, "重复提交"), (revoked.GetProperty("actor").GetString(), revoked.GetProperty("comment").GetString()));
        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (await RevokeAsync(FinClerk, instance)).Short());
    }

    [DatabaseFact]
    public async Task AfterTheApproverActed_TheInitiatorIsRefusedWithAConflictNamingThem()
    {
        var (instance, task) = await world.StartAsync(FinClerk);
        var chief = await world.SessionAsync(FinChief);
        using var completed = await chief.PostAsJsonAsync($"/api/v1/tasks/{task}/complete", new { outcome = "approve", comment = "同意" });
        Assert.Equal(HttpStatusCode.NoContent, completed.StatusCode);

        var (status, code, detail) = await RevokeAsync(FinClerk, instance);

        Assert.Equal((HttpStatusCode.Conflict, "conflict"), (status, code));
        Assert.Contains(FinChief, detail, StringComparison.Ordinal);
        Assert.Equal("running", (await InstanceAsync(instance)).GetProperty("status").GetString());
    }
}

internal static class RevokeAnswers
{
    /// <summary>The status and the problem's code of an answer.</summary>
    public static (HttpStatusCode Status, string? Code) Short(this (HttpStatusCode Status, string? Code, string? Detail) answer) => (answer.Status, answer.Code);
}

public sealed class SqliteRevokeApiTests(SecurityWorld<SqliteTestDatabase> world) : RevokeApiTests<SqliteTestDatabase>(world);

public sealed class PostgresRevokeApiTests(SecurityWorld<PostgresTestDatabase> world) : RevokeApiTests<PostgresTestDatabase>(world);
