using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Office.Purchase;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// The bureau (FinanceBureau <c>pu</c>) for 采购 and 预算执行, its 处 the 办公室 (<c>pu-office</c>); every test starts with no
/// purchases and no budget lines.
/// </summary>
public sealed class PurchaseWorld(TestDatabase database) : IScenarioWorld
{
    public const string Clerk = "pu.clerk", Clerk2 = "pu.clerk2", Head = "pu.head", Deputy = "pu.deputy",
        Leader = "pu.leader", Finance = "pu.finance", Department = "pu-office";
    public const int Year = 2027;

    private readonly FinanceBureau _bureau = new(database, "pu", "采购测试局", Department, "办公室");

    public RuntimeHarness Runtime => _bureau.Runtime;

    public Task InitializeAsync() => _bureau.InitializeAsync(async s =>
    {
        var office = s.GetRequiredService<OfficeDbContext>();
        await office.Purchases.ExecuteDeleteAsync();
        await office.BudgetReservations.ExecuteDeleteAsync();
        await office.BudgetLines.ExecuteDeleteAsync();
    });

    /// <summary>A line of the office's budget this year; amount in yuan.</summary>
    public Task<BudgetLineView> LineAsync(string code, long yuan) =>
        Runtime.In(s => s.GetRequiredService<BudgetService>().CreateAsync(
            new BudgetLineInput(Department, Year, code, "办公设备购置", yuan * 100), "setup", default));

    public Task<BudgetLineView> ReadLineAsync(long id) =>
        Runtime.In(s => s.GetRequiredService<BudgetService>().LineAsync(id, default));

    public Task<long> StartAsync(string user) => _bureau.StartAsync("purchase", user, "采购申请");

    public Task CompleteAsync(long instance, string elementId, string actor, params (string Name, object? Value)[] values) =>
        _bureau.CompleteAsync(instance, elementId, actor, values);

    public Task ApplyAsync(long instance, string user, string line, object amount) =>
        CompleteAsync(instance, "apply", user, ("item", "办公电脑"), ("budgetLine", line), ("amount", amount), ("reason", "更新设备"));

    public Task DecideAsync(long instance, string step, string actor, string decision = "approve") =>
        CompleteAsync(instance, step, actor, ("decision", decision));

    /// <summary>A clerk's purchase on line 310-02, approved by the head, the deputy and the principal leader: at the
    /// leadership's vote (领导班子集体决策) when the amount asks for it.</summary>
    public async Task<long> ApprovedUpToTheVoteAsync(long yuan)
    {
        var id = await StartAsync(Clerk);
        await ApplyAsync(id, Clerk, "310-02", yuan);
        await DecideAsync(id, "head", Head);
        await DecideAsync(id, "deputy", Deputy);
        await DecideAsync(id, "principal", Leader);
        return id;
    }

    /// <summary>One leader's vote at 领导班子集体决策: the decision given as the task's outcome too, as the task page does.</summary>
    public async Task VoteAsync(long instance, string actor, string decision)
    {
        var vote = (await Runtime.OpenTasksAsync(instance)).Single(t => t.ElementId == "collective" && t.Assignee == actor);
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(
            vote.Id, actor, RuntimeHarness.Vars(("decision", decision)), decision, decision == "approve" ? "同意" : "不同意"));
    }

    public Task ContractAsync(long instance, object amount, string acceptor = Clerk2) =>
        CompleteAsync(instance, "contract", Clerk, ("supplier", "示范科技有限公司"), ("contractNumber", "CG-2027-001"),
            ("contractAmount", amount), ("acceptor", acceptor));

    public Task<PurchaseRecord> PurchaseAsync(long instance) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().Purchases.AsNoTracking().SingleAsync(p => p.InstanceId == instance));

    public static Task<RuntimeException?> Outcome(Func<Task> work) => FinanceBureau.Outcome(work);

    public Task<IReadOnlyList<string>> OpenStepsAsync(long instance) => _bureau.OpenStepsAsync(instance);

    public ValueTask DisposeAsync() => _bureau.DisposeAsync();
}
