using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// A node that lost the lease of a job (it was too slow, its lease expired and another node took the job over) must
/// not also commit the job's effect when it finally gets to it: a job's effect and its removal are one step.
/// </summary>
public abstract class JobLeaseTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "approval.bpmn")
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Reminder_RunByANodeWhoseLeaseWasTakenOver_IsNotSentTwice()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 20000));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        Runtime.Clock.Advance(TimeSpan.FromDays(2)); // Wednesday 09:00: the director's reminder is due
        var slow = await Runtime.In(s => s.GetRequiredService<JobStore>().AcquireAsync("slow-node", Runtime.Clock.GetUtcNow(), TimeSpan.FromSeconds(60), 50, CancellationToken.None));
        var reminder = Assert.Single(slow, j => j.InstanceId == id && j.Kind == JobKinds.Reminder);

        Runtime.Clock.Advance(TimeSpan.FromSeconds(61)); // the slow node's lease ends; this node takes the reminder over and sends it
        await Runtime.RunJobsAsync();
        Assert.Single(await RemindersAsync(id));
        Runtime.Clock.Advance(TimeSpan.FromSeconds(5)); // now the slow node gets to the job it took
        await Runtime.In(s => s.GetRequiredService<JobRunner>().RunAsync(reminder, new JobClaim(reminder.Id, "slow-node"), CancellationToken.None));

        var sent = await RemindersAsync(id);
        Assert.True(sent.Count == 1, $"The reminder was written {sent.Count} times: {string.Join(", ", sent.Select(o => o.NotificationId))}");
        Assert.Single(await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(h => h.InstanceId == id && h.Kind == EventKinds.TaskReminder).ToListAsync()));
    }

    [DatabaseFact]
    public async Task OverdueNotice_RunByANodeWhoseLeaseWasTakenOver_IsNotSentTwice()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 20000));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        Runtime.Clock.Advance(TimeSpan.FromDays(3)); // Thursday 09:00: the director's task is overdue
        var slow = await Runtime.In(s => s.GetRequiredService<JobStore>().AcquireAsync("slow-node", Runtime.Clock.GetUtcNow(), TimeSpan.FromSeconds(60), 50, CancellationToken.None));
        var overdue = Assert.Single(slow, j => j.InstanceId == id && j.Kind == JobKinds.Overdue);

        Runtime.Clock.Advance(TimeSpan.FromSeconds(61));
        await Runtime.RunJobsAsync();
        Runtime.Clock.Advance(TimeSpan.FromSeconds(5));
        await Runtime.In(s => s.GetRequiredService<JobRunner>().RunAsync(overdue, new JobClaim(overdue.Id, "slow-node"), CancellationToken.None));

        var sent = await Runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == id && o.Kind == "task.overdue").ToListAsync());
        Assert.True(sent.Count == 1, $"The overdue notice was written {sent.Count} times: {string.Join(", ", sent.Select(o => o.NotificationId))}");
    }

    private Task<List<OutboxRecord>> RemindersAsync(long instanceId) =>
        Runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == instanceId && o.Kind == "task.reminder").ToListAsync());
}

public sealed class SqliteJobLeaseTests(SqliteTestDatabase database) : JobLeaseTests<SqliteTestDatabase>(database);

public sealed class PostgresJobLeaseTests(PostgresTestDatabase database) : JobLeaseTests<PostgresTestDatabase>(database);

