using G2G.Office.Records;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.RecordsWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 司法档案调阅 procedure (workflows/judicial/records-request) walked through the runtime.</summary>
public abstract class RecordsScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly RecordsWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task BothSidesApprove_TheHoldingAgencyDecides_AndTheRequesterGetsAccessForThePeriod()
    {
        var id = await _world.StartAsync();
        await _world.ApplyAsync(id);
        await _world.DecideAsync(id, "head", Head);
        await _world.DecideAsync(id, "leader", Leader);

        var archive = await _world.Runtime.TaskAsync(id, "archive"); // the work moves to the court
        Assert.Equal((Archivist, "archive"), (archive.Assignee, archive.ElementId));
        await _world.DecideAsync(id, "archive", Archivist);
        Assert.Equal(Judge, (await _world.Runtime.TaskAsync(id, "holdingLeader")).Assignee);
        Assert.Equal(RecordsStates.Requested, (await _world.RequestAsync(id)).State);
        await _world.DecideAsync(id, "holdingLeader", Judge);

        var granted = await _world.RequestAsync(id);
        Assert.Equal((RecordsStates.Granted, Holding, new DateOnly(2027, 1, 5), new DateOnly(2027, 1, 8)),
            (granted.State, granted.HoldingAgencyId, granted.AccessFrom, granted.AccessUntil));
        Assert.Empty(await _world.OpenStepsAsync(id));
        Assert.Equal(InstanceStatus.Running, (await _world.Runtime.InstanceAsync(id)).Status); // waits for the end
    }

    [DatabaseFact]
    public async Task OpeningTheFile_IsLetInOnlyForTheRequesterInThePeriod_AndEveryAttemptIsLogged()
    {
        var id = await _world.StartAsync();
        await _world.GrantAsync(id);
        var request = (await _world.RequestAsync(id)).Id;

        var early = await Assert.ThrowsAsync<RuntimeException>(() => _world.OpenFileAsync(request, Clerk)); // on the 4th
        Assert.Equal(RuntimeErrorCode.NotAllowed, early.Code);
        Assert.Contains("starts on 2027-01-05", early.Message, StringComparison.Ordinal);
        _world.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 6, 10, 0, 0, TimeSpan.FromHours(8)));
        var opened = await _world.OpenFileAsync(request, Clerk);
        var stranger = await Assert.ThrowsAsync<RuntimeException>(() => _world.OpenFileAsync(request, CourtClerk));
        Assert.Contains($"Only {Clerk}", stranger.Message, StringComparison.Ordinal);
        _world.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 8, 23, 0, 0, TimeSpan.FromHours(8)));
        await _world.OpenFileAsync(request, Clerk); // the last day counts

        var log = await _world.AccessesAsync(request);
        Assert.Equal([(Clerk, false), (Clerk, true), (CourtClerk, false), (Clerk, true)], log.Select(a => (a.UserId, a.Allowed)));
        Assert.True(opened.Allowed);
        Assert.All(log.Where(a => !a.Allowed), a => Assert.False(string.IsNullOrEmpty(a.Refusal)));
    }

    [DatabaseFact]
    public async Task TheTimer_EndsTheGrantAfterTheLastDay_AndNotBefore()
    {
        var id = await _world.StartAsync();
        await _world.GrantAsync(id);
        var request = (await _world.RequestAsync(id)).Id;

        _world.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 7, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.True(await _world.Runtime.RunJobsAsync() > 0); // the daily check ran
        Assert.Equal(RecordsStates.Granted, (await _world.RequestAsync(id)).State);
        Assert.Equal(InstanceStatus.Running, (await _world.Runtime.InstanceAsync(id)).Status);

        _world.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 9, 10, 0, 0, TimeSpan.FromHours(8)));
        Assert.True(await _world.Runtime.RunJobsAsync() > 0);

        var ended = await _world.RequestAsync(id);
        Assert.Equal(RecordsStates.Expired, ended.State);
        Assert.NotNull(ended.EndedAt);
        Assert.Equal(InstanceStatus.Completed, (await _world.Runtime.InstanceAsync(id)).Status);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => _world.OpenFileAsync(request, Clerk));
        Assert.Contains("expired", refused.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public Task TheRequestingHeadRejects_TheRequestIsClosedWithoutAccess() => RejectedAtAsync("head", Head);

    [DatabaseFact]
    public Task TheHoldingArchiveRejects_TheRequestIsClosedWithoutAccess() => RejectedAtAsync("archive", Archivist);

    private async Task RejectedAtAsync(string step, string actor)
    {
        var id = await _world.StartAsync();
        await _world.ApplyAsync(id);
        if (step == "archive")
        {
            await _world.DecideAsync(id, "head", Head);
            await _world.DecideAsync(id, "leader", Leader);
        }

        await _world.DecideAsync(id, step, actor, "reject");

        Assert.Equal(RecordsStates.Rejected, (await _world.RequestAsync(id)).State);
        Assert.Equal(InstanceStatus.Completed, (await _world.Runtime.InstanceAsync(id)).Status);
        var refused = await Assert.ThrowsAsync<RuntimeException>(
            async () => await _world.OpenFileAsync((await _world.RequestAsync(id)).Id, Clerk));
        Assert.Contains("rejected", refused.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task TheArchiveSendsItBack_TheRequesterCorrectsThePeriod_AndItGoesThroughBothSidesAgain()
    {
        var id = await _world.StartAsync();
        await _world.ApplyAsync(id, until: "2027-03-31");
        await _world.DecideAsync(id, "head", Head);
        await _world.DecideAsync(id, "leader", Leader);
        var archive = await _world.Runtime.TaskAsync(id, "archive");

        await _world.Runtime.In(s => s.GetRequiredService<InstanceService>()
            .SendBackAsync(archive.Id, Archivist, "apply", comment: "期限过长，请缩短"));
        Assert.Equal(["apply"], await _world.OpenStepsAsync(id));
        await _world.ApplyAsync(id, until: "2027-01-15");

        Assert.Equal(["head"], await _world.OpenStepsAsync(id));
        Assert.Equal((new DateOnly(2027, 1, 15), RecordsStates.Requested),
            ((await _world.RequestAsync(id)).AccessUntil, (await _world.RequestAsync(id)).State));
    }

    [DatabaseFact]
    public async Task BadValuesInTheRequest_AreRefusedWithTheirField_AndNothingIsRecorded()
    {
        var id = await _world.StartAsync();

        async Task<IEnumerable<string>> Refused(Func<Task> apply) =>
            (await Assert.ThrowsAsync<RuntimeException>(apply)).FieldErrors!.Keys;

        Assert.Equal(["holdingAgency"], await Refused(() => _world.ApplyAsync(id, holding: "nowhere")));
        Assert.Equal(["holdingAgency"], await Refused(() => _world.ApplyAsync(id, holding: Asking)));
        Assert.Equal(["holdingAgency"], await Refused(() => _world.ApplyAsync(id, holding: NoArchive)));
        Assert.Equal(["fromDate"], await Refused(() => _world.ApplyAsync(id, from: "2027-01-01")));
        Assert.Equal(["untilDate"], await Refused(() => _world.ApplyAsync(id, from: "2027-01-08", until: "2027-01-05")));
        Assert.Equal(["untilDate"], await Refused(() => _world.ApplyAsync(id, until: "2027-05-01"))); // > 90 days
        Assert.Equal(["caseNumber"], await Refused(() => _world.ApplyAsync(id, caseNumber: "12")));
        Assert.Equal(["untilDate"], await Refused(() => _world.ApplyAsync(id, until: "soon")));
        Assert.Equal(["apply"], await _world.OpenStepsAsync(id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => _world.RequestAsync(id));
    }

    [DatabaseFact]
    public async Task AnApprovalWithoutDecisionOrOpinion_IsRefusedWithItsField()
    {
        var id = await _world.StartAsync();
        await _world.ApplyAsync(id);
        var head = await _world.Runtime.TaskAsync(id, "head");

        var noDecision = await Assert.ThrowsAsync<RuntimeException>(() => _world.CompleteAsync(id, "head", Head));
        Assert.Contains("decision", noDecision.FieldErrors!.Keys);
        var noOpinion = await Assert.ThrowsAsync<RuntimeException>(() => _world.Runtime.In(s =>
            s.GetRequiredService<InstanceService>().CompleteTaskAsync(head.Id, Head,
                G2G.Runtime.Tests.Runtime.RuntimeHarness.Vars(("decision", "approve")), null, null)));
        Assert.Equal(["comment"], noOpinion.FieldErrors!.Keys);
        Assert.Equal(["head"], await _world.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task AnAdministratorRevokes_TheFileIsClosed_AndTheNextCheckEndsTheInstance()
    {
        var id = await _world.StartAsync();
        await _world.GrantAsync(id);
        var request = (await _world.RequestAsync(id)).Id;

        await _world.Runtime.In(s => s.GetRequiredService<RecordsService>().RevokeAsync(request, "案件已撤回", "admin", default));
        _world.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 5, 10, 0, 0, TimeSpan.FromHours(8)));

        await Assert.ThrowsAsync<RuntimeException>(() => _world.OpenFileAsync(request, Clerk));
        await _world.Runtime.RunJobsAsync();
        Assert.Equal(RecordsStates.Revoked, (await _world.RequestAsync(id)).State);
        Assert.Equal(InstanceStatus.Completed, (await _world.Runtime.InstanceAsync(id)).Status);
        var audit = await _world.Runtime.Query(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .CountAsync(db.Set<G2G.Runtime.Persistence.InstanceEventRecord>(), a => a.Kind == "records.revoked" && a.InstanceId == id));
        Assert.Equal(1, audit);
    }
}

public sealed class SqliteRecordsScenarioTests(SqliteTestDatabase database) : RecordsScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresRecordsScenarioTests(PostgresTestDatabase database) : RecordsScenarioTests<PostgresTestDatabase>(database);
