using G2G.Office.Persistence;
using G2G.Office.Vehicles;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>The bureau of <see cref="BureauWorld"/> with a motor pool of two cars and two drivers, no trips.</summary>
public sealed class VehicleWorld(TestDatabase database) : IScenarioWorld
{
    public const string Sedan = "贵A·10001", Van = "贵A·10002", Driver1 = "D01", Driver2 = "D02";

    public BureauWorld Bureau { get; } = new(database, "vc", "用车测试局");

    public Task InitializeAsync() => Bureau.InitializeAsync(async s =>
    {
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
    });

    public Task<long> StartAsync() => Bureau.StartAsync("vehicle", Bureau.Clerk);

    /// <summary>填写用车单 for a trip on Tuesday 5 January 2027 between two times.</summary>
    public Task ApplyAsync(long instance, string from, string to, int passengers = 2, string day = "2027-01-05") =>
        Bureau.CompleteAsync(instance, "apply", Bureau.Clerk, ("startDate", day), ("startTime", from), ("endDate", day),
            ("endTime", to), ("destination", "省高级人民法院"), ("passengers", passengers), ("purpose", "送达文书"));

    public Task ApproveAsync(long instance, string decision = "approve") =>
        Bureau.CompleteAsync(instance, "head", Bureau.Head, ("decision", decision));

    public Task DispatchAsync(long instance, string vehicle, string driver) =>
        Bureau.CompleteAsync(instance, "dispatch", Bureau.OfficeDirector, ("decision", "approve"), ("vehicle",
            vehicle), ("driver", driver));

    /// <summary>A request for the trip, approved by the head and waiting at 办公室派车.</summary>
    public async Task<long> ApprovedAsync(string from, string to, int passengers = 2)
    {
        var id = await StartAsync();
        await ApplyAsync(id, from, to, passengers);
        await ApproveAsync(id);
        return id;
    }

    public Task<TripRecord> TripAsync(long instance) => Bureau.Runtime.In(s =>
        s.GetRequiredService<OfficeDbContext>().Set<TripRecord>().AsNoTracking().SingleAsync(t =>
            t.InstanceId == instance));

    public Task<VehicleRecord> VehicleAsync(string plate) => Bureau.Runtime.In(s =>
        s.GetRequiredService<OfficeDbContext>().Set<VehicleRecord>().AsNoTracking().SingleAsync(v => v.Plate == plate));

    public ValueTask DisposeAsync() => Bureau.DisposeAsync();
}
