using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

public abstract class InstanceTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "approval.bpmn")
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Approval_RunsToTheEnd_WithTasksHistoryAndAVerifiedAuditChain()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 20000));
        var apply = await Runtime.TaskAsync(id, "apply");
        Assert.Equal("zhang.san", apply.Assignee);
        Assert.Equal("agency-1", apply.AgencyId);

        await Runtime.CompleteAsync(apply.Id, "zhang.san");
        var director = await Runtime.TaskAsync(id, "director");
        Assert.Equal("leader:agency-1", Assert.Single(director.Candidates).Value);
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(8)), director.DueAt);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.FromHours(8)), director.RemindAt);
        await Runtime.CompleteAsync(director.Id, "ju.zhang", "approve");

        var instance = await Runtime.InstanceAsync(id);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var path = await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(h => h.InstanceId == id && h.Kind == EventKinds.ElementCompleted).OrderBy(h => h.Seq).Select(h => h.ElementId).ToListAsync());
        Assert.Equal(["start", "apply", "route", "director", "end"], path);
        var audit = await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(a => a.InstanceId == id).AuditTrail().OrderBy(a => a.Seq).Select(a => a.Kind).ToListAsync());
        Assert.Equal(["instance.started", "task.completed", "task.completed"], audit);
        Assert.Null(await Runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync()));
        Assert.Empty(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id).ToListAsync()));
    }

    [DatabaseFact]
    public async Task Start_UnknownProcessKey_IsNotFoundAndWritesNothing()
    {
        var before = await Runtime.Query(db => db.Set<ProcessInstanceRecord>().CountAsync());

        var error = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.StartAsync("no-such-process"));

        Assert.Equal(RuntimeErrorCode.NotFound, error.Code);
        Assert.Contains("no-such-process", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await Runtime.Query(db => db.Set<ProcessInstanceRecord>().CountAsync()));
    }

    [DatabaseFact]
    public async Task CompleteTask_AlreadyCompleted_IsAConflictAndWritesNothing()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 500));
        var apply = await Runtime.TaskAsync(id, "apply");
        await Runtime.CompleteAsync(apply.Id, "zhang.san");
        var version = (await Runtime.InstanceAsync(id)).Version;

        var error = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.CompleteAsync(apply.Id, "zhang.san"));

        Assert.Equal(RuntimeErrorCode.Conflict, error.Code);
        Assert.Contains("already completed by zhang.san", error.Message, StringComparison.Ordinal);
        Assert.Equal(version, (await Runtime.InstanceAsync(id)).Version);
    }

    [DatabaseFact]
    public async Task CompleteTask_WithAVariableOfTheWrongType_IsRefusedWithTheReasonAndWritesNothing()
    {
        var id = await Runtime.StartAsync("approval");
        var apply = await Runtime.TaskAsync(id, "apply");
        var version = (await Runtime.InstanceAsync(id)).Version;

        var error = await Assert.ThrowsAsync<RuntimeException>(() => Runtime.CompleteAsync(apply.Id, "zhang.san", null, ("amount", "很多")));

        Assert.Equal(RuntimeErrorCode.Invalid, error.Code);
        Assert.Contains("route", error.Message, StringComparison.Ordinal);
        Assert.Equal(version, (await Runtime.InstanceAsync(id)).Version);
        Assert.Equal(TaskStates.Open, (await Runtime.TaskAsync(id, "apply")).State);
        Assert.Empty(await Runtime.Query(db => db.Set<IncidentRecord>().Where(i => i.InstanceId == id).ToListAsync()));
    }

    [DatabaseFact]
    public async Task TwoUsersCompleteTheSameTaskAtOnce_ExactlyOneWins_AndTheInstanceAdvancesOnce()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 500));
        var apply = await Runtime.TaskAsync(id, "apply");
        await Runtime.CompleteAsync(apply.Id, "zhang.san");
        var head = await Runtime.TaskAsync(id, "head");

        using var start = new Barrier(2);
        var attempts = new[] { "wang.wu", "zhao.liu" }.Select(user => Task.Run(async () =>
        {
            start.SignalAndWait();
            try
            {
                await Runtime.CompleteAsync(head.Id, user, "approve");
                return (user, (RuntimeException?)null);
            }
            catch (RuntimeException error)
            {
                return (user, error);
            }
        })).ToArray();
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r.Item2 is null);
        var loser = Assert.Single(results, r => r.Item2 is not null);
        Assert.Equal(RuntimeErrorCode.Conflict, loser.Item2!.Code);
        var completed = await Runtime.Query(db => db.Set<TaskRecord>().SingleAsync(t => t.Id == head.Id));
        Assert.Equal(winner.user, completed.CompletedBy);
        Assert.Equal(InstanceStatus.Completed, (await Runtime.InstanceAsync(id)).Status);
        Assert.Equal(2, await Runtime.Query(db => db.Set<InstanceEventRecord>().CountAsync(a => a.InstanceId == id && a.Kind == "task.completed")));
        // Events are written after the version check: the losing attempt left no steps behind.
        var steps = await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(h => h.InstanceId == id && h.ElementId == "head").PathSteps().Select(h => h.Kind).ToListAsync());
        Assert.NotEmpty(steps);
        Assert.Equal(steps.Distinct().Count(), steps.Count);
    }

    [DatabaseFact]
    public async Task Notifications_AreDeliveredOnceFromTheOutbox()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 500));

        await Runtime.DispatchOutboxAsync();
        await Runtime.DispatchOutboxAsync();

        var inbox = await Runtime.Query(db => db.Set<NotificationRecord>().Where(n => n.InstanceId == id).ToListAsync());
        var notification = Assert.Single(inbox);
        Assert.Equal("zhang.san", notification.UserId);
        Assert.Contains("填写申请", notification.Subject, StringComparison.Ordinal);
        Assert.All(await Runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == id).ToListAsync()), o => Assert.NotNull(o.DispatchedAt));
    }
}

public sealed class SqliteInstanceTests(SqliteTestDatabase database) : InstanceTests<SqliteTestDatabase>(database);

public sealed class PostgresInstanceTests(PostgresTestDatabase database) : InstanceTests<PostgresTestDatabase>(database);
