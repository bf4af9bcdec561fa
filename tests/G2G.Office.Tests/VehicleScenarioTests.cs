using G2G.Office.Vehicles;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using static G2G.Office.Tests.BureauWorld;
using static G2G.Office.Tests.VehicleWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 用车申请 procedure (workflows/office/vehicle) walked through the runtime with its motor
/// pool.</summary>
public abstract class VehicleScenarioTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly VehicleWorld _world = new(database);

    private BureauWorld Bureau => _world.Bureau;

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task ATrip_IsApproved_Assigned_AndItsMileageRecordedOnReturn()
    {
        var id = await _world.StartAsync();
        await _world.ApplyAsync(id, "09:00", "12:00");
        Assert.Equal(["head"], await Bureau.OpenStepsAsync(id));
        await _world.ApproveAsync(id);
        Assert.Equal(Bureau.OfficeDirector, (await Bureau.Runtime.TaskAsync(id, "dispatch")).Assignee);

        await _world.DispatchAsync(id, Sedan, Driver1);

        var trip = await _world.TripAsync(id);
        Assert.Equal(TripStates.Assigned, trip.State);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 1, 0, 0, TimeSpan.Zero),
            trip.StartsAt); // 09:00 in Beijing is 01:00 UTC
        Assert.Equal(["tripReturn"], await Bureau.OpenStepsAsync(id));
        await Bureau.CompleteAsync(id, "tripReturn", Bureau.OfficeDirector, ("odometer", 10_126));

        Assert.Equal((TripStates.Returned, 126), ((await _world.TripAsync(id)).State, (await _world.TripAsync(id))
            .DistanceKm));
        Assert.Equal(10_126, (await _world.VehicleAsync(Sedan)).OdometerKm);
        Assert.Equal(InstanceStatus.Completed, (await Bureau.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task ARejection_EndsTheRequest_AndHoldsNothing()
    {
        var byHead = await _world.StartAsync();
        await _world.ApplyAsync(byHead, "09:00", "12:00");
        await _world.ApproveAsync(byHead, "reject");
        var noCar = await _world.ApprovedAsync("09:00", "12:00");
        await Bureau.CompleteAsync(noCar, "dispatch", Bureau.OfficeDirector, ("decision", "reject"));

        foreach (var id in new[] { byHead, noCar })
        {
            Assert.Equal(TripStates.Rejected, (await _world.TripAsync(id)).State);
            Assert.Equal(InstanceStatus.Completed, (await Bureau.Runtime.InstanceAsync(id)).Status);
        }
        var next = await _world.ApprovedAsync("09:00", "12:00");
        await _world.DispatchAsync(next, Sedan, Driver1);
        Assert.Equal(TripStates.Assigned, (await _world.TripAsync(next)).State);
    }

    [DatabaseFact]
    public async Task SentBackByTheMotorPool_TheCorrectedRequestReplacesTheTrip()
    {
        var id = await _world.ApprovedAsync("09:00", "12:00", passengers: 6);

        await Bureau.SendBackAsync(id, "dispatch", Bureau.OfficeDirector, "apply");
        await _world.ApplyAsync(id, "14:00", "17:00", passengers: 3);
        await _world.ApproveAsync(id);
        await _world.DispatchAsync(id, Sedan, Driver2);

        var trip = await _world.TripAsync(id);
        Assert.Equal((3, new DateTimeOffset(2027, 1, 5, 6, 0, 0, TimeSpan.Zero)), (trip.Passengers, trip.StartsAt));
        Assert.Equal(TripStates.Assigned, trip.State);
    }

    [DatabaseFact]
    public async Task BadRequestValues_AreRefusedWithTheirField()
    {
        var id = await _world.StartAsync();

        Assert.Equal("startDate", await RefusedFieldAsync(() => _world.ApplyAsync(id, "09:00", "12:00",
            day: "2027-01-01")));
        Assert.Equal("endTime", await RefusedFieldAsync(() => _world.ApplyAsync(id, "12:00", "09:00")));
        Assert.Equal("startTime", await RefusedFieldAsync(() => _world.ApplyAsync(id, "9点", "12:00")));
        Assert.Equal("passengers", await RefusedFieldAsync(() => _world.ApplyAsync(id, "09:00", "12:00",
            passengers: 0)));
        Assert.Equal("destination", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "apply", Bureau.Clerk,
            ("startDate", "2027-01-05"),
            ("startTime", "09:00"), ("endDate", "2027-01-05"), ("endTime", "10:00"), ("passengers", 1), ("purpose",
                "开会"))));
        Assert.Equal(["apply"], await Bureau.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task BadDispatchAndReturnValues_AreRefusedWithTheirField()
    {
        var id = await _world.ApprovedAsync("09:00", "12:00", passengers: 5);

        Assert.Equal("vehicle", await RefusedFieldAsync(() => _world.DispatchAsync(id, "贵A·99999", Driver1)));
        Assert.Equal("driver", await RefusedFieldAsync(() => _world.DispatchAsync(id, Van, "D99")));
        var seats = await Assert.ThrowsAsync<RuntimeException>(() => _world.DispatchAsync(id, Sedan, Driver1));
        Assert.Contains("seats 4, the trip has 5 passengers", seats.Message, StringComparison.Ordinal);
        Assert.Equal(TripStates.Requested, (await _world.TripAsync(id)).State);

        await _world.DispatchAsync(id, Van, Driver1);
        var backwards = await Assert.ThrowsAsync<RuntimeException>(() => Bureau.CompleteAsync(id, "tripReturn",
            Bureau.OfficeDirector, ("odometer", 51_990)));
        Assert.Equal(["odometer"], backwards.FieldErrors!.Keys);
        Assert.Contains("last read 52000 km", backwards.Message, StringComparison.Ordinal);
        Assert.Equal(52_000, (await _world.VehicleAsync(Van)).OdometerKm);
        Assert.Equal(["tripReturn"], await Bureau.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task AnOverlappingTrip_IsRefusedWithTheTripThatHoldsTheVehicleOrTheDriver()
    {
        var morning = await _world.ApprovedAsync("09:00", "12:00");
        await _world.DispatchAsync(morning, Sedan, Driver1);
        var noon = await _world.ApprovedAsync("11:30", "14:00");

        var vehicle = await Assert.ThrowsAsync<RuntimeException>(() => _world.DispatchAsync(noon, Sedan, Driver2));
        Assert.Equal(["vehicle"], vehicle.FieldErrors!.Keys);
        Assert.Contains($"booked 2027-01-05 09:00–2027-01-05 12:00 (request {morning})", vehicle.Message,
            StringComparison.Ordinal);
        var driver = await Assert.ThrowsAsync<RuntimeException>(() => _world.DispatchAsync(noon, Van, Driver1));
        Assert.Equal(["driver"], driver.FieldErrors!.Keys);
        Assert.Contains($"(request {morning})", driver.Message, StringComparison.Ordinal);

        await _world.DispatchAsync(noon, Van, Driver2);
        var afternoon = await _world.ApprovedAsync("12:00", "15:00"); // starts when the morning trip ends
        await _world.DispatchAsync(afternoon, Sedan, Driver1);
        Assert.Equal(TripStates.Assigned, (await _world.TripAsync(afternoon)).State);
    }

    [DatabaseFact]
    public async Task TwoDispatchersRacingForOneVehicle_ExactlyOneGetsIt()
    {
        var first = await _world.ApprovedAsync("09:00", "12:00");
        var second = await _world.ApprovedAsync("10:00", "11:00");

        var results = await Task.WhenAll(
            Outcome(() => _world.DispatchAsync(first, Sedan, Driver1)),
            Outcome(() => _world.DispatchAsync(second, Sedan, Driver2)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is RuntimeException { Code: RuntimeErrorCode.Invalid });
        var states = new[] { (await _world.TripAsync(first)).State, (await _world.TripAsync(second)).State };
        Assert.Single(states, s => s == TripStates.Assigned);
        Assert.Single(states, s => s == TripStates.Requested);
    }
}

public sealed class SqliteVehicleScenarioTests(SqliteTestDatabase database) : VehicleScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresVehicleScenarioTests(PostgresTestDatabase database) : VehicleScenarioTests<PostgresTestDatabase>(database);