/// <summary>
/// The jobs a node took in one batch keep their lease while they wait for their turn behind a slow one
/// (PostgreSQL: on SQLite a command holds the only write lock, so no other node can take a job meanwhile). The
/// renewal runs on a real timer, so the test runs alone (in the reliability group), not beside busy test classes.
/// </summary>
[Collection(ReliabilityTestGroup.Name)]
public sealed class PostgresBatchLeaseTests(PostgresTestDatabase database) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromMilliseconds(300);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly SemaphoreSlim _entered = new(0);
    private readonly ManualResetEventSlim _gate = new(false);
    private ReliabilityRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new ReliabilityRuntime(database, _clock, new Dictionary<string, string?>
        {
            ["Runtime:NodeName"] = "node-a",
            ["Runtime:Jobs:LeaseDuration"] = Lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
            ["Runtime:Jobs:BatchSize"] = "10",
        }, actions => actions.Add("test.slow", _ =>
        {
            _entered.Release();
            _gate.Wait(TimeSpan.FromSeconds(60)); // the first job of the batch is slow until the test lets it go
            return new Dictionary<string, G2G.Engine.Expressions.Value>();
        }));
        await _runtime.In(s => s.GetRequiredService<G2G.Runtime.Definitions.DeploymentService>().DeployAsync("""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="slowAfterTimer" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="wait" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="wait" targetRef="slow" />
                <bpmn:serviceTask id="slow" g2g:action="test.slow" /><bpmn:sequenceFlow id="f3" sourceRef="slow" targetRef="after" />
                <bpmn:userTask id="after" g2g:assignee="user('li.si')" /><bpmn:sequenceFlow id="f4" sourceRef="after" targetRef="e" />
                <bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, "slow.bpmn"));
    }

    public async Task DisposeAsync()
    {
        _gate.Set();
        await _runtime.DisposeAsync();
        _gate.Dispose();
        _entered.Dispose();
    }

    [DatabaseFact]
    public async Task JobsWaitingInABatch_BehindASlowOne_KeepTheirLease_SoNoOtherNodeTakesThem()
    {
        var first = await StartAsync();
        var second = await StartAsync();
        _clock.Advance(TimeSpan.FromMinutes(2)); // both timers are due
        var run = Task.Run(() => _runtime.Get<JobExecutor>().RunDueJobsAsync(CancellationToken.None));
        try
        {
            Assert.True(await _entered.WaitAsync(TimeSpan.FromSeconds(60)), "The first timer job never reached its service task.");
            var waiting = await _runtime.Query(db => db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.InstanceId == second && j.Kind == JobKinds.Timer));
            Assert.Equal("node-a", waiting.LeaseOwner);

            _clock.Advance(TimeSpan.FromMinutes(10)); // far longer than the lease: only renewals keep the batch
            var renewed = false;
            for (var watch = System.Diagnostics.Stopwatch.StartNew(); !renewed && watch.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(20))
            {
                var lease = await _runtime.Query(db => db.Set<JobRecord>().AsNoTracking().Where(j => j.Id == waiting.Id).Select(j => j.LeaseUntil).SingleAsync());
                renewed = lease > _clock.GetUtcNow();
            }
            Assert.True(renewed, "The lease of the job waiting in node-a's batch was not renewed while the first job ran: it ran out, and another node could take the job.");
            var taken = await _runtime.In(s => s.GetRequiredService<JobStore>().AcquireAsync("node-b", _clock.GetUtcNow(), Lease, 10, CancellationToken.None));
            Assert.Empty(taken);
        }
        finally
        {
            _gate.Set();
            await run;
        }

        foreach (var id in new[] { first, second })
        {
            Assert.Equal(1, await _runtime.Query(db => db.Set<InstanceEventRecord>().CountAsync(a => a.InstanceId == id && a.Kind == "timer.fired")));
            Assert.Equal(1, await _runtime.Query(db => db.Set<TaskRecord>().CountAsync(t => t.InstanceId == id && t.ElementId == "after")));
        }
        Assert.Equal(0, await _runtime.Query(db => db.Set<JobRecord>().CountAsync()));
    }

    private Task<long> StartAsync() =>
        _runtime.In(s => s.GetRequiredService<G2G.Runtime.Instances.InstanceService>().StartAsync(new G2G.Runtime.Instances.StartInstance("slowAfterTimer", Initiator: "zhang.san")));
}
