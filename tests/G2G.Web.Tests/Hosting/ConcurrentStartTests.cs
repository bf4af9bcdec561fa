using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Faults;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Tests.Hosting;

/// <summary>
/// Two nodes started at the same moment on one empty PostgreSQL database, as an operator starts a cluster: both serve, the
/// schema was created once (no 42P07, relation already exists) and the workflows folder deployed once, every procedure at version 1
/// (StartupLock). PostgreSQL only: SQLite is a single-node store.
/// </summary>
public sealed class ConcurrentStartTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>
{
    [DatabaseFact]
    public async Task TwoNodes_StartingAtOnceOnAnEmptyDatabase_BothServe_HavingMigratedAndDeployedOnce()
    {
        // Without the demo seed, which takes minutes on a busy machine; it runs under the same lock as the migration.
        var settings = new Dictionary<string, string> { ["Runtime__Jobs__Enabled"] = "false" };
        await using var first = WebNode.Start("first", database, settings);
        await using var second = WebNode.Start("second", database, settings);

        await Task.WhenAll(first.WaitUntilHealthyAsync(), second.WaitUntilHealthyAsync());

        await using var db = database.CreateContext();
        var versions = await db.ProcessDefinitions.AsNoTracking().GroupBy(d => d.ProcessKey).Select(g => g.Count()).ToListAsync();
        Assert.NotEmpty(versions);
        Assert.All(versions, count => Assert.Equal(1, count));
    }
}
