using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Office.Budget;
using G2G.Office.Purchase;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.PurchaseWorld;
using static G2G.Runtime.Tests.Runtime.LeaderEscalation;

namespace G2G.Office.Tests;

/// <summary>The shipped 采购 procedure (workflows/finance/purchase) walked through the runtime with its budget line.</summary>
public abstract class PurchaseScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, PurchaseWorld>(database, new PurchaseWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task ASmallPurchase_IsReserved_ApprovedByTheHead_Contracted_Accepted_AndPaidAsSpending()
    {
        var line = await World.LineAsync("302-01", 100_000);
        var id = await World.StartAsync(Clerk);

        await World.ApplyAsync(id, Clerk, "302-01", 12_000.50m);
        Assert.Equal((1_200_050L, 8_799_950L), Held(await World.ReadLineAsync(line.Id)));
        await World.DecideAsync(id, "head", Head);
        Assert.Equal(["contract"], await World.OpenStepsAsync(id)); // below the deputy's threshold
        await World.ContractAsync(id, 11_800m);
        Assert.Equal(Clerk2, (await World.Runtime.TaskAsync(id, "accept")).Assignee);
        await World.CompleteAsync(id, "accept", Clerk2, ("acceptance", "pass"));
        await World.CompleteAsync(id, "pay", Finance, ("paidAmount", 11_800m), ("voucher", "PZ-0001"));

        var paid = await World.ReadLineAsync(line.Id);
        Assert.Equal((0L, 1_180_000L, 8_820_000L), (paid.ReservedFen, paid.SpentFen, paid.AvailableFen));
        var purchase = await World.PurchaseAsync(id);
        Assert.Equal((PurchaseStates.Paid, PurchaseMethods.Inquiry, "CG-2027-001", 1_180_000L),
            (purchase.State, purchase.Method, purchase.ContractNumber, purchase.PaidFen));
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task ApprovalsAndMethod_FollowTheAmount()
    {
        await World.LineAsync("310-02", 10_000_000);
        var mid = await World.StartAsync(Clerk);
        await World.ApplyAsync(mid, Clerk, "310-02", 60_000);
        await World.DecideAsync(mid, "head", Head);
        await World.DecideAsync(mid, "deputy", Deputy);
        Assert.Equal(["contract"], await World.OpenStepsAsync(mid));

        var large = await World.StartAsync(Clerk);
        await World.ApplyAsync(large, Clerk, "310-02", 600_000);
        await World.DecideAsync(large, "head", Head);
        await World.DecideAsync(large, "deputy", Deputy);
        Assert.Equal(Leader, (await World.Runtime.TaskAsync(large, "principal")).Assignee);
        Assert.Equal("竞争性磋商", ((StringValue)await Variable(large, "methodName")).Value);

        var tender = await World.StartAsync(Head);
        await World.ApplyAsync(tender, Head, "310-02", 4_000_000);
        Assert.Equal(["deputy"], await World.OpenStepsAsync(tender)); // a head does not approve their own purchase
        Assert.Equal(PurchaseMethods.PublicTender, (await World.PurchaseAsync(tender)).Method);
    }

    [DatabaseFact]
    public async Task APurchaseOfAMillion_IsDecidedByTheLeadershipsVote_MoreThanHalfApproving()
    {
        await World.LineAsync("310-02", 10_000_000);
        var id = await World.ApprovedUpToTheVoteAsync(1_200_000);

        var team = await World.Runtime.OpenTasksAsync(id);
        Assert.Equal([Deputy, Leader], team.Where(t => t.ElementId == "collective").Select(t => t.Assignee).Order());
        await World.VoteAsync(id, Deputy, "approve");
        Assert.Equal(["collective"], await World.OpenStepsAsync(id)); // one of two is not more than half
        await World.VoteAsync(id, Leader, "approve");

        Assert.Equal(["contract"], await World.OpenStepsAsync(id));
        Assert.Equal(PurchaseStates.Requested, (await World.PurchaseAsync(id)).State);
    }

    [DatabaseFact]
    public async Task HalfTheLeadershipAgainst_RejectsAtOnce_CancelsTheOtherVote_AndGivesTheMoneyBack()
    {
        var line = await World.LineAsync("310-02", 10_000_000);
        var id = await World.ApprovedUpToTheVoteAsync(1_500_000);
        var deputysVote = (await World.Runtime.OpenTasksAsync(id)).Single(t => t.Assignee == Deputy);

        await World.VoteAsync(id, Leader, "reject");

        Assert.Equal(["revise"], await World.OpenStepsAsync(id));
        var cancelled = await World.Runtime.Query(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions
            .SingleAsync(db.Set<G2G.Runtime.Persistence.TaskRecord>(), t => t.Id == deputysVote.Id));
        Assert.Equal((TaskStates.Cancelled, "completion-condition-met"), (cancelled.State, cancelled.Outcome));
        Assert.Equal((0L, 1_000_000_000L), Held(await World.ReadLineAsync(line.Id)));
        Assert.Equal(PurchaseStates.Rejected, (await World.PurchaseAsync(id)).State);
    }

    [DatabaseFact]
    public async Task ARequestAboveWhatTheLineHasLeft_IsRefusedWithTheAvailableAmount_AndKeepsNothing()
    {
        var line = await World.LineAsync("302-01", 5_000);
        var id = await World.StartAsync(Clerk);

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(id, Clerk, "302-01", 5_000.01m));

        Assert.Equal(["amount"], refused.FieldErrors!.Keys);
        Assert.Contains("5,000.00 yuan available, 5,000.01 asked", refused.Message, StringComparison.Ordinal);
        Assert.Contains("可用余额 5,000.00 元", refused.Text.In(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(0L, (await World.ReadLineAsync(line.Id)).ReservedFen);
        Assert.Equal(["apply"], await World.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task ARejection_ReleasesTheBudget_ThenTheRequesterResubmitsOrWithdraws()
    {
        var line = await World.LineAsync("302-01", 100_000);
        var id = await World.StartAsync(Clerk);
        await World.ApplyAsync(id, Clerk, "302-01", 80_000);
        await World.DecideAsync(id, "head", Head);

        await World.DecideAsync(id, "deputy", Deputy, "reject");
        Assert.Equal((0L, 10_000_000L), Held(await World.ReadLineAsync(line.Id)));
        Assert.Equal(PurchaseStates.Rejected, (await World.PurchaseAsync(id)).State);
        await World.CompleteAsync(id, "revise", Clerk, ("revision", "resubmit"));
        await World.ApplyAsync(id, Clerk, "302-01", 40_000);
        Assert.Equal((4_000_000L, 6_000_000L), Held(await World.ReadLineAsync(line.Id)));
        Assert.Equal(["head"], await World.OpenStepsAsync(id));

        await World.DecideAsync(id, "head", Head, "reject");
        await World.CompleteAsync(id, "revise", Clerk, ("revision", "cancel"));
        Assert.Equal((0L, 10_000_000L), Held(await World.ReadLineAsync(line.Id)));
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task SentBackToTheRequester_TheNewAmountReplacesTheReservation()
    {
        var line = await World.LineAsync("302-01", 100_000);
        var id = await World.StartAsync(Clerk);
        await World.ApplyAsync(id, Clerk, "302-01", 70_000);
        await World.DecideAsync(id, "head", Head);
        var deputy = await World.Runtime.TaskAsync(id, "deputy");

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().SendBackAsync(deputy.Id, Deputy, "apply", comment: "压缩预算"));
        await World.ApplyAsync(id, Clerk, "302-01", 30_000);

        Assert.Equal((3_000_000L, 7_000_000L), Held(await World.ReadLineAsync(line.Id)));
        Assert.Equal(["head"], await World.OpenStepsAsync(id));
        Assert.Equal(3_000_000L, (await World.PurchaseAsync(id)).AmountFen);
    }

    [DatabaseFact]
    public async Task TwoRequestsRacingForTheLastMoney_ExactlyOneGetsIt()
    {
        var line = await World.LineAsync("302-01", 10_000);
        var first = await World.StartAsync(Clerk);
        var second = await World.StartAsync(Clerk2);

        var results = await Task.WhenAll(
            Outcome(() => World.ApplyAsync(first, Clerk, "302-01", 8_000)),
            Outcome(() => World.ApplyAsync(second, Clerk2, "302-01", 8_000)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is { Code: RuntimeErrorCode.Invalid } && r.FieldErrors!.ContainsKey("amount"));
        Assert.Equal((800_000L, 200_000L), Held(await World.ReadLineAsync(line.Id)));
    }

    [DatabaseFact]
    public async Task AnAdministratorTerminates_TheHoldGoesBackInTheSameCommand_OnlyThatInstancesHold()
    {
        var line = await World.LineAsync("302-01", 100_000);
        var waiting = await World.StartAsync(Clerk2);
        await World.ApplyAsync(waiting, Clerk2, "302-01", 30_000);
        var accepted = await World.StartAsync(Clerk);
        await World.ApplyAsync(accepted, Clerk, "302-01", 10_000);
        await World.DecideAsync(accepted, "head", Head);
        Assert.Equal((4_000_000L, 6_000_000L), Held(await World.ReadLineAsync(line.Id)));

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(waiting, "admin", "重复申请"));

        Assert.Equal((1_000_000L, 9_000_000L), Held(await World.ReadLineAsync(line.Id)));
        Assert.Equal(PurchaseStates.Cancelled, (await World.PurchaseAsync(waiting)).State);
        Assert.Equal(InstanceStatus.Cancelled, (await World.Runtime.InstanceAsync(waiting)).Status);
        Assert.Equal(BudgetReservationStates.Released, await ReservationStateAsync(waiting));
        Assert.Equal(BudgetReservationStates.Reserved, await ReservationStateAsync(accepted)); // another instance's hold stays

        await World.ContractAsync(accepted, 9_000m);
        await World.CompleteAsync(accepted, "accept", Clerk2, ("acceptance", "pass"));
        Assert.Equal(["pay"], await World.OpenStepsAsync(accepted));
        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(accepted, "admin", "合同纠纷"));
        Assert.Equal((0L, 10_000_000L), Held(await World.ReadLineAsync(line.Id)));
        Assert.Equal(PurchaseStates.Cancelled, (await World.PurchaseAsync(accepted)).State);
    }

    private Task<string> ReservationStateAsync(long instance) =>
        World.Runtime.In(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            s.GetRequiredService<G2G.Office.Persistence.OfficeDbContext>().BudgetReservations
                .Where(r => r.InstanceId == instance).Select(r => r.State)));

    private static (long Reserved, long Available) Held(BudgetLineView line) => (line.ReservedFen, line.AvailableFen);

    private Task<Value> Variable(long instance, string name) =>
        World.Runtime.Query(async db => G2G.Engine.Execution.ProcessStateJson.Deserialize(
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<G2G.Runtime.Persistence.ProcessInstanceRecord>(), i => i.Id == instance)).State).Variables[name]);

    [DatabaseFact]
    public async Task ThePrincipalLeadersApproval_IsEscalatedToTheOfficeDirector_TwoWorkingDaysOverdue()
    {
        await World.LineAsync("310-02", 10_000_000);
        var large = await World.StartAsync(Clerk);
        await World.ApplyAsync(large, Clerk, "310-02", 600_000);
        await World.DecideAsync(large, "head", Head);
        World.Runtime.Clock.Set(January2027(5)); // Tuesday: due in 3 working days, Friday; escalated 2 working days later, Tuesday

        await World.DecideAsync(large, "deputy", Deputy);

        await LeaderEscalation.AssertAsync(World.Runtime, large, "principal", Leader, January2027(8), January2027(12), escalatedTo: Head);
    }
}

public sealed class SqlitePurchaseScenarioTests(SqliteTestDatabase database) : PurchaseScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresPurchaseScenarioTests(PostgresTestDatabase database) : PurchaseScenarioTests<PostgresTestDatabase>(database);
