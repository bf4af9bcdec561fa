using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// A signal, or a message several instances wait for with the same key, reaches every waiting instance exactly once,
/// even when one of them cannot take it now (it is suspended): the others get it at once, that one when it resumes.
/// The same holds when the node delivering it dies part-way (PostgresKilledHostSignalTests).
/// </summary>
public abstract class BroadcastTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "reliability-signal.bpmn", "messages.bpmn")
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Signal_ReachesEveryWaitingInstanceOnce_ASuspendedOneWhenItResumes()
    {
        var waiting = new[] { await Runtime.StartAsync("reliabilityNoticeWait"), await Runtime.StartAsync("reliabilityNoticeWait"), await Runtime.StartAsync("reliabilityNoticeWait") };
        var suspended = waiting[1];
        await Instances(s => s.SuspendAsync(suspended, "admin", "核查中"));

        await Runtime.StartAsync("reliabilityNoticeSend");
        await Runtime.RunJobsAsync();

        foreach (var id in waiting.Where(id => id != suspended))
            Assert.Equal(["read"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
        Assert.Empty(await Runtime.OpenTasksAsync(suspended));

        await Instances(s => s.ResumeAsync(suspended, "admin"));
        Runtime.Clock.Advance(TimeSpan.FromMinutes(1)); // a suspended instance's jobs are looked at again after a minute
        await Runtime.RunJobsAsync();

        foreach (var id in waiting)
        {
            Assert.Equal(["read"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
            Assert.Equal(1, await Runtime.Query(db => db.Set<InstanceEventRecord>().CountAsync(a => a.InstanceId == id && a.Kind == "signal.received")));
        }
        Assert.Empty(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.Kind == JobKinds.Signal).ToListAsync()));
        Assert.Empty(await Runtime.Query(db => db.Set<IncidentRecord>().ToListAsync()));
    }

    [DatabaseFact]
    public async Task Message_ForSeveralInstancesWithTheSameKey_ReachesEachOnce_ASuspendedOneWhenItResumes()
    {
        var docNo = $"粤府函〔2026〕{Guid.NewGuid():N}号";
        var first = await Runtime.StartAsync("issue", ("docNo", docNo));
        var second = await Runtime.StartAsync("issue", ("docNo", docNo));
        await Instances(s => s.SuspendAsync(second, "admin", "核查中"));
        await Runtime.RunJobsAsync(); // the first issue's document arrives: a receiving instance starts
        var receiving = await Runtime.Query(db => db.Set<ProcessInstanceRecord>().SingleAsync(i => i.ProcessKey == "receive" && i.BusinessKey == docNo));

        await Runtime.CompleteAsync((await Runtime.TaskAsync(receiving.Id, "signFor")).Id, "clerk"); // its receipt goes to both issues
        await Runtime.RunJobsAsync();
        Assert.Equal(InstanceStatus.Completed, (await Runtime.InstanceAsync(first)).Status);
        Assert.Equal(InstanceStatus.Running, (await Runtime.InstanceAsync(second)).Status);

        await Instances(s => s.ResumeAsync(second, "admin"));
        Runtime.Clock.Advance(TimeSpan.FromMinutes(1));
        await Runtime.RunJobsAsync();

        foreach (var id in new[] { first, second })
        {
            Assert.Equal(InstanceStatus.Completed, (await Runtime.InstanceAsync(id)).Status);
            Assert.Equal(1, await Runtime.Query(db => db.Set<InstanceEventRecord>().CountAsync(a => a.InstanceId == id && a.Kind == "message.correlated")));
        }
        Assert.Empty(await Runtime.Query(db => db.Set<IncidentRecord>().ToListAsync()));
    }

    private Task Instances(Func<InstanceService, Task> command) => Runtime.In(s => command(s.GetRequiredService<InstanceService>()));
}

public sealed class SqliteBroadcastTests(SqliteTestDatabase database) : BroadcastTests<SqliteTestDatabase>(database);

public sealed class PostgresBroadcastTests(PostgresTestDatabase database) : BroadcastTests<PostgresTestDatabase>(database);
