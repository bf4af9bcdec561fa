using System.Net;
using System.Net.Http.Json;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;

namespace G2G.Web.Tests.Health;

/// <summary><c>/health</c> through the real host on every provider.</summary>
public abstract class HealthTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Health_WhenDatabaseReachable_AndTheCalendarComplete_ReturnsHealthy()
    {
        var body = await HealthAtAsync(new DateTimeOffset(2026, 6, 1, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal("Healthy", body.Status);
        Assert.Equal([("calendar", "Healthy"), ("database", "Healthy")], body.Checks.Select(c => (c.Name, c.Status)).Order());
    }

    [DatabaseFact]
    public async Task Health_IsDegraded_FromNovember_WhileNextYearsHolidaysAreNotLoaded()
    {
        var body = await HealthAtAsync(new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.FromHours(8)));

        Assert.Equal("Degraded", body.Status); // still 200: the node serves, administrators have work to do
        var calendar = Assert.Single(body.Checks, c => c.Name == "calendar");
        Assert.Equal("Degraded", calendar.Status);
        Assert.Contains("2027", calendar.Description, StringComparison.Ordinal);
    }

    private async Task<HealthBody> HealthAtAsync(DateTimeOffset now)
    {
        await using var factory = new G2GWebFactory(database, clock: new G2G.Runtime.Tests.Runtime.ManualClock(now));
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = await response.Content.ReadFromJsonAsync<HealthBody>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(body);
        return body;
    }

    [DatabaseFact]
    public async Task Start_OnEmptyDatabase_MigratesItBeforeServing()
    {
        await using var factory = new G2GWebFactory(database);
        using var client = factory.CreateClient();

        var schema = await database.ReadCatalogAsync();

        Assert.Contains("table process_definitions", schema);
    }

    private sealed record HealthBody(string Status, double DurationMs, List<HealthCheckBody> Checks);

    private sealed record HealthCheckBody(string Name, string Status, string? Description, double DurationMs);
}

public sealed class SqliteHealthTests(SqliteTestDatabase database) : HealthTests<SqliteTestDatabase>(database);

public sealed class PostgresHealthTests(PostgresTestDatabase database) : HealthTests<PostgresTestDatabase>(database);
