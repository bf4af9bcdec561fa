using G2G.Office.Records;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.RecordsWorld;
using static G2G.Runtime.Tests.Runtime.LeaderEscalation;

namespace G2G.Office.Tests;

/// <summary>The shipped 司法档案调阅 procedure (workflows/judicial/records-request) walked through the runtime.</summary>
public abstract class RecordsScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, RecordsWorld>(database, new RecordsWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task BothSidesApprove_TheHoldingAgencyDecides_AndTheRequesterGetsAccessForThePeriod()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id);
        await World.DecideAsync(id, "head", Head);
        await World.DecideAsync(id, "leader", Leader);

        var archive = await World.Runtime.TaskAsync(id, "archive"); // the work moves to the court
        Assert.Equal((Archivist, "archive"), (archive.Assignee, archive.ElementId));
        await World.DecideAsync(id, "archive", Archivist);
        Assert.Equal(Judge, (await World.Runtime.TaskAsync(id, "holdingLeader")).Assignee);
        Assert.Equal(RecordsStates.Requested, (await World.RequestAsync(id)).State);
        await World.DecideAsync(id, "holdingLeader", Judge);

        var granted = await World.RequestAsync(id);
        Assert.Equal((RecordsStates.Granted, Holding, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 8)),
            (granted.State, granted.HoldingAgencyId, granted.AccessFrom, granted.AccessUntil));
        Assert.Empty(await World.OpenStepsAsync(id));
        Assert.Equal(InstanceStatus.Running, (await World.Runtime.InstanceAsync(id)).Status); // waits for the end
    }

    [DatabaseFact]
    public async Task OpeningTheFile_IsLetInOnlyForTheRequesterInThePeriod_AndEveryAttemptIsLogged()
    {
        var id = await World.StartAsync();
        await World.GrantAsync(id);
        var request = (await World.RequestAsync(id)).Id;

        var early = await Assert.ThrowsAsync<RuntimeException>(() => World.OpenFileAsync(request, Clerk)); // on the 4th
        Assert.Equal(RuntimeErrorCode.NotAllowed, early.Code);
        Assert.Contains("starts on 2027-01-05", early.Message, StringComparison.Ordinal);
        World.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 6, 10, 0, 0, TimeSpan.FromHours(8)));
        var opened = await World.OpenFileAsync(request, Clerk);
        var stranger = await Assert.ThrowsAsync<RuntimeException>(() => World.OpenFileAsync(request, CourtClerk));
        Assert.Contains($"Only {Clerk}", stranger.Message, StringComparison.Ordinal);
        World.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 8, 23, 0, 0, TimeSpan.FromHours(8)));
        await World.OpenFileAsync(request, Clerk); // the last day counts

        var log = await World.AccessesAsync(request);
        Assert.Equal([(Clerk, false), (Clerk, true), (CourtClerk, false), (Clerk, true)], log.Select(a => (a.UserId, a.Allowed)));
        Assert.True(opened.Allowed);
        Assert.All(log.Where(a => !a.Allowed), a => Assert.False(string.IsNullOrEmpty(a.Refusal)));
    }

    [DatabaseFact]
    public async Task TheTimer_EndsTheGrantAfterTheLastDay_AndNotBefore()
    {
        var id = await World.StartAsync();
        await World.GrantAsync(id);
        var request = (await World.RequestAsync(id)).Id;

        World.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 7, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.True(await World.Runtime.RunJobsAsync() > 0); // the daily check ran
        Assert.Equal(RecordsStates.Granted, (await World.RequestAsync(id)).State);
        Assert.Equal(InstanceStatus.Running, (await World.Runtime.InstanceAsync(id)).Status);

        World.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.True(await World.Runtime.RunJobsAsync() > 0);

        var ended = await World.RequestAsync(id);
        Assert.Equal(RecordsStates.Expired, ended.State);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => World.OpenFileAsync(request, Clerk));
        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public Task TheRequestingHeadRejects_TheRequestIsClosedWithoutAccess() => RejectedAtAsync("head", Head);

    [DatabaseFact]
    public Task TheHoldingArchiveRejects_TheRequestIsClosedWithoutAccess() => RejectedAtAsync("archive", Archivist);

    private async Task RejectedAtAsync(string step, string actor)
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id);
        if (step == "archive")
        {
            await World.DecideAsync(id, "head", Head);
            await World.DecideAsync(id, "leader", Leader);
        }

        await World.DecideAsync(id, step, actor, "reject");

        Assert.Equal(RecordsStates.Rejected, (await World.RequestAsync(id)).State);
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
        var refused = await Assert.ThrowsAsync<RuntimeException>(
            async () => await World.OpenFileAsync((await World.RequestAsync(id)).Id, Clerk));
        Assert.Contains("rejected", refused.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task TheArchiveSendsItBack_TheRequesterCorrectsThePeriod_AndItGoesThroughBothSidesAgain()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id, until: "2027-03-31");
        await World.DecideAsync(id, "head", Head);
        await World.DecideAsync(id, "leader", Leader);
        var archive = await World.Runtime.TaskAsync(id, "archive");

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>()
            .SendBackAsync(archive.Id, Archivist, "apply", comment: "期限过长，请缩短"));
        Assert.Equal(["apply"], await World.OpenStepsAsync(id));
        await World.ApplyAsync(id, until: "2027-01-15");

        Assert.Equal(["head"], await World.OpenStepsAsync(id));
        Assert.Equal((new DateOnly(2027, 1, 15), RecordsStates.Requested),
            ((await World.RequestAsync(id)).AccessUntil, (await World.RequestAsync(id)).State));
    }

    [DatabaseFact]
    public async Task BadValuesInTheRequest_AreRefusedWithTheirField_AndNothingIsRecorded()
    {
        var id = await World.StartAsync();

        async Task<IEnumerable<string>> Refused(Func<Task> apply) =>
            (await Assert.ThrowsAsync<RuntimeException>(apply)).FieldErrors!.Keys;

        Assert.Equal(["holdingAgency"], await Refused(() => World.ApplyAsync(id, holding: "nowhere")));
        Assert.Equal(["holdingAgency"], await Refused(() => World.ApplyAsync(id, holding: Asking)));
        Assert.Equal(["holdingAgency"], await Refused(() => World.ApplyAsync(id, holding: NoArchive)));
        Assert.Equal(["fromDate"], await Refused(() => World.ApplyAsync(id, from: "2027-01-01")));
        Assert.Equal(["untilDate"], await Refused(() => World.ApplyAsync(id, from: "2027-01-08", until: "2027-01-05")));
        Assert.Equal(["untilDate"], await Refused(() => World.ApplyAsync(id, until: "2027-05-01"))); // > 90 days
        Assert.Equal(["caseNumber"], await Refused(() => World.ApplyAsync(id, caseNumber: "12")));
        Assert.Equal(["untilDate"], await Refused(() => World.ApplyAsync(id, until: "soon")));
        Assert.Equal(["apply"], await World.OpenStepsAsync(id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => World.RequestAsync(id));
    }

    [DatabaseFact]
    public async Task AnApprovalWithoutDecisionOrOpinion_IsRefusedWithItsField()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id);
        var head = await World.Runtime.TaskAsync(id, "head");

        var noDecision = await Assert.ThrowsAsync<RuntimeException>(() => World.CompleteAsync(id, "head", Head));
        Assert.Contains("decision", noDecision.FieldErrors!.Keys);
        var noOpinion = await Assert.ThrowsAsync<RuntimeException>(() => World.Runtime.In(s =>
            s.GetRequiredService<InstanceService>().CompleteTaskAsync(head.Id, Head,
                G2G.Runtime.Tests.Runtime.RuntimeHarness.Vars(("decision", "approve")), null, null)));
        Assert.Equal(["comment"], noOpinion.FieldErrors!.Keys);
        Assert.Equal(["head"], await World.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task AnAdministratorRevokes_TheFileIsClosed_AndTheNextCheckEndsTheInstance()
    {
        var id = await World.StartAsync();
        await World.GrantAsync(id);
        var request = (await World.RequestAsync(id)).Id;

        await World.Runtime.In(s => s.GetRequiredService<RecordsService>().RevokeAsync(request, "案件已撤回", "admin", default));
        World.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.FromHours(8)));

        await Assert.ThrowsAsync<RuntimeException>(() => World.OpenFileAsync(request, Clerk));
        await World.Runtime.RunJobsAsync();
        Assert.Equal(RecordsStates.Revoked, (await World.RequestAsync(id)).State);
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
        var audit = await World.Runtime.Query(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .CountAsync(db.Set<G2G.Runtime.Persistence.InstanceEventRecord>(), a => a.Kind == "records.revoked" && a.InstanceId == id));
        Assert.Equal(1, audit);
    }

    [DatabaseFact]
    public async Task EachSidesLeader_IsEscalatedToTheirOwnArchiveHead_AfterAWorkingDayOverdue()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id);
        World.Runtime.Clock.Set(January2027(6)); // Wednesday: due Friday, escalated Monday
        await World.DecideAsync(id, "head", Head);
        await LeaderEscalation.AssertAsync(World.Runtime, id, "leader", Leader, January2027(8), January2027(11), escalatedTo: Head);

        await World.DecideAsync(id, "leader", Leader);
        World.Runtime.Clock.Set(January2027(14)); // Thursday: due Monday, escalated Tuesday
        await World.DecideAsync(id, "archive", Archivist);
        await LeaderEscalation.AssertAsync(World.Runtime, id, "holdingLeader", Judge, January2027(18), January2027(19), escalatedTo: Archivist);
    }
}

public sealed class SqliteRecordsScenarioTests(SqliteTestDatabase database) : RecordsScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresRecordsScenarioTests(PostgresTestDatabase database) : RecordsScenarioTests<PostgresTestDatabase>(database);
