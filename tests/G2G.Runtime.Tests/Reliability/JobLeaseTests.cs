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
public abstract class JobLeaseTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new RuntimeHarness(database);
        await _runtime.DeployAsync("approval.bpmn");
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [DatabaseFact]
    public async Task Reminder_RunByANodeWhoseLeaseWasTakenOver_IsNotSentTwice()
    {
        var id = await _runtime.StartAsync("approval", ("amount", 20000));
        await _runtime.CompleteAsync((await _runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        _runtime.Clock.Advance(TimeSpan.FromDays(2)); // Wednesday 09:00: the director's reminder is due
        var slow = await _runtime.In(s => s.GetRequiredService<JobStore>().AcquireAsync("slow-node", _runtime.Clock.GetUtcNow(), TimeSpan.FromSeconds(60), 50, CancellationToken.None));
        var reminder = Assert.Single(slow, j => j.InstanceId == id && j.Kind == JobKinds.Reminder);

        _runtime.Clock.Advance(TimeSpan.FromSeconds(61)); // the slow node's lease ends; this node takes the reminder over and sends it
        await _runtime.RunJobsAsync();
        Assert.Single(await RemindersAsync(id));
        _runtime.Clock.Advance(TimeSpan.FromSeconds(5)); // now the slow node gets to the job it took
        await _runtime.In(s => s.GetRequiredService<JobRunner>().RunAsync(reminder, new JobClaim(reminder.Id, "slow-node"), CancellationToken.None));

        var sent = await RemindersAsync(id);
        Assert.True(sent.Count == 1, $"The reminder was written {sent.Count} times: {string.Join(", ", sent.Select(o => o.NotificationId))}");
        Assert.Single(await _runtime.Query(db => db.Set<HistoryRecord>().Where(h => h.InstanceId == id && h.Phase == "task.reminder").ToListAsync()));
    }

    [DatabaseFact]
    public async Task OverdueNotice_RunByANodeWhoseLeaseWasTakenOver_IsNotSentTwice()
    {
        var id = await _runtime.StartAsync("approval", ("amount", 20000));
        await _runtime.CompleteAsync((await _runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        _runtime.Clock.Advance(TimeSpan.FromDays(3)); // Thursday 09:00: the director's task is overdue
        var slow = await _runtime.In(s => s.GetRequiredService<JobStore>().AcquireAsync("slow-node", _runtime.Clock.GetUtcNow(), TimeSpan.FromSeconds(60), 50, CancellationToken.None));
        var overdue = Assert.Single(slow, j => j.InstanceId == id && j.Kind == JobKinds.Overdue);

        _runtime.Clock.Advance(TimeSpan.FromSeconds(61));
        await _runtime.RunJobsAsync();
        _runtime.Clock.Advance(TimeSpan.FromSeconds(5));
        await _runtime.In(s => s.GetRequiredService<JobRunner>().RunAsync(overdue, new JobClaim(overdue.Id, "slow-node"), CancellationToken.None));

        var sent = await _runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == id && o.Kind == "task.overdue").ToListAsync());
        Assert.True(sent.Count == 1, $"The overdue notice was written {sent.Count} times: {string.Join(", ", sent.Select(o => o.NotificationId))}");
    }

    private Task<List<OutboxRecord>> RemindersAsync(long instanceId) =>
        _runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == instanceId && o.Kind == "task.reminder").ToListAsync());
}

public sealed class SqliteJobLeaseTests(SqliteTestDatabase database) : JobLeaseTests<SqliteTestDatabase>(database);

public sealed class PostgresJobLeaseTests(PostgresTestDatabase database) : JobLeaseTests<PostgresTestDatabase>(database);
