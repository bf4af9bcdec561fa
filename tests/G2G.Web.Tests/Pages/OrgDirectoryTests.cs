using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Components.Work;
using G2G.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Web.Tests.Security.SecurityWorld<G2G.Runtime.Tests.Infrastructure.SqliteTestDatabase>;

namespace G2G.Web.Tests.Pages;

/// <summary>
/// The pickers' directory searches while the page it is on loads something else through the circuit's database context
/// (one operation at a time): the search answers as the circuit's caller and the page's query is not disturbed.
/// </summary>
public abstract class OrgDirectoryTests<TDatabase>(SecurityWorld<TDatabase> world) : IClassFixture<SecurityWorld<TDatabase>>
    where TDatabase : TestDatabase, new()
{
    [DatabaseFact]
    public async Task APickerSearch_AnswersWhileThePageQueriesTheCircuitsContext()
    {
        await using var circuit = world.Factory.Services.CreateAsyncScope();
        var services = circuit.ServiceProvider;
        services.GetRequiredService<CallerContext>().Current = await services.GetRequiredService<CallerDirectory>().FindAsync(Admin);
        var db = services.GetRequiredService<G2GDbContext>();
        var directory = services.GetRequiredService<OrgDirectory>();

        var slowQuery = db.Database.IsNpgsql()
            ? "SELECT pg_sleep(1)"
            : "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 5000000) SELECT count(*) FROM n";
        var pageLoad = Task.Run(() => db.Database.ExecuteSqlRaw(slowQuery)); // SQLite's commands run synchronously
        await Task.Delay(100);
        Assert.False(pageLoad.IsCompleted, "the page's query should still be running when the person types");

        var found = await directory.UsersAsync("王处长").WaitAsync(TimeSpan.FromSeconds(30)); // on the page's connection it used to hang or fail
        var names = await directory.NamesAsync([FinClerk, "gd-fin-budget", "nobody"]).WaitAsync(TimeSpan.FromSeconds(30));
        await pageLoad;

        Assert.Equal([new OrgChoice(FinChief, "王处长（fin.chief）")], found);
        Assert.Equal("李科员（fin.clerk）", names[FinClerk]);
        Assert.Equal("预算处", names["gd-fin-budget"]);
        Assert.Equal("nobody", names["nobody"]);
    }
}

public sealed class SqliteOrgDirectoryTests(SecurityWorld<SqliteTestDatabase> world) : OrgDirectoryTests<SqliteTestDatabase>(world);

public sealed class PostgresOrgDirectoryTests(SecurityWorld<PostgresTestDatabase> world) : OrgDirectoryTests<PostgresTestDatabase>(world);
