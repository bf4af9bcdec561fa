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
using Microsoft.Extensions.Logging.Abstractions;

namespace G2G.Office.Tests;

/// <summary>
/// One bureau for the 请假 procedure: an office with its head (办公室主任), two clerks, a deputy leader (分管领导) and the
/// principal leader (主要领导); the shipped workflows deployed; every test starts with no requests and fresh balances.
/// </summary>
public sealed class LeaveWorld(TestDatabase database) : IScenarioWorld
{
    public const string Clerk = "lv.clerk", Clerk2 = "lv.clerk2", Head = "lv.head", Deputy = "lv.deputy", Leader = "lv.leader";
    public const int Year = 2027;

    private readonly OfficeHost _host = new(database);

    public RuntimeHarness Runtime => _host.Runtime;

    public Task InitializeAsync() => _host.InitializeAsync("lv", CreateOrganisationAsync, async s =>
    {
        var db = s.GetRequiredService<G2GDbContext>();
        var office = s.GetRequiredService<OfficeDbContext>();
        await office.LeaveRequests.ExecuteDeleteAsync();
        await office.LeaveBalances.ExecuteDeleteAsync();
        await db.Set<DelegationRecord>().ExecuteDeleteAsync();
    });

    private static async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency("lv", "请假测试局"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("lv-office", "lv", "办公室"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("lv-law", "lv", "法规处"), "setup");
        foreach (var (id, name, department) in new[]
                 {
                     (Clerk, "李科员", "lv-office"), (Clerk2, "王科员", "lv-office"), (Head, "张主任", "lv-office"),
                     (Deputy, "赵副局长", (string?)null), (Leader, "钱局长", null),
                 })
            await org.CreateUserAsync(new NewUser(id, name, department, department is null ? "lv" : null), "setup");
        await org.SetDepartmentHeadAsync("lv-office", Head, "setup");
        await org.AssignPositionAsync(Head, "办公室主任", "lv-office", "setup"); // the 督办 of the principal leader's step
        await org.AssignPositionAsync(Deputy, "分管领导", "lv", "setup");
        await org.AssignPositionAsync(Leader, "主要领导", "lv", "setup");
    }

    public Task EntitleAsync(string user, string type, decimal days) =>
        Runtime.In(s => s.GetRequiredService<LeaveService>().SetEntitlementAsync(user, Year, type, days, "setup", default));

    public Task<LeaveBalanceView> BalanceAsync(string user, string type) =>
        Runtime.In(async s => (await s.GetRequiredService<LeaveService>().BalancesAsync(user, Year, default)).Single(b => b.LeaveType == type));

    public Task<long> StartAsync(string user) =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("leave", null, Title: "请假申请", Initiator: user, AgencyId: "lv")));

    /// <summary>Completes the instance's open task at <paramref name="elementId"/> as its assignee with form values.</summary>
    public async Task CompleteAsync(long instance, string elementId, string actor, params (string Name, object? Value)[] values)
    {
        var task = await Runtime.TaskAsync(instance, elementId);
        Assert.Equal(actor, task.Assignee);
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    public Task ApplyAsync(long instance, string user, string type, string from, string to) =>
        CompleteAsync(instance, "apply", user, ("leaveType", type), ("startDate", from), ("endDate", to), ("reason", "家中有事"));

    public Task DecideAsync(long instance, string step, string actor, string decision = "approve") =>
        CompleteAsync(instance, step, actor, ("decision", decision));

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    public Task<Value> VariableAsync(long instance, string name) =>
        Runtime.Query(async db => G2G.Engine.Execution.ProcessStateJson.Deserialize(
            (await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == instance)).State).Variables[name]);

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
