using G2G.Office.Persistence;
using G2G.Office.Regulations;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// One bureau for 政策法规发布: the drafter and the 办公室主任 in 办公室, 法规处 (legal review), 财务处 and 人事处 (会签), a department without
/// a head, and the principal leader who signs; the shipped workflows deployed; every test starts with an empty library.
/// </summary>
public sealed class RegulationWorld(TestDatabase database) : IScenarioWorld
{
    public const string Agency = "rg", Drafter = "rg.drafter", Lawyer = "rg.lawyer", Finance = "rg.finance";
    public const string Personnel = "rg.personnel", Leader = "rg.leader", OfficeDirector = "rg.director";

    private readonly OfficeHost _host = new(database);

    public RuntimeHarness Runtime => _host.Runtime;

    public Task InitializeAsync() => _host.InitializeAsync(Agency, CreateOrganisationAsync, async s =>
    {
        var office = s.GetRequiredService<OfficeDbContext>();
        await office.Regulations.ExecuteUpdateAsync(r => r.SetProperty(x => x.SupersededById, (long?)null));
        await office.Regulations.ExecuteDeleteAsync();
    });

    private static async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency(Agency, "法规测试厅"), "setup");
        foreach (var (id, name) in new[] { ("rg-office", "办公室"), ("rg-law", "法规处"), ("rg-fin", "财务处"), ("rg-hr", "人事处"), ("rg-none", "信息中心") })
            await org.CreateDepartmentAsync(new NewDepartment(id, Agency, name), "setup");
        foreach (var (id, name, department) in new[]
                 {
                     (Drafter, "起草人", "rg-office"), (Lawyer, "法规处长", "rg-law"), (Finance, "财务处长", "rg-fin"),
                     (Personnel, "人事处长", "rg-hr"), (OfficeDirector, "办公室主任", "rg-office"), (Leader, "厅长", (string?)null),
                 })
            await org.CreateUserAsync(new NewUser(id, name, department, department is null ? Agency : null), "setup");
        await org.SetDepartmentHeadAsync("rg-law", Lawyer, "setup");
        await org.SetDepartmentHeadAsync("rg-fin", Finance, "setup");
        await org.SetDepartmentHeadAsync("rg-hr", Personnel, "setup");
        await org.AssignPositionAsync(OfficeDirector, "办公室主任", "rg-office", "setup");
        await org.AssignPositionAsync(Leader, "主要领导", Agency, "setup");
    }

    public Task<long> StartAsync() =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("regulation", null, Title: "规范性文件", Initiator: Drafter, AgencyId: Agency)));

    public async Task CompleteAsync(long instance, string step, string actor, params (string Name, object? Value)[] values)
    {
        var task = (await Runtime.OpenTasksAsync(instance)).First(t => t.ElementId == step && t.Assignee == actor);
        await Runtime.In(s => s.GetRequiredService<InstanceService>()
            .CompleteTaskAsync(task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    public Task DraftAsync(long instance, string number, string title = "公务接待管理办法",
        string body = "第一条 为规范公务接待，厉行节约，制定本办法。", string effective = "2027-02-01",
        string? supersedes = null, params string[] departments) =>
        CompleteAsync(instance, "draft", Drafter, ("title", title), ("documentNumber", number), ("body", body),
            ("effectiveDate", effective), ("supersedes", supersedes), ("departments", departments));

    public Task DecideAsync(long instance, string step, string actor, string decision = "approve") =>
        CompleteAsync(instance, step, actor, ("decision", decision));

    /// <summary>Walks a draft through legal review, 会签 by 财务处 and leader's signature into the library.</summary>
    public async Task<long> PublishAsync(string number, string title, string body, string effective, string? supersedes = null)
    {
        var id = await StartAsync();
        await DraftAsync(id, number, title, body, effective, supersedes, "rg-fin");
        await DecideAsync(id, "legal", Lawyer);
        await CompleteAsync(id, "countersign", Finance);
        await DecideAsync(id, "sign", Leader);
        return id;
    }

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    public Task<T> Library<T>(Func<RegulationLibrary, Task<T>> work) =>
        Runtime.In(s => work(s.GetRequiredService<RegulationLibrary>()));

    public Task<RegulationRecord?> RuleAsync(string number) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().Regulations.AsNoTracking()
            .FirstOrDefaultAsync(r => r.DocumentNumber == number));

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
