using G2G.Runtime.Audit;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// Process-level timer start events: a deploy arms one job per timer start event of the latest version; a due job starts
/// one instance as the system (once, even when two nodes run it); a cycle moves on to its next occurrence and stops after
/// its repetitions; a new version replaces the jobs of the earlier one and an unchanged file keeps them; a retracted
/// version starts nothing. On the demo province, so a step's assignment rule can find nobody. The clock starts on
/// Monday 2026-11-23 09:00 (+08:00); each test has a process key of its own, since the class shares its database.
/// </summary>
public abstract class TimerStartTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database)
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Runtime.SeedDemoProvinceAsync();
    }

    private static string NewKey() => $"timer-start-{Guid.NewGuid():N}"[..24];

    /// <summary>A start event with a timer (<paramref name="element"/>: timeDate, timeDuration or timeCycle) leading to the one step.</summary>
    private static string Timer(string id, string element, string text) => $"""
        <bpmn:startEvent id="{id}"><bpmn:timerEventDefinition><bpmn:{element}>{text}</bpmn:{element}></bpmn:timerEventDefinition></bpmn:startEvent>
        <bpmn:sequenceFlow id="to-{id}" sourceRef="{id}" targetRef="report" />
        """;

    private static string Xml(string key, string starts, string assignee = "user('zheng.kai')") => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="urn:g2g:tests">
          <bpmn:process id="{key}" name="月度报表" isExecutable="true" g2g:starters="none">
            {starts}
            <bpmn:userTask id="report" name="编制报表" g2g:assignee="{assignee}" />
            <bpmn:sequenceFlow id="done" sourceRef="report" targetRef="end" /><bpmn:endEvent id="end" />
          </bpmn:process>
        </bpmn:definitions>
        """;

    private async Task<DeployedProcess> DeployAsync(string xml) =>
        Assert.Single(await Runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(xml, "timer-start.bpmn")));

    private Task<List<JobRecord>> JobsAsync(string key) =>
        Runtime.Query(db => db.Set<JobRecord>().AsNoTracking()
            .Where(j => j.Kind == JobKinds.TimerStart && db.ProcessDefinitions.Any(d => d.Id == j.TargetId && d.ProcessKey == key))
            .OrderBy(j => j.Id).ToListAsync());

    private Task<List<ProcessInstanceRecord>> InstancesAsync(string key) =>
        Runtime.Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.ProcessKey == key).OrderBy(i => i.Id).ToListAsync());

    private static TimerStartPayload Occurrence(JobRecord job) => VariablesJson.Deserialize<TimerStartPayload>(job.Payload!);

    [DatabaseFact]
    public async Task Deploy_ArmsOneJobPerTimerStartEvent_DueWhenItsTimerIs()
    {
        var key = NewKey();
        var now = Runtime.Clock.GetUtcNow();
        var deployed = await DeployAsync(Xml(key, $"""
            <bpmn:startEvent id="byHand" /><bpmn:sequenceFlow id="to-byHand" sourceRef="byHand" targetRef="report" />
            {Timer("once", "timeDate", "2026-01-01T09:00:00+08:00")}
            {Timer("later", "timeDuration", "PT2H")}
            {Timer("monthly", "timeCycle", "R/2027-01-01T09:00:00+08:00/P1M")}
            {Timer("over", "timeCycle", "R2/2025-01-01T09:00:00+08:00/P1D")}
            """));

        var jobs = await JobsAsync(key);

        Assert.All(jobs, j => Assert.Equal((deployed.DefinitionId, (long?)null, JobStates.Pending), (j.TargetId!.Value, j.InstanceId, j.State)));
        var due = jobs.ToDictionary(j => Occurrence(j).StartEventId, j => j.DueAt);
        Assert.Equal(3, due.Count); // none for the start by hand, none for a cycle whose every occurrence has passed
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 9, 0, 0, China), due["once"]); // a date that has passed fires once, at once
        Assert.Equal(now.AddHours(2), due["later"]);
        Assert.Equal(new DateTimeOffset(2027, 1, 1, 9, 0, 0, China), due["monthly"]);
        Assert.Empty(await InstancesAsync(key)); // nothing starts before its time
    }

    [DatabaseFact]
    public async Task ADueTimerStart_StartsOneInstanceAsTheSystem_EvenWhenTwoNodesRunTheJobs()
    {
        var key = NewKey();
        await DeployAsync(Xml(key, Timer("once", "timeDate", "2026-11-23T10:00:00+08:00")));
        await using var other = new RuntimeHarness(Database, nodeName: "other-node");
        Runtime.Clock.Advance(TimeSpan.FromHours(1));
        other.Clock.Set(Runtime.Clock.GetUtcNow());

        await Task.WhenAll(Runtime.RunJobsAsync(), other.RunJobsAsync());

        var instance = Assert.Single(await InstancesAsync(key));
        Assert.Equal(("system", 1, InstanceStatus.Running), (instance.Initiator, instance.DefinitionVersion, instance.Status));
        Assert.Equal("zheng.kai", Assert.Single(await Runtime.OpenTasksAsync(instance.Id)).Assignee);
        var events = await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == instance.Id).OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal(("instance.started", "system"), (events[0].Kind, events[0].Actor));
        Assert.Contains(events, e => e.Kind == EventKinds.ElementStarted && e.ElementId == "once");
        Assert.Empty(await JobsAsync(key)); // a date fires once
    }

    [DatabaseFact]
    public async Task ATimerStart_RunByANodeWhoseLeaseWasTakenOver_StartsNoSecondInstance()
    {
        var key = NewKey();
        await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R/PT1H")));
        var armed = Assert.Single(await JobsAsync(key));
        Runtime.Clock.Advance(TimeSpan.FromHours(1));
        var slow = await Runtime.In(s => s.GetRequiredService<JobStore>().AcquireAsync("slow-node", Runtime.Clock.GetUtcNow(), TimeSpan.FromSeconds(60), 50, CancellationToken.None));
        var job = Assert.Single(slow, j => j.Id == armed.Id);

        Runtime.Clock.Advance(TimeSpan.FromSeconds(61)); // the slow node's lease ends; this node takes the job over and starts the instance
        await Runtime.RunJobsAsync();
        Assert.Single(await InstancesAsync(key));
        var refused = await Assert.ThrowsAsync<RuntimeException>(() =>
            Runtime.In(s => s.GetRequiredService<JobRunner>().RunAsync(job, new JobClaim(job.Id, "slow-node"), CancellationToken.None)));

        Assert.Equal(RuntimeErrorCode.Conflict, refused.Code);
        Assert.Single(await InstancesAsync(key));
        var moved = Assert.Single(await JobsAsync(key));
        Assert.Equal((job.Id, job.DueAt.AddHours(1), 0, (string?)null), (moved.Id, moved.DueAt, moved.Attempts, moved.LeaseOwner));
    }

    [DatabaseFact]
    public async Task ACycle_StartsAnInstanceAtEachOccurrence_AndStopsAfterItsRepetitions()
    {
        var key = NewKey();
        await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R3/PT1H")));
        var armed = Runtime.Clock.GetUtcNow();

        for (var occurrence = 1; occurrence <= 3; occurrence++)
        {
            Runtime.Clock.Advance(TimeSpan.FromHours(1));
            await Runtime.RunJobsAsync();
            Assert.Equal(occurrence, (await InstancesAsync(key)).Count);
            var jobs = await JobsAsync(key);
            if (occurrence < 3)
                Assert.Equal(armed.AddHours(occurrence + 1), Assert.Single(jobs).DueAt);
            else
                Assert.Empty(jobs); // R3: the third occurrence was the last
        }
        Runtime.Clock.Advance(TimeSpan.FromHours(5));
        await Runtime.RunJobsAsync();
        Assert.Equal(3, (await InstancesAsync(key)).Count);
    }

    [DatabaseFact]
    public async Task ALateCycle_StartsOnceForTheOccurrencesMissed_ThenAtTheNextStillToCome()
    {
        var key = NewKey();
        await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R/PT1H")));
        var armed = Runtime.Clock.GetUtcNow();

        Runtime.Clock.Advance(TimeSpan.FromHours(5.5)); // no node ran for five occurrences
        await Runtime.RunJobsAsync();

        Assert.Single(await InstancesAsync(key));
        var next = Assert.Single(await JobsAsync(key));
        Assert.Equal(armed.AddHours(6), next.DueAt);
        Assert.Equal(5, Occurrence(next).Before);
    }

    [DatabaseFact]
    public async Task ANewVersion_ReplacesTheTimerStartsOfTheEarlierOne_AndTheSameFileAgainKeepsThem()
    {
        var key = NewKey();
        var first = await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R/PT1H")));
        var armed = Assert.Single(await JobsAsync(key));
        Runtime.Clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Equal(DeploymentOutcome.Unchanged, (await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R/PT1H")))).Outcome);
        var kept = Assert.Single(await JobsAsync(key));
        Assert.Equal((armed.Id, armed.DueAt), (kept.Id, kept.DueAt)); // not armed again from the later deploy

        var second = await DeployAsync(Xml(key, Timer("tomorrow", "timeDate", "2026-11-24T09:00:00+08:00")));

        var replaced = Assert.Single(await JobsAsync(key));
        Assert.Equal((second.DefinitionId, "tomorrow", new DateTimeOffset(2026, 11, 24, 9, 0, 0, China)),
            (replaced.TargetId!.Value, Occurrence(replaced).StartEventId, replaced.DueAt));
        Assert.NotEqual(first.DefinitionId, second.DefinitionId);
        Runtime.Clock.Advance(TimeSpan.FromHours(1)); // the first version's hour passes: it starts nothing
        await Runtime.RunJobsAsync();
        Assert.Empty(await InstancesAsync(key));
        Runtime.Clock.Set(new DateTimeOffset(2026, 11, 24, 9, 0, 0, China));
        await Runtime.RunJobsAsync();
        Assert.Equal(2, Assert.Single(await InstancesAsync(key)).DefinitionVersion);
    }

    [DatabaseFact]
    public async Task TheWorkflowsFolderAtEachStart_ArmsANewFileOnce_AndKeepsItsCycle()
    {
        var key = NewKey();
        var folder = Directory.CreateTempSubdirectory("g2g-timer-start-");
        try
        {
            Directory.CreateDirectory(Path.Combine(folder.FullName, "report"));
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "report", "report.bpmn"), Xml(key, Timer("daily", "timeCycle", "R/2026-11-24T08:30:00+08:00/P1D")));
            Task<DirectoryDeployment> Start() => Runtime.In(s => s.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(folder.FullName));

            Assert.Equal(1, (await Start()).Created);
            var armed = Assert.Single(await JobsAsync(key));
            Runtime.Clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(0, (await Start()).Created); // a restart finds the file unchanged

            var kept = Assert.Single(await JobsAsync(key));
            Assert.Equal((armed.Id, new DateTimeOffset(2026, 11, 24, 8, 30, 0, China)), (kept.Id, kept.DueAt));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [DatabaseFact]
    public async Task ARetractedVersion_StartsNothing_AndItsCycleGoesOnUntilItIsPublishedAgain()
    {
        var key = NewKey();
        await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R/PT1H")));
        var armed = Runtime.Clock.GetUtcNow();
        await Runtime.In(s => s.GetRequiredService<DeploymentService>().RetractAsync(key, 1, "admin"));

        Runtime.Clock.Advance(TimeSpan.FromHours(1));
        await Runtime.RunJobsAsync();
        Assert.Empty(await InstancesAsync(key));
        Assert.Equal(armed.AddHours(2), Assert.Single(await JobsAsync(key)).DueAt);

        await Runtime.In(s => s.GetRequiredService<DeploymentService>().PublishAsync(key, 1, "admin"));
        Runtime.Clock.Advance(TimeSpan.FromHours(1));
        await Runtime.RunJobsAsync();
        Assert.Single(await InstancesAsync(key));
    }

    [DatabaseFact]
    public async Task AStepWithNobodyForIt_IsAnIncidentOfTheStartedInstance_AndTheCycleGoesOn()
    {
        var key = NewKey();
        await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R/PT1H"), assignee: "user('no.such.user')"));
        var armed = Runtime.Clock.GetUtcNow();

        Runtime.Clock.Advance(TimeSpan.FromHours(1));
        await Runtime.RunJobsAsync();

        var instance = Assert.Single(await InstancesAsync(key));
        var incident = Assert.Single(await Runtime.Query(db => db.Set<IncidentRecord>().Where(i => i.InstanceId == instance.Id && i.ResolvedAt == null).ToListAsync()));
        Assert.Equal("report", incident.ElementId);
        Assert.Contains("has nobody to work on it", incident.Message, StringComparison.Ordinal);
        Assert.Equal(armed.AddHours(2), Assert.Single(await JobsAsync(key)).DueAt);
    }

    [DatabaseFact]
    public async Task AStartThatFails_WritesNothing_AndAfterItsLastTryTheCycleGoesOn()
    {
        var key = NewKey();
        await DeployAsync(Xml(key, Timer("hourly", "timeCycle", "R/PT1H")));
        var armed = Runtime.Clock.GetUtcNow();
        var job = Assert.Single(await JobsAsync(key));
        // A start the engine refuses: the payload names a start event the version does not have.
        var broken = VariablesJson.Serialize(Occurrence(job) with { StartEventId = "gone" });
        await Runtime.Query(db => db.Set<JobRecord>().Where(j => j.Id == job.Id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Payload, broken)));

        Runtime.Clock.Advance(TimeSpan.FromHours(1));
        await Runtime.RunJobsAsync();
        var retried = Assert.Single(await JobsAsync(key));
        Assert.Equal((JobStates.Pending, 1), (retried.State, retried.Attempts));
        Runtime.Clock.Advance(TimeSpan.FromSeconds(10));
        await Runtime.RunJobsAsync();
        Runtime.Clock.Advance(TimeSpan.FromSeconds(20));
        await Runtime.RunJobsAsync();

        Assert.Empty(await InstancesAsync(key));
        var jobs = await JobsAsync(key);
        Assert.Equal(2, jobs.Count);
        Assert.Equal((job.Id, JobStates.Failed, 3), (jobs[0].Id, jobs[0].State, jobs[0].Attempts));
        Assert.Contains("gone", jobs[0].LastError, StringComparison.Ordinal);
        Assert.Equal((JobStates.Pending, armed.AddHours(2), 0), (jobs[1].State, jobs[1].DueAt, jobs[1].Attempts));
    }
}

public sealed class SqliteTimerStartTests(SqliteTestDatabase database) : TimerStartTests<SqliteTestDatabase>(database);

public sealed class PostgresTimerStartTests(PostgresTestDatabase database) : TimerStartTests<PostgresTestDatabase>(database);
