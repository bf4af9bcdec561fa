using System.Threading.Channels;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Components.Shell;
using G2G.Web.Tests.Infrastructure;
using G2G.Web.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The header's badges across nodes: a page open on one node shows, within a few seconds, work that a request to another node
/// created, through that node's one poll of the shared database (<see cref="BadgeBoard"/>, a background service of the host).
/// </summary>
public abstract class BadgeNodesTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task WorkCreatedThroughOneNode_ReachesAPageWatchingOnTheOther_WithinSeconds()
    {
        await using var other = new G2GWebFactory(world.Database, new Dictionary<string, string?>
        {
            ["Ui:BadgeRefreshSeconds"] = "1", ["Runtime:Jobs:Enabled"] = "false",
        });
        var board = other.Services.GetRequiredService<BadgeBoard>();
        var before = (await other.Services.GetRequiredService<IBadgeCounter>().CountAsync([FinChief], CancellationToken.None))[FinChief];
        var shown = Channel.CreateUnbounded<BadgeCounts>();
        using var page = board.Watch(FinChief, before, counts => shown.Writer.WriteAsync(counts).AsTask());

        await world.StartAsync(FinClerk); // through the first node: a request for the chief

        using var seconds = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var counts = await shown.Reader.ReadAsync(seconds.Token);
        Assert.Equal(before with { ToDo = before.ToDo + 1 }, counts);
    }
}

public sealed class SqliteBadgeNodesTests(SecurityWorld<SqliteTestDatabase> world) : BadgeNodesTests<SqliteTestDatabase>(world);

public sealed class PostgresBadgeNodesTests(SecurityWorld<PostgresTestDatabase> world) : BadgeNodesTests<PostgresTestDatabase>(world);
