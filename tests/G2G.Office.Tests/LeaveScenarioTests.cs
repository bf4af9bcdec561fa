using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Office.Leave;
using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.LeaveWorld;
using static G2G.Runtime.Tests.Runtime.LeaderEscalation;

namespace G2G.Office.Tests;

/// <summary>The shipped 请假 procedure (workflows/office/leave) walked through the runtime with its balances.</summary>
public abstract class LeaveScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, LeaveWorld>(database, new LeaveWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task TwoDays_GoToTheHeadThenTheDeputy_AreDeducted_Delegated_AndCutShortAtReportBack()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 10);
        var id = await World.StartAsync(Clerk);

        await World.ApplyAsync(id, Clerk, LeaveTypes.Annual, "2027-01-07", "2027-01-08"); // Thursday and Friday
        Assert.Equal(["head"], await World.OpenStepsAsync(id));
        Assert.Equal((2m, 8m), ((await World.BalanceAsync(Clerk, LeaveTypes.Annual)).ReservedDays, (await World.BalanceAsync(Clerk, LeaveTypes.Annual)).AvailableDays));
        await World.DecideAsync(id, "head", Head);
        Assert.Equal(["deputy"], await World.OpenStepsAsync(id));
        await World.DecideAsync(id, "deputy", Deputy);

        var approved = await World.BalanceAsync(Clerk, LeaveTypes.Annual);
        Assert.Equal((2m, 0m, 8m), (approved.UsedDays, approved.ReservedDays, approved.AvailableDays));
        Assert.Equal(["arrange"], await World.OpenStepsAsync(id));
        await World.CompleteAsync(id, "arrange", Clerk, ("delegateTo", Clerk2));
        var delegation = await World.Runtime.Query(db => db.Set<DelegationRecord>().SingleAsync(d => d.FromUserId == Clerk));
        Assert.Equal((Clerk2, new DateOnly(2027, 1, 7), new DateOnly(2027, 1, 8)), (delegation.ToUserId, delegation.StartsOn, delegation.EndsOn));

        await World.CompleteAsync(id, "reportBack", Clerk, ("returnDate", "2027-01-08")); // back a day early
        var after = await World.BalanceAsync(Clerk, LeaveTypes.Annual);
        Assert.Equal((1m, 9m), (after.UsedDays, after.AvailableDays));
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task ARequestAboveTheBalance_IsRefusedWithTheBalance_AndChangesNothing()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 3);
        var id = await World.StartAsync(Clerk);

        var refused = await Assert.ThrowsAsync<RuntimeException>(() =>
            World.ApplyAsync(id, Clerk, LeaveTypes.Annual, "2027-01-11", "2027-01-15")); // five working days

        Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);
        Assert.Contains("3 days left in 2027, 5 asked", refused.Message, StringComparison.Ordinal);
        Assert.Contains("剩余 3 天", refused.Text.In(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(["endDate"], refused.FieldErrors!.Keys);
        Assert.Equal(["apply"], await World.OpenStepsAsync(id));
        Assert.Equal(3m, (await World.BalanceAsync(Clerk, LeaveTypes.Annual)).AvailableDays);
        Assert.Equal(0, await World.Runtime.In(s => s.GetRequiredService<OfficeDbContext>().LeaveRequests.CountAsync()));
    }

    [DatabaseFact]
    public async Task BadFormValues_AreRefusedWithTheirField()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 10);
        var id = await World.StartAsync(Clerk);

        var backwards = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(id, Clerk, LeaveTypes.Annual, "2027-01-08", "2027-01-07"));
        Assert.Equal(["endDate"], backwards.FieldErrors!.Keys);
        var weekend = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(id, Clerk, LeaveTypes.Annual, "2027-01-09", "2027-01-10"));
        Assert.Equal(["startDate"], weekend.FieldErrors!.Keys);
        var unknown = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(id, Clerk, "holiday", "2027-01-07", "2027-01-07"));
        Assert.Equal(["leaveType"], unknown.FieldErrors!.Keys);
        var noEntitlement = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(id, Clerk, LeaveTypes.Marriage, "2027-01-07", "2027-01-07"));
        Assert.Contains("personnel office", noEntitlement.Message, StringComparison.Ordinal);
        Assert.Equal(["apply"], await World.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task ARejection_GivesTheReservedDaysBack()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Personal, 5);
        var id = await World.StartAsync(Clerk);
        await World.ApplyAsync(id, Clerk, LeaveTypes.Personal, "2027-01-07", "2027-01-07");

        await World.DecideAsync(id, "head", Head, "reject");

        var balance = await World.BalanceAsync(Clerk, LeaveTypes.Personal);
        Assert.Equal((0m, 0m, 5m), (balance.UsedDays, balance.ReservedDays, balance.AvailableDays));
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
        Assert.Empty(await World.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task TheRequesterRevokes_BeforeTheHeadActs_TheDaysGoBack_AfterwardsNoLonger()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 10);
        var id = await World.StartAsync(Clerk);
        await World.ApplyAsync(id, Clerk, LeaveTypes.Annual, "2027-01-07", "2027-01-08");
        Assert.Equal(2m, (await World.BalanceAsync(Clerk, LeaveTypes.Annual)).ReservedDays);

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().RevokeAsync(id, Clerk, "行程取消"));

        var balance = await World.BalanceAsync(Clerk, LeaveTypes.Annual);
        Assert.Equal((0m, 0m, 10m), (balance.UsedDays, balance.ReservedDays, balance.AvailableDays));
        Assert.Equal(InstanceStatus.Cancelled, (await World.Runtime.InstanceAsync(id)).Status);
        Assert.Equal(LeaveStates.Cancelled, await World.Runtime.In(s => s.GetRequiredService<OfficeDbContext>().LeaveRequests
            .Where(r => r.InstanceId == id).Select(r => r.State).SingleAsync()));

        var decided = await World.StartAsync(Clerk);
        await World.ApplyAsync(decided, Clerk, LeaveTypes.Annual, "2027-01-07", "2027-01-08");
        await World.DecideAsync(decided, "head", Head);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() =>
            World.Runtime.In(s => s.GetRequiredService<InstanceService>().RevokeAsync(decided, Clerk)));
        Assert.Equal(RuntimeErrorCode.Conflict, refused.Code); // the leave procedure allows it only until someone else acted
        Assert.Equal(2m, (await World.BalanceAsync(Clerk, LeaveTypes.Annual)).ReservedDays);
    }

    [DatabaseFact]
    public async Task Routing_FollowsTheLengthAndTheRequestersRank()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 20);
        await World.EntitleAsync(Head, LeaveTypes.Annual, 20);

        var oneDay = await World.StartAsync(Clerk);
        await World.ApplyAsync(oneDay, Clerk, LeaveTypes.Annual, "2027-01-05", "2027-01-05");
        await World.DecideAsync(oneDay, "head", Head);
        Assert.Equal(["arrange"], await World.OpenStepsAsync(oneDay)); // the head alone

        var week = await World.StartAsync(Clerk);
        await World.ApplyAsync(week, Clerk, LeaveTypes.Annual, "2027-01-11", "2027-01-15");
        await World.DecideAsync(week, "head", Head);
        await World.DecideAsync(week, "deputy", Deputy);
        Assert.Equal(["principal"], await World.OpenStepsAsync(week));
        Assert.Equal(Leader, (await World.Runtime.TaskAsync(week, "principal")).Assignee);
        Assert.Equal(3m, ((NumberValue)await World.VariableAsync(week, "approvalLevel")).Value);

        var headsOwn = await World.StartAsync(Head);
        await World.ApplyAsync(headsOwn, Head, LeaveTypes.Annual, "2027-01-06", "2027-01-06");
        Assert.Equal(["deputy"], await World.OpenStepsAsync(headsOwn)); // a head does not approve their own leave
    }

    [DatabaseFact]
    public async Task SentBackForCorrection_TheNewRequestReplacesTheReservation()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 10);
        var id = await World.StartAsync(Clerk);
        await World.ApplyAsync(id, Clerk, LeaveTypes.Annual, "2027-01-11", "2027-01-15");
        var head = await World.Runtime.TaskAsync(id, "head");

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().SendBackAsync(head.Id, Head, "apply", comment: "请缩短"));
        await World.ApplyAsync(id, Clerk, LeaveTypes.Annual, "2027-01-11", "2027-01-12");

        Assert.Equal((2m, 8m), ((await World.BalanceAsync(Clerk, LeaveTypes.Annual)).ReservedDays, (await World.BalanceAsync(Clerk, LeaveTypes.Annual)).AvailableDays));
    }

    [DatabaseFact]
    public async Task TwoRequestsRacingForTheLastDays_ExactlyOneGetsThem()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 3);
        var first = await World.StartAsync(Clerk);
        var second = await World.StartAsync(Clerk);

        var results = await Task.WhenAll(
            Outcome(() => World.ApplyAsync(first, Clerk, LeaveTypes.Annual, "2027-01-11", "2027-01-13")),
            Outcome(() => World.ApplyAsync(second, Clerk, LeaveTypes.Annual, "2027-01-18", "2027-01-20")));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is RuntimeException { Code: RuntimeErrorCode.Invalid });
        var balance = await World.BalanceAsync(Clerk, LeaveTypes.Annual);
        Assert.Equal((3m, 0m), (balance.ReservedDays, balance.AvailableDays));
    }

    /// <summary>
    /// The same request sent twice at once (two windows, or two nodes): one submission reserves the days, the other is told
    /// someone acted first. On PostgreSQL the loser's leave.reserve used to collide with the winner's request row and was
    /// reported as a broken step (422 "步骤将会出错") instead of the conflict it is.
    /// </summary>
    [DatabaseFact]
    public async Task TheSameRequestSubmittedTwiceAtOnce_ReservesOnce_AndTheOtherSubmissionIsAConflict()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 20);
        for (var round = 0; round < 4; round++)
        {
            var id = await World.StartAsync(Clerk);
            var apply = await World.Runtime.TaskAsync(id, "apply");
            var values = RuntimeHarness.Vars(("leaveType", LeaveTypes.Annual), ("startDate", $"2027-03-0{round + 1}"), ("endDate", $"2027-03-0{round + 1}"),
                ("reason", "家中有事"));

            var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Outcome(() =>
                World.Runtime.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(apply.Id, Clerk, values, null, "同意")))));

            Assert.Single(results, r => r is null);
            Assert.Single(results, r => r is RuntimeException { Code: RuntimeErrorCode.Conflict });
            Assert.Equal(["head"], await World.OpenStepsAsync(id));
        }
        Assert.Equal(4m, (await World.BalanceAsync(Clerk, LeaveTypes.Annual)).ReservedDays);
    }

    private static async Task<Exception?> Outcome(Func<Task> work)
    {
        try
        {
            await work();
            return null;
        }
        catch (RuntimeException refused)
        {
            return refused;
        }
    }

    [DatabaseFact]
    public async Task ThePrincipalLeadersApproval_IsEscalatedToTheOfficeDirector_AfterAWorkingDayOverdue()
    {
        await World.EntitleAsync(Clerk, LeaveTypes.Annual, 20);
        var week = await World.StartAsync(Clerk);
        await World.ApplyAsync(week, Clerk, LeaveTypes.Annual, "2027-01-18", "2027-01-22");
        await World.DecideAsync(week, "head", Head);
        World.Runtime.Clock.Set(January2027(6)); // Wednesday: due in 2 working days, Friday; escalated 1 working day later, Monday

        await World.DecideAsync(week, "deputy", Deputy);

        await LeaderEscalation.AssertAsync(World.Runtime, week, "principal", Leader, January2027(8), January2027(11), escalatedTo: Head);
    }
}

public sealed class SqliteLeaveScenarioTests(SqliteTestDatabase database) : LeaveScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresLeaveScenarioTests(PostgresTestDatabase database) : LeaveScenarioTests<PostgresTestDatabase>(database);
