using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

public abstract class JobTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "timer.bpmn", "messages.bpmn", "call.bpmn", "approval.bpmn")
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task BoundaryTimer_FiresWhenTheClockPassesItsDueTime_NotBefore()
    {
        var id = await Runtime.StartAsync("timeout");

        Runtime.Clock.Advance(TimeSpan.FromMinutes(119));
        await Runtime.RunJobsAsync();
        Assert.Equal(["handle"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));

        Runtime.Clock.Advance(TimeSpan.FromMinutes(1));
        await Runtime.RunJobsAsync();
        var open = await Runtime.OpenTasksAsync(id);
        Assert.Equal(["supervise"], open.Select(t => t.ElementId));
        Assert.Equal(TaskStates.Cancelled, (await Runtime.Query(db => db.Set<TaskRecord>().SingleAsync(t => t.InstanceId == id && t.ElementId == "handle"))).State);
        Assert.Empty(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id && j.Kind == JobKinds.Timer).ToListAsync()));
    }

    [DatabaseFact]
    public async Task CompletingTheTask_CancelsItsTimerJob()
    {
        var id = await Runtime.StartAsync("timeout");
        Assert.Single(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id && j.Kind == JobKinds.Timer).ToListAsync()));

        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "handle")).Id);

        Assert.Empty(await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.InstanceId == id).ToListAsync()));
        Assert.Equal(InstanceStatus.Completed, (await Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task Reminder_IsSentBeforeTheDueDate_ThroughTheOutbox()
    {
        var id = await Runtime.StartAsync("approval", ("amount", 20000));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");

        Runtime.Clock.Advance(TimeSpan.FromDays(2)); // Wednesday 09:00: one working day before Thursday's due date
        await Runtime.RunJobsAsync();

        var reminder = Assert.Single(await Runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == id && o.Kind == "task.reminder").ToListAsync()));
        Assert.Equal("group:leader:agency-1", reminder.Recipient);
        Assert.Contains("局长审批", reminder.Subject, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task Message_FromOneProcess_StartsTheReceivingProcess_AndItsReplyCorrelatesByKey()
    {
        var docNo = $"粤府函〔2026〕{Random.Shared.Next(100000)}号";
        var issuer = await Runtime.StartAsync("issue", ("docNo", docNo));
        await Runtime.RunJobsAsync();

        var receiving = await Runtime.Query(db => db.Set<ProcessInstanceRecord>().SingleAsync(i => i.ProcessKey == "receive" && i.BusinessKey == docNo));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(receiving.Id, "signFor")).Id, "clerk");
        await Runtime.RunJobsAsync();

        Assert.Equal(InstanceStatus.Completed, (await Runtime.InstanceAsync(receiving.Id)).Status);
        Assert.Equal(InstanceStatus.Completed, (await Runtime.InstanceAsync(issuer)).Status);
        Assert.Empty(await Runtime.Query(db => db.Set<EventSubscriptionRecord>().Where(s => s.InstanceId == issuer).ToListAsync()));
    }

    [DatabaseFact]
    public async Task CallActivity_StartsTheChild_AndContinuesWithItsOutputs()
    {
        var parent = await Runtime.StartAsync("withArchive", ("docNo", "A-1"));
        await Runtime.RunJobsAsync();
        var child = await Runtime.Query(db => db.Set<ProcessInstanceRecord>().SingleAsync(i => i.ParentInstanceId == parent));
        Assert.Equal("archiving", child.ProcessKey);

        await Runtime.CompleteAsync((await Runtime.TaskAsync(child.Id, "file")).Id, "archivist", null, ("archiveCode", "0001-WS·2026-Y-BGS-0001"));
        await Runtime.RunJobsAsync();

        var finished = await Runtime.InstanceAsync(parent);
        Assert.Equal(InstanceStatus.Completed, finished.Status);
        var variables = G2G.Engine.Execution.ProcessStateJson.Deserialize(finished.State).Variables;
        Assert.Equal(G2G.Engine.Expressions.Value.From("0001-WS·2026-Y-BGS-0001"), variables["archiveCode"]);
    }

    [DatabaseFact]
    public async Task FailingJob_IsRetriedWithBackoff_ThenBecomesAnIncident_AndCanBeRetried()
    {
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().RetractAsync("archiving", 1, "admin"));
        try
        {
            var parent = await Runtime.StartAsync("withArchive", ("docNo", "A-2"));
            for (var attempt = 0; attempt < 3; attempt++)
            {
                await Runtime.RunJobsAsync();
                Runtime.Clock.Advance(TimeSpan.FromMinutes(5));
            }

            var job = await Runtime.Query(db => db.Set<JobRecord>().SingleAsync(j => j.InstanceId == parent && j.Kind == JobKinds.StartChild));
            Assert.Equal(JobStates.Failed, job.State);
            Assert.Equal(3, job.Attempts);
            var incident = await Runtime.Query(db => db.Set<IncidentRecord>().SingleAsync(i => i.InstanceId == parent && i.JobId == job.Id));
            Assert.Contains("archiving", incident.Message, StringComparison.Ordinal);

            await Runtime.In(s => s.GetRequiredService<DeploymentService>().PublishAsync("archiving", 1, "admin"));
            await Runtime.In(s => s.GetRequiredService<InstanceService>().RetryIncidentByIdAsync(incident.Id, "admin"));
            await Runtime.RunJobsAsync();
            Assert.Single(await Runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.ParentInstanceId == parent).ToListAsync()));
        }
        finally
        {
            await Runtime.In(s => s.GetRequiredService<DeploymentService>().PublishAsync("archiving", 1, "admin"));
        }
    }

    [DatabaseFact]
    public async Task ExpiredLease_OfADeadNode_IsTakenOverByAnotherNode()
    {
        var id = await Runtime.StartAsync("timeout");
        Runtime.Clock.Advance(TimeSpan.FromHours(2));
        var owner = "dead-node";
        var now = Runtime.Clock.GetUtcNow();
        var taken = await Runtime.In(s => s.GetRequiredService<JobStore>().AcquireAsync(owner, now, TimeSpan.FromSeconds(60), 10, CancellationToken.None));
        Assert.Contains(taken, j => j.InstanceId == id);

        Assert.Equal(0, await Runtime.RunJobsAsync()); // still leased by the dead node
        Runtime.Clock.Advance(TimeSpan.FromSeconds(61));
        await Runtime.RunJobsAsync();

        Assert.Equal(["supervise"], (await Runtime.OpenTasksAsync(id)).Select(t => t.ElementId));
    }
}

public sealed class SqliteJobTests(SqliteTestDatabase database) : JobTests<SqliteTestDatabase>(database);

public sealed class PostgresJobTests(PostgresTestDatabase database) : JobTests<PostgresTestDatabase>(database);
