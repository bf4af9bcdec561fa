using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Api;

/// <summary>The inbox views through the API: the caller's own work in the order asked for, and bad parameters refused by field.</summary>
public abstract class InboxApiTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    private static long[] Ids(JsonElement page, string property) =>
        [.. page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty(property).GetInt64())];

    [DatabaseFact]
    public async Task ToDoAndStarted_FollowTheRequestedOrder()
    {
        var first = await world.StartAsync(FinClerk);
        var second = await world.StartAsync(FinClerk);
        var chief = await world.SessionAsync(FinChief);
        var clerk = await world.SessionAsync(FinClerk);

        var newest = Ids(await chief.Client.GetFromJsonAsync<JsonElement>($"/api/v1/inbox/todo?processKey={world.ProcessKey}&sort=-created"), "id");
        var oldest = Ids(await chief.Client.GetFromJsonAsync<JsonElement>($"/api/v1/inbox/todo?processKey={world.ProcessKey}&sort=created"), "id");
        var started = Ids(await clerk.Client.GetFromJsonAsync<JsonElement>($"/api/v1/inbox/started?processKey={world.ProcessKey}&state=running&sort=started"), "id");

        Assert.True(newest.ToList().IndexOf(second.Task) < newest.ToList().IndexOf(first.Task));
        Assert.Equal(newest.Reverse(), oldest);
        Assert.True(started.ToList().IndexOf(first.Instance) < started.ToList().IndexOf(second.Instance));
    }

    [DatabaseFact]
    public async Task AnUnknownSortOrState_Answers400_NamingTheFieldAndTheValuesItAccepts()
    {
        var clerk = await world.SessionAsync(FinClerk);

        using var sort = await clerk.GetAsync("/api/v1/inbox/todo?sort=priority");
        using var state = await clerk.GetAsync("/api/v1/inbox/started?state=archived");

        Assert.Equal(HttpStatusCode.BadRequest, sort.StatusCode);
        Assert.Equal("application/problem+json", sort.Content.Headers.ContentType?.MediaType);
        var problem = await sort.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("validation", problem.GetProperty("code").GetString());
        Assert.Equal("“priority”不是以下值之一：due, -due, created, -created。", problem.GetProperty("errors").GetProperty("sort")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, state.StatusCode);
        Assert.Contains("running, completed, terminated, cancelled",
            (await state.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("state")[0].GetString(), StringComparison.Ordinal);
    }
}

public sealed class SqliteInboxApiTests(SecurityWorld<SqliteTestDatabase> world) : InboxApiTests<SqliteTestDatabase>(world);

public sealed class PostgresInboxApiTests(SecurityWorld<PostgresTestDatabase> world) : InboxApiTests<PostgresTestDatabase>(world);
