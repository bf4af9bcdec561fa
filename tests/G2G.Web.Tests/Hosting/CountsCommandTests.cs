using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Supervision;
using G2G.Web.Hosting;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Tests.Hosting;

/// <summary>
/// The operator's <c>counts rebuild</c>, run as a script runs it: the built host as its own process. Counts lost or wrong
/// are counted again from the tasks (exit 0, a line saying how many rows); bad arguments exit 2.
/// </summary>
public abstract class CountsCommandTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private Task<(int ExitCode, List<string> Lines)> RunAsync(params string[] arguments) =>
        HostProcess.RunAsync(["counts", .. arguments],
            ("Database__Provider", database.Settings.Provider.ToString()),
            ("ConnectionStrings__G2G", database.Settings.ConnectionString),
            (TestEventLogKeys.Setting.Replace(":", "__", StringComparison.Ordinal), TestEventLogKeys.Key));

    [DatabaseFact]
    public async Task Rebuild_CountsTheTasksAgain_BadArgumentsExitTwo()
    {
        await database.MigrateAsync();
        Dictionary<(TaskCountKind, string, ClearanceLevel, DateOnly), TaskCounts.Totals> before;
        await using (var runtime = new RuntimeHarness(database))
        {
            await runtime.DeployAsync("approval.bpmn");
            var id = await runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
                new StartInstance("approval", RuntimeHarness.Vars(("amount", 500)), Initiator: "zhang.san", AgencyId: "agency-1")));
            var apply = await runtime.TaskAsync(id, "apply");
            await runtime.CompleteAsync(apply.Id, apply.Assignee!);
            before = await runtime.In(s => s.GetRequiredService<TaskCounts>().AllAsync(CancellationToken.None));
        }
        Assert.Contains(before.Keys, k => k.Item1 == TaskCountKind.OpenDue);
        Assert.Contains(before.Keys, k => k.Item1 == TaskCountKind.Completed);
        await using (var db = database.CreateContext())
        {
            await db.Set<TaskCountChangeRecord>().ExecuteDeleteAsync();
            await db.Set<TaskCountRecord>().ExecuteDeleteAsync();
        }

        var (exitCode, lines) = await RunAsync("rebuild");

        Assert.True(exitCode == CountsCommand.Done, string.Join("\n", lines));
        Assert.Contains(lines, l => l.StartsWith("Rebuilt ", StringComparison.Ordinal) && l.Contains(" count rows in ", StringComparison.Ordinal));
        await using (var runtime = new RuntimeHarness(database))
        {
            var after = await runtime.In(s => s.GetRequiredService<TaskCounts>().AllAsync(CancellationToken.None));
            Assert.Equal(before.OrderBy(c => c.Key.ToString()).Select(c => (c.Key, c.Value.Tasks, c.Value.OnTime, Math.Round(c.Value.Seconds))),
                after.OrderBy(c => c.Key.ToString()).Select(c => (c.Key, c.Value.Tasks, c.Value.OnTime, Math.Round(c.Value.Seconds))));
        }

        var (usage, errors) = await RunAsync("rebuilt");
        Assert.Equal(CountsCommand.Usage, usage);
        Assert.Contains(errors, l => l.Contains("usage: counts rebuild", StringComparison.Ordinal));
    }
}

public sealed class SqliteCountsCommandTests(SqliteTestDatabase database) : CountsCommandTests<SqliteTestDatabase>(database);

public sealed class PostgresCountsCommandTests(PostgresTestDatabase database) : CountsCommandTests<PostgresTestDatabase>(database);
