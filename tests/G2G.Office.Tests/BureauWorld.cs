using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// A bureau (agency <c>{prefix}</c>) for the office procedures: a clerk, a colleague and their head in 法规处, the
/// 办公室 whose director (办公室主任) serves the bureau, and the principal leader; the shipped workflows deployed; the
/// clock on Monday 4 January 2027, 09:00 China Standard Time.
/// </summary>
public sealed class BureauWorld(TestDatabase database, string prefix, string name) : IAsyncDisposable
{
    public string Agency => prefix;
    public string Clerk => $"{prefix}.clerk";
    public string Clerk2 => $"{prefix}.clerk2";
    public string Head => $"{prefix}.head";
    public string OfficeDirector => $"{prefix}.office";
    public string Leader => $"{prefix}.leader";

    private readonly OfficeHost _host = new(database);

    public RuntimeHarness Runtime => _host.Runtime;

    /// <summary>Sets the bureau up; <paramref name="reset"/> clears the test's own rows.</summary>
    public Task InitializeAsync(Func<IServiceProvider, Task> reset) => _host.InitializeAsync(prefix, CreateOrganisationAsync, reset);

    private async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency(prefix, name), "setup");
        await org.CreateDepartmentAsync(new NewDepartment($"{prefix}-office", prefix, "办公室"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment($"{prefix}-law", prefix, "法规处"), "setup");
        foreach (var (id, person, department) in new[]
                 {
                     (Clerk, "陈科员", $"{prefix}-law"), (Clerk2, "林科员", $"{prefix}-law"), (Head, "黄处长", $"{prefix}-law"),
                     (OfficeDirector, "马主任", $"{prefix}-office"), (Leader, "郑局长", (string?)null),
                 })
            await org.CreateUserAsync(new NewUser(id, person, department, department is null ? prefix : null), "setup");
        await org.SetDepartmentHeadAsync($"{prefix}-law", Head, "setup");
        await org.SetDepartmentHeadAsync($"{prefix}-office", OfficeDirector, "setup");
        await org.AssignPositionAsync(OfficeDirector, "办公室主任", $"{prefix}-office", "setup");
        await org.AssignPositionAsync(Leader, "主要领导", prefix, "setup");
    }

    public Task<long> StartAsync(string process, string user) =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance(process, null, Title: process, Initiator: user, AgencyId: prefix)));

    /// <summary>Completes the instance's open task at <paramref name="elementId"/> as its assignee with form
    /// values.</summary>
    public async Task CompleteAsync(long instance, string elementId, string actor, params (string Name,
        object? Value)[] values)
    {
        var task = await Runtime.TaskAsync(instance, elementId);
        Assert.Equal(actor, task.Assignee);
        await Runtime.In(s => s.GetRequiredService<InstanceService>()
            .CompleteTaskAsync(task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    public async Task SendBackAsync(long instance, string elementId, string actor, string to)
    {
        var task = await Runtime.TaskAsync(instance, elementId);
        await Runtime.In(s => s.GetRequiredService<InstanceService>().SendBackAsync(task.Id, actor, to,
            comment: "请修改"));
    }

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    /// <summary>An instance variable as the engine keeps it.</summary>
    public Task<G2G.Engine.Expressions.Value> VariableAsync(long instance, string name) =>
        Runtime.Query(async db => G2G.Engine.Execution.ProcessStateJson.Deserialize(
            (await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == instance)).State).Variables[name]);

    /// <summary>The notices of a kind (task.reminder, task.escalated …) queued for an instance, by recipient.</summary>
    public Task<List<OutboxRecord>> NoticesAsync(long instance, string kind) => Runtime.Query(db =>
        db.Set<OutboxRecord>().Where(o => o.InstanceId == instance && o.Kind == kind).OrderBy(o => o.Recipient).ThenBy(o => o.Id)
            .ToListAsync());

    public async Task<string> InstanceStatusAsync(long instance) => (await Runtime.InstanceAsync(instance)).Status;

    /// <summary>What <paramref name="work"/> ended with: null, or the runtime's refusal.</summary>
    public static async Task<Exception?> Outcome(Func<Task> work)
    {
        try
        {
            await work();
            return null;
        }
        catch (G2G.Runtime.RuntimeException refused)
        {
            return refused;
        }
    }

    /// <summary>The single field a refused step names.</summary>
    public static async Task<string> RefusedFieldAsync(Func<Task> work)
    {
        var refused = await Assert.ThrowsAsync<G2G.Runtime.RuntimeException>(work);
        Assert.Equal(G2G.Runtime.RuntimeErrorCode.Invalid, refused.Code);
        return Assert.Single(refused.FieldErrors!.Keys);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
