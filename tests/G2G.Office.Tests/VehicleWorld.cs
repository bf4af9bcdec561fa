using G2G.Office.Persistence;
using G2G.Office.Vehicles;
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
/// One bureau for the 用车申请 procedure: a clerk and a colleague in 法规处 under its head, the 办公室 whose director
/// (办公室主任) runs the motor pool of two cars and two drivers, and the principal leader; the shipped workflows deployed.
/// </summary>
public sealed class VehicleWorld(TestDatabase database) : IAsyncDisposable
{
    public const string Clerk = "vc.clerk", Clerk2 = "vc.clerk2", Head = "vc.head", Pool = "vc.pool", Leader = "vc.leader";
    public const string Sedan = "贵A·10001", Van = "贵A·10002", Driver1 = "D01", Driver2 = "D02";

    public RuntimeHarness Runtime { get; } = new(database, modules: (services, configuration) => services.AddG2GOffice(configuration));

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        await Runtime.Services.MigrateG2GOfficeAsync();
        await Runtime.In(async s =>
        {
            var db = s.GetRequiredService<G2GDbContext>();
            if (!await db.Set<AgencyRecord>().AnyAsync(a => a.Id == "vc"))
                await CreateOrganisationAsync(s.GetRequiredService<OrganisationService>());
            var office = s.GetRequiredService<OfficeDbContext>();
            await office.Set<TripRecord>().ExecuteDeleteAsync();
            await office.Set<VehicleRecord>().Where(v => v.AgencyId == "vc").ExecuteDeleteAsync();
            await office.Set<DriverRecord>().Where(d => d.AgencyId == "vc").ExecuteDeleteAsync();
            office.AddRange(
                new VehicleRecord { AgencyId = "vc", Plate = Sedan, Model = "红旗 H5", Seats = 4, OdometerKm = 10_000 },
                new VehicleRecord { AgencyId = "vc", Plate = Van, Model = "别克 GL8", Seats = 6, OdometerKm = 52_000 },
                new DriverRecord { AgencyId = "vc", Code = Driver1, Name = "周师傅", Phone = "13800000001" },
                new DriverRecord { AgencyId = "vc", Code = Driver2, Name = "吴师傅" });
            await office.SaveChangesAsync();
            var folder = Path.Combine(AppContext.BaseDirectory, "workflows");
            var deployed = await s.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(folder);
            Assert.Equal(0, deployed.Refused);
        });
        // Monday 4 January 2027, 09:00 China Standard Time.
        Runtime.Clock.Set(new DateTimeOffset(2027, 1, 4, 9, 0, 0, TimeSpan.FromHours(8)));
    }

    private static async Task CreateOrganisationAsync(OrganisationService org)
    {
        await org.CreateAgencyAsync(new NewAgency("vc", "用车测试局"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("vc-office", "vc", "办公室"), "setup");
        await org.CreateDepartmentAsync(new NewDepartment("vc-law", "vc", "法规处"), "setup");
        foreach (var (id, name, department) in new[]
                 {
                     (Clerk, "陈科员", "vc-law"), (Clerk2, "林科员", "vc-law"), (Head, "黄处长", "vc-law"),
                     (Pool, "马主任", "vc-office"), (Leader, "郑局长", (string?)null),
                 })
            await org.CreateUserAsync(new NewUser(id, name, department, department is null ? "vc" : null), "setup");
        await org.SetDepartmentHeadAsync("vc-law", Head, "setup");
        await org.SetDepartmentHeadAsync("vc-office", Pool, "setup");
        await org.AssignPositionAsync(Pool, "办公室主任", "vc-office", "setup");
        await org.AssignPositionAsync(Leader, "主要领导", "vc", "setup");
    }

    public Task<long> StartAsync(string user = Clerk) =>
        Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(
            new StartInstance("vehicle", null, Title: "用车申请", Initiator: user, AgencyId: "vc")));

    /// <summary>Completes the instance's open task at <paramref name="elementId"/> as its assignee with form values.</summary>
    public async Task CompleteAsync(long instance, string elementId, string actor, params (string Name, object? Value)[] values)
    {
        var task = await Runtime.TaskAsync(instance, elementId);
        Assert.Equal(actor, task.Assignee);
        await Runtime.In(s => s.GetRequiredService<InstanceService>()
            .CompleteTaskAsync(task.Id, actor, RuntimeHarness.Vars(values), null, "同意"));
    }

    /// <summary>填写用车单 for a trip on Tuesday 5 January 2027 between two times.</summary>
    public Task ApplyAsync(long instance, string from, string to, int passengers = 2, string day = "2027-01-05") =>
        CompleteAsync(instance, "apply", Clerk, ("startDate", day), ("startTime", from), ("endDate", day), ("endTime", to),
            ("destination", "省高级人民法院"), ("passengers", passengers), ("purpose", "送达文书"));

    public Task ApproveAsync(long instance, string decision = "approve") =>
        CompleteAsync(instance, "head", Head, ("decision", decision));

    public Task DispatchAsync(long instance, string vehicle, string driver) =>
        CompleteAsync(instance, "dispatch", Pool, ("decision", "approve"), ("vehicle", vehicle), ("driver", driver));

    /// <summary>A request for the trip, approved by the head and waiting at 办公室派车.</summary>
    public async Task<long> ApprovedAsync(string from, string to, int passengers = 2)
    {
        var id = await StartAsync();
        await ApplyAsync(id, from, to, passengers);
        await ApproveAsync(id);
        return id;
    }

    public Task<TripRecord> TripAsync(long instance) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().Set<TripRecord>().AsNoTracking().SingleAsync(t => t.InstanceId == instance));

    public Task<VehicleRecord> VehicleAsync(string plate) =>
        Runtime.In(s => s.GetRequiredService<OfficeDbContext>().Set<VehicleRecord>().AsNoTracking().SingleAsync(v => v.Plate == plate));

    public async Task<IReadOnlyList<string>> OpenStepsAsync(long instance) =>
        [.. (await Runtime.OpenTasksAsync(instance)).Select(t => t.ElementId)];

    public ValueTask DisposeAsync() => Runtime.DisposeAsync();
}
