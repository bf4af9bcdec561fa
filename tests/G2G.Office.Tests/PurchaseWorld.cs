using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Office.Purchase;
using G2G.Runtime;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// One bureau for 采购 and 预算执行: an office with its head and two clerks, a deputy and a principal leader, a
/// finance officer (财务); the shipped workflows deployed; every test starts with no purchases and no budget lines.
/// </summary>
public sealed class PurchaseWorld(TestDatabase database) : IAsyncDisposable
{
    public const string Clerk = "pu.clerk", Clerk2 = "pu.clerk2", Head = "pu.head", Deputy = "pu.deputy",
        Leader = "pu.leader", Finance = "pu.finance", Department = "pu-office";
    public const int Year = 2027;

    public RuntimeHarness Runtime { get; } = new(database, modules: (services, configuration) => services.AddG2GOffice(configuration));

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        await Runtime.Services.MigrateG2GOfficeAsync();
        await Runtime.In(async s =>
        {
            var db = s.GetRequiredService<G2GDbContext>();
            if (!await db.Set<AgencyRecord>().AnyAsync(a => a.Id == "pu"))
                await CreateOrganisationAsync(s.GetRequiredService<OrganisationService>());
            var office = s.GetRequiredService<OfficeDbContext>();
            await office.Purchases.ExecuteDeleteAsync();
            await office.BudgetReservations.ExecuteDeleteAsync();
            await office.BudgetLines.ExecuteDeleteAsync();
            var deployed = await s.GetRequiredService<WorkflowDirectoryDeployer>()
                .DeployAsync(Path.Combine(AppContext.BaseDirectory, "workflows"));
            Assert.Equal(0, deployed.Refused);
        });
        // Monday 4 January 2027, 09:00.
        Runtime.Clock.Set(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)));
    }

    private static async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency("pu", "采购测试局"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment(Department, "pu", "办公室"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("pu-fin", "pu", "财务处"), "setup");
        foreach (var (id, name, department) in new[]
                 {
                     (Clerk, "李科员", Department), (Clerk2, "王科员", Department), (Head, "张主任", Department),
                     (Finance, "何会计", "pu-fin"), (Deputy, "赵副局长", (string?)null), (Leader, "钱局长", null),
                 })
            await org.CreateUserAsync(new NewUser(id, name, department, department is null ? "pu" : null), "setup");
        await org.SetDepartmentHeadAsync(Department, Head, "setup");
        await org.AssignPositionAsync(Deputy, "分管领导", "pu", "setup");
        await org.AssignPositionAsync(Leader, "主要领导", "pu", "setup");
        await org.AssignPositionAsync(Finance, "财务", "pu-fin", "setup");
    }

    /// <summary>A line of the office's budget this year; amount in yuan.</summary>
    public Task<BudgetLineView> LineAsync(string code, long yuan) =>
        Runtime.In(s => s.GetRequiredService<BudgetService>().CreateAsync(
            new BudgetLineInput(Department, Year, code, "办公设备购置", yuan * 100), "setup", default));

    public Task<BudgetLineView> ReadLineAsync(long id) =>
        Runtime.In(s => s.GetRequiredService<BudgetService>().LineAsync(id, default));

    public Task<long> StartAsync(string user) =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("purchase", null, Title: "采购申请", Initiator: user, AgencyId: "pu")));

    /// <summary>Completes the instance's open task at <paramref name="elementId"/> as its assignee with form values.</summary>
    public async Task CompleteAsync(long instance, string elementId, string actor, params (string Name, object? Value)[] values)
    {
        var task = await Runtime.TaskAsync(instance, elementId);
        Assert.Equal(actor, task.Assignee);
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(
            task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    public Task ApplyAsync(long instance, string user, string line, object amount) =>
        CompleteAsync(instance, "apply", user, ("item", "办公电脑"), ("budgetLine", line), ("amount", amount), ("reason", "更新设备"));

    public Task DecideAsync(long instance, string step, string actor, string decision = "approve") =>
        CompleteAsync(instance, step, actor, ("decision", decision));

    public Task ContractAsync(long instance, object amount, string acceptor = Clerk2) =>
        CompleteAsync(instance, "contract", Clerk, ("supplier", "示范科技有限公司"), ("contractNumber", "CG-2027-001"),
            ("contractAmount", amount), ("acceptor", acceptor));

    public Task<PurchaseRecord> PurchaseAsync(long instance) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().Purchases.AsNoTracking().SingleAsync(p => p.InstanceId == instance));

    /// <summary>Runs <paramref name="work"/> and gives back its refusal, or null when it succeeded.</summary>
    public static async Task<RuntimeException?> Outcome(Func<Task> work)
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

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
