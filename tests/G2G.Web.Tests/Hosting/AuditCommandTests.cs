using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Tests.Hosting;

/// <summary>
/// The operator's <c>audit verify</c>, run as a script runs it: the built host as its own process on the database, its exit
/// code and its lines. Intact chains exit 0; a deleted tail exits 3 naming the break, and so does an instance deleted with
/// its whole log once an anchor covered it; bad arguments exit 2.
/// </summary>
public abstract class AuditCommandTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private Task<(int ExitCode, List<string> Lines)> RunAsync(params string[] arguments) =>
        HostProcess.RunAsync(["audit", .. arguments],
            ("Database__Provider", database.Settings.Provider.ToString()),
            ("ConnectionStrings__G2G", database.Settings.ConnectionString),
            (TestEventLogKeys.Setting.Replace(":", "__", StringComparison.Ordinal), TestEventLogKeys.Key));

    [DatabaseFact]
    public async Task Verify_ReportsAnInstanceDeletedWithItsWholeLog_OnceAnchored()
    {
        await database.MigrateAsync();
        long id;
        await using (var runtime = new RuntimeHarness(database))
        {
            await runtime.DeployAsync("approval.bpmn");
            id = await runtime.StartAsync("approval", ("amount", 500));
            runtime.Clock.Set(DateTimeOffset.UtcNow.AddYears(1)); // past any anchor this class's database already has
            await runtime.Services.GetRequiredService<JobExecutor>().AnchorAsync(CancellationToken.None);
        }
        var (intact, lines) = await RunAsync("verify");
        Assert.True(intact == AuditCommandExitCodes.Intact, string.Join("\n", lines));
        Assert.Contains(lines, l => l.StartsWith("Latest anchor: ", StringComparison.Ordinal));

        await using var db = database.CreateContext();
        var instance = await db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == id);
        var tasks = await db.Set<TaskRecord>().AsNoTracking().Include(t => t.Candidates).Where(t => t.InstanceId == id).ToListAsync();
        var log = await db.Set<InstanceEventRecord>().AsNoTracking().Where(e => e.InstanceId == id).ToListAsync();
        await db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id).ExecuteDeleteAsync();
        await db.Set<TaskRecord>().Where(t => t.InstanceId == id).ExecuteDeleteAsync();
        await db.Set<ProcessInstanceRecord>().Where(i => i.Id == id).ExecuteDeleteAsync();

        var (broken, report) = await RunAsync("verify");
        Assert.Equal(AuditCommandExitCodes.Broken, broken);
        Assert.Contains(report, l => l.StartsWith($"BROKEN ({AuditBreakKind.DeletedInstance}): {AuditLog.InstanceChain(id)}", StringComparison.Ordinal));

        db.Add(instance);
        db.AddRange(tasks);
        db.AddRange(log);
        await db.SaveChangesAsync();
    }

    [DatabaseFact]
    public async Task Verify_ExitsZeroWhenIntact_ThreeWithTheBreak_TwoOnBadArguments()
    {
        await database.MigrateAsync();
        long id;
        await using (var runtime = new RuntimeHarness(database))
        {
            await runtime.DeployAsync("approval.bpmn");
            id = await runtime.StartAsync("approval", ("amount", 500));
        }

        var (intact, lines) = await RunAsync("verify");
        Assert.True(intact == AuditCommandExitCodes.Intact, string.Join("\n", lines));
        Assert.Contains(lines, l => l.StartsWith("Checked ", StringComparison.Ordinal) && l.Contains(" records in ", StringComparison.Ordinal));
        Assert.Contains("Intact.", lines);

        await using (var db = database.CreateContext())
        {
            var last = await db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id).OrderByDescending(e => e.Seq).FirstAsync();
            await db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id && e.Seq == last.Seq).ExecuteDeleteAsync();
            var (broken, report) = await RunAsync("verify", "--instance", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(AuditCommandExitCodes.Broken, broken);
            Assert.Contains(report, l => l.StartsWith($"BROKEN ({AuditBreakKind.DeletedTail}): {AuditLog.InstanceChain(id)}", StringComparison.Ordinal));
            db.Add(last);
            await db.SaveChangesAsync();
        }

        var (usage, help) = await RunAsync("verify", "--instance", "abc");
        Assert.Equal(AuditCommandExitCodes.Usage, usage);
        Assert.Contains(help, l => l.StartsWith("usage: audit verify", StringComparison.Ordinal));
    }
}

/// <summary>The exit codes of <c>audit verify</c>, as docs/operations.md gives them.</summary>
internal static class AuditCommandExitCodes
{
    public const int Intact = 0, Usage = 2, Broken = 3;
}

public sealed class SqliteAuditCommandTests(SqliteTestDatabase database) : AuditCommandTests<SqliteTestDatabase>(database);

public sealed class PostgresAuditCommandTests(PostgresTestDatabase database) : AuditCommandTests<PostgresTestDatabase>(database);
