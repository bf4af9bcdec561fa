using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Office.Budget;
using G2G.Office.Purchase;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.PurchaseWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 采购 procedure (workflows/finance/purchase) walked through the runtime with its budget line.</summary>
public abstract class PurchaseScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly PurchaseWorld _world = new(database);

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task ASmallPurchase_IsReserved_ApprovedByTheHead_Contracted_Accepted_AndPaidAsSpending()
    {
        var line = await _world.LineAsync("302-01", 100_000);
        var id = await _world.StartAsync(Clerk);

        await _world.ApplyAsync(id, Clerk, "302-01", 12_000.50m);
        Assert.Equal((1_200_050L, 8_799_950L), Held(await _world.ReadLineAsync(line.Id)));
        await _world.DecideAsync(id, "head", Head);
        Assert.Equal(["contract"], await _world.OpenStepsAsync(id)); // below the deputy's threshold
        await _world.ContractAsync(id, 11_800m);
        Assert.Equal(Clerk2, (await _world.Runtime.TaskAsync(id, "accept")).Assignee);
        await _world.CompleteAsync(id, "accept", Clerk2, ("acceptance", "pass"));
        await _world.CompleteAsync(id, "pay", Finance, ("paidAmount", 11_800m), ("voucher", "PZ-0001"));

        var paid = await _world.ReadLineAsync(line.Id);
        Assert.Equal((0L, 1_180_000L, 8_820_000L), (paid.ReservedFen, paid.SpentFen, paid.AvailableFen));
        var purchase = await _world.PurchaseAsync(id);
        Assert.Equal((PurchaseStates.Paid, PurchaseMethods.Inquiry, "CG-2027-001", 1_180_000L),
            (purchase.State, purchase.Method, purchase.ContractNumber, purchase.PaidFen));
        Assert.Equal(InstanceStatus.Completed, (await _world.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task ApprovalsAndMethod_FollowTheAmount()
    {
        await _world.LineAsync("310-02", 10_000_000);
        var mid = await _world.StartAsync(Clerk);
        await _world.ApplyAsync(mid, Clerk, "310-02", 60_000);
        await _world.DecideAsync(mid, "head", Head);
        await _world.DecideAsync(mid, "deputy", Deputy);
        Assert.Equal(["contract"], await _world.OpenStepsAsync(mid));

        var large = await _world.StartAsync(Clerk);
        await _world.ApplyAsync(large, Clerk, "310-02", 600_000);
        await _world.DecideAsync(large, "head", Head);
        await _world.DecideAsync(large, "deputy", Deputy);
        Assert.Equal(Leader, (await _world.Runtime.TaskAsync(large, "principal")).Assignee);
        Assert.Equal("竞争性磋商", ((StringValue)await Variable(large, "methodName")).Value);

        var tender = await _world.StartAsync(Head);
        await _world.ApplyAsync(tender, Head, "310-02", 4_000_000);
        Assert.Equal(["deputy"], await _world.OpenStepsAsync(tender)); // a head does not approve their own purchase
        Assert.Equal(PurchaseMethods.PublicTender, (await _world.PurchaseAsync(tender)).Method);
    }

    [DatabaseFact]
    public async Task ARequestAboveWhatTheLineHasLeft_IsRefusedWithTheAvailableAmount_AndKeepsNothing()
    {
        var line = await _world.LineAsync("302-01", 5_000);
        var id = await _world.StartAsync(Clerk);

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => _world.ApplyAsync(id, Clerk, "302-01", 5_000.01m));

        Assert.Equal(["amount"], refused.FieldErrors!.Keys);
        Assert.Contains("5,000.00 yuan available, 5,000.01 asked", refused.Message, StringComparison.Ordinal);
        Assert.Contains("可用余额 5,000.00 元", refused.Text.In(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(0L, (await _world.ReadLineAsync(line.Id)).ReservedFen);
        Assert.Equal(["apply"], await _world.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task ARejection_ReleasesTheBudget_ThenTheRequesterResubmitsOrWithdraws()
    {
        var line = await _world.LineAsync("302-01", 100_000);
        var id = await _world.StartAsync(Clerk);
        await _world.ApplyAsync(id, Clerk, "302-01", 80_000);
        await _world.DecideAsync(id, "head", Head);

        await _world.DecideAsync(id, "deputy", Deputy, "reject");
        Assert.Equal((0L, 10_000_000L), Held(await _world.ReadLineAsync(line.Id)));
        Assert.Equal(PurchaseStates.Rejected, (await _world.PurchaseAsync(id)).State);
        await _world.CompleteAsync(id, "revise", Clerk, ("revision", "resubmit"));
        await _world.ApplyAsync(id, Clerk, "302-01", 40_000);
        Assert.Equal((4_000_000L, 6_000_000L), Held(await _world.ReadLineAsync(line.Id)));
        Assert.Equal(["head"], await _world.OpenStepsAsync(id));

        await _world.DecideAsync(id, "head", Head, "reject");
        await _world.CompleteAsync(id, "revise", Clerk, ("revision", "cancel"));
        Assert.Equal((0L, 10_000_000L), Held(await _world.ReadLineAsync(line.Id)));
        Assert.Equal(InstanceStatus.Completed, (await _world.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task SentBackToTheRequester_TheNewAmountReplacesTheReservation()
    {
        var line = await _world.LineAsync("302-01", 100_000);
        var id = await _world.StartAsync(Clerk);
        await _world.ApplyAsync(id, Clerk, "302-01", 70_000);
        await _world.DecideAsync(id, "head", Head);
        var deputy = await _world.Runtime.TaskAsync(id, "deputy");

        await _world.Runtime.In(s => s.GetRequiredService<InstanceService>().SendBackAsync(deputy.Id, Deputy, "apply", comment: "压缩预算"));
        await _world.ApplyAsync(id, Clerk, "302-01", 30_000);

        Assert.Equal((3_000_000L, 7_000_000L), Held(await _world.ReadLineAsync(line.Id)));
        Assert.Equal(["head"], await _world.OpenStepsAsync(id));
        Assert.Equal(3_000_000L, (await _world.PurchaseAsync(id)).AmountFen);
    }

    [DatabaseFact]
    public async Task TwoRequestsRacingForTheLastMoney_ExactlyOneGetsIt()
    {
        var line = await _world.LineAsync("302-01", 10_000);
        var first = await _world.StartAsync(Clerk);
        var second = await _world.StartAsync(Clerk2);

        var results = await Task.WhenAll(
            Outcome(() => _world.ApplyAsync(first, Clerk, "302-01", 8_000)),
            Outcome(() => _world.ApplyAsync(second, Clerk2, "302-01", 8_000)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is { Code: RuntimeErrorCode.Invalid } && r.FieldErrors!.ContainsKey("amount"));
        Assert.Equal((800_000L, 200_000L), Held(await _world.ReadLineAsync(line.Id)));
    }

    [DatabaseFact]
    public async Task AnAdministratorTerminates_TheHoldGoesBackInTheSameCommand_OnlyThatInstancesHold()
    {
        var line = await _world.LineAsync("302-01", 100_000);
        var waiting = await _world.StartAsync(Clerk2);
        await _world.ApplyAsync(waiting, Clerk2, "302-01", 30_000);
        var accepted = await _world.StartAsync(Clerk);
        await _world.ApplyAsync(accepted, Clerk, "302-01", 10_000);
        await _world.DecideAsync(accepted, "head", Head);
        Assert.Equal((4_000_000L, 6_000_000L), Held(await _world.ReadLineAsync(line.Id)));

        await _world.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(waiting, "admin", "重复申请"));

        Assert.Equal((1_000_000L, 9_000_000L), Held(await _world.ReadLineAsync(line.Id)));
        Assert.Equal(PurchaseStates.Cancelled, (await _world.PurchaseAsync(waiting)).State);
        Assert.Equal(InstanceStatus.Cancelled, (await _world.Runtime.InstanceAsync(waiting)).Status);
        Assert.Equal(BudgetReservationStates.Released, await ReservationStateAsync(waiting));
        Assert.Equal(BudgetReservationStates.Reserved, await ReservationStateAsync(accepted)); // another instance's hold stays

        await _world.ContractAsync(accepted, 9_000m);
        await _world.CompleteAsync(accepted, "accept", Clerk2, ("acceptance", "pass"));
        Assert.Equal(["pay"], await _world.OpenStepsAsync(accepted));
        await _world.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(accepted, "admin", "合同纠纷"));
        Assert.Equal((0L, 10_000_000L), Held(await _world.ReadLineAsync(line.Id)));
        Assert.Equal(PurchaseStates.Cancelled, (await _world.PurchaseAsync(accepted)).State);
    }

    private Task<string> ReservationStateAsync(long instance) =>
        _world.Runtime.In(s => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            s.GetRequiredService<G2G.Office.Persistence.OfficeDbContext>().BudgetReservations
                .Where(r => r.InstanceId == instance).Select(r => r.State)));

    private static (long Reserved, long Available) Held(BudgetLineView line) => (line.ReservedFen, line.AvailableFen);

    private Task<Value> Variable(long instance, string name) =>
        _world.Runtime.Query(async db => G2G.Engine.Execution.ProcessStateJson.Deserialize(
            (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                db.Set<G2G.Runtime.Persistence.ProcessInstanceRecord>(), i => i.Id == instance)).State).Variables[name]);
}

public sealed class SqlitePurchaseScenarioTests(SqliteTestDatabase database) : PurchaseScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresPurchaseScenarioTests(PostgresTestDatabase database) : PurchaseScenarioTests<PostgresTestDatabase>(database);
