using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// A bureau (agency <c>{agency}</c>) for the procedures that spend money (采购, 出差申请, 差旅报销, 预算执行): a 处 with its
/// head (办公室主任 when the 处 is the 办公室) and two clerks, a 财务处 (<c>{agency}-fin</c>) with its finance officer (财务), a deputy (分管领导) and a principal
/// leader (主要领导); the shipped workflows deployed; the clock on Monday 4 January 2027, 09:00 China Standard Time. The
/// people are <c>{agency}.clerk</c>, <c>.clerk2</c>, <c>.head</c>, <c>.finance</c>, <c>.deputy</c> and <c>.leader</c>.
/// </summary>
public sealed class FinanceBureau(TestDatabase database, string agency, string agencyName, string department, string departmentName)
    : IAsyncDisposable
{
    private readonly OfficeHost _host = new(database);

    public RuntimeHarness Runtime => _host.Runtime;

    /// <summary>Sets the bureau up; <paramref name="reset"/> clears the test's own rows.</summary>
    public Task InitializeAsync(Func<IServiceProvider, Task> reset) => _host.InitializeAsync(agency, CreateOrganisationAsync, reset);

    private async Task CreateOrganisationAsync(OrganisationService org)
    {
        var finance = $"{agency}-fin";
        await org.CreateAgencyAsync(new NewAgency(agency, agencyName), "setup");
        await org.CreateDepartmentAsync(new NewDepartment(department, agency, departmentName), "setup");
        await org.CreateDepartmentAsync(new NewDepartment(finance, agency, "财务处"), "setup");
        foreach (var (id, name, unit) in new[]
                 {
                     ("clerk", "李科员", department), ("clerk2", "王科员", department), ("head", "张处长", department),
                     ("finance", "何会计", finance), ("deputy", "赵副局长", (string?)null), ("leader", "钱局长", null),
                 })
            await org.CreateUserAsync(new NewUser($"{agency}.{id}", name, unit, unit is null ? agency : null), "setup");
        await org.SetDepartmentHeadAsync(department, $"{agency}.head", "setup");
        if (departmentName == "办公室")
            await org.AssignPositionAsync($"{agency}.head", "办公室主任", department, "setup");
        await org.AssignPositionAsync($"{agency}.deputy", "分管领导", agency, "setup");
        await org.AssignPositionAsync($"{agency}.leader", "主要领导", agency, "setup");
        await org.AssignPositionAsync($"{agency}.finance", "财务", finance, "setup");
    }

    public Task<long> StartAsync(string process, string user, string title) =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance(process, null, Title: title, Initiator: user, AgencyId: agency)));

    /// <summary>Completes the instance's open task at <paramref name="elementId"/> as its assignee with form values.</summary>
    public async Task CompleteAsync(long instance, string elementId, string actor, params (string Name, object? Value)[] values)
    {
        var task = await Runtime.TaskAsync(instance, elementId);
        Assert.Equal(actor, task.Assignee);
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(
            task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    /// <summary>Runs <paramref name="work"/> and gives back its refusal, or null when it succeeded.</summary>
    public static async Task<RuntimeException?> Outcome(Func<Task> work)
    {
        ArgumentNullException.ThrowIfNull(work);
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
