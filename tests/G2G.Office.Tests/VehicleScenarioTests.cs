using G2G.Office.Vehicles;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using static G2G.Office.Tests.BureauWorld;
using static G2G.Office.Tests.VehicleWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 用车申请 procedure (workflows/office/vehicle) walked through the runtime with its motor
/// pool.</summary>
public abstract class VehicleScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, VehicleWorld>(database, new VehicleWorld(database))
    where TDatabase : TestDatabase
{

    private BureauWorld Bureau => World.Bureau;


    [DatabaseFact]
    public async Task ATrip_IsApproved_Assigned_AndItsMileageRecordedOnReturn()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id, "09:00", "12:00");
        Assert.Equal(["head"], await Bureau.OpenStepsAsync(id));
        await World.ApproveAsync(id);
        Assert.Equal(Bureau.OfficeDirector, (await Bureau.Runtime.TaskAsync(id, "dispatch")).Assignee);

        await World.DispatchAsync(id, Sedan, Driver1);

        var trip = await World.TripAsync(id);
        Assert.Equal(TripStates.Assigned, trip.State);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 1, 0, 0, TimeSpan.Zero),
            trip.StartsAt); // 09:00 in Beijing is 01:00 UTC
        Assert.Equal(["tripReturn"], await Bureau.OpenStepsAsync(id));
        await Bureau.CompleteAsync(id, "tripReturn", Bureau.OfficeDirector, ("odometer", 10_126));

        Assert.Equal((TripStates.Returned, 126), ((await World.TripAsync(id)).State, (await World.TripAsync(id))
            .DistanceKm));
        Assert.Equal(10_126, (await World.VehicleAsync(Sedan)).OdometerKm);
        Assert.Equal(InstanceStatus.Completed, (await Bureau.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task ARejection_EndsTheRequest_AndHoldsNothing()
    {
        var byHead = await World.StartAsync();
        await World.ApplyAsync(byHead, "09:00", "12:00");
        await World.ApproveAsync(byHead, "reject");
        var noCar = await World.ApprovedAsync("09:00", "12:00");
        await Bureau.CompleteAsync(noCar, "dispatch", Bureau.OfficeDirector, ("decision", "reject"));

        foreach (var id in new[] { byHead, noCar })
        {
            Assert.Equal(TripStates.Rejected, (await World.TripAsync(id)).State);
            Assert.Equal(InstanceStatus.Completed, (await Bureau.Runtime.InstanceAsync(id)).Status);
        }
        var next = await World.ApprovedAsync("09:00", "12:00");
        await World.DispatchAsync(next, Sedan, Driver1);
        Assert.Equal(TripStates.Assigned, (await World.TripAsync(next)).State);
    }

    [DatabaseFact]
    public async Task SentBackByTheMotorPool_TheCorrectedRequestReplacesTheTrip()
    {
        var id = await World.ApprovedAsync("09:00", "12:00", passengers: 6);

        await Bureau.SendBackAsync(id, "dispatch", Bureau.OfficeDirector, "apply");
        await World.ApplyAsync(id, "14:00", "17:00", passengers: 3);
        await World.ApproveAsync(id);
        await World.DispatchAsync(id, Sedan, Driver2);

        var trip = await World.TripAsync(id);
        Assert.Equal((3, new DateTimeOffset(2027, 1, 5, 6, 0, 0, TimeSpan.Zero)), (trip.Passengers, trip.StartsAt));
        Assert.Equal(TripStates.Assigned, trip.State);
    }

    [DatabaseFact]
    public async Task BadRequestValues_AreRefusedWithTheirField()
    {
        var id = await World.StartAsync();

        Assert.Equal("startDate", await RefusedFieldAsync(() => World.ApplyAsync(id, "09:00", "12:00",
            day: "2027-01-01")));
        Assert.Equal("endTime", await RefusedFieldAsync(() => World.ApplyAsync(id, "12:00", "09:00")));
        Assert.Equal("startTime", await RefusedFieldAsync(() => World.ApplyAsync(id, "9点", "12:00")));
        Assert.Equal("passengers", await RefusedFieldAsync(() => World.ApplyAsync(id, "09:00", "12:00",
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
        var id = await World.ApprovedAsync("09:00", "12:00", passengers: 5);

        Assert.Equal("vehicle", await RefusedFieldAsync(() => World.DispatchAsync(id, "贵A·99999", Driver1)));
        Assert.Equal("driver", await RefusedFieldAsync(() => World.DispatchAsync(id, Van, "D99")));
        var seats = await Assert.ThrowsAsync<RuntimeException>(() => World.DispatchAsync(id, Sedan, Driver1));
        Assert.Contains("seats 4, the trip has 5 passengers", seats.Message, StringComparison.Ordinal);
        Assert.Equal(TripStates.Requested, (await World.TripAsync(id)).State);

        await World.DispatchAsync(id, Van, Driver1);
        var backwards = await Assert.ThrowsAsync<RuntimeException>(() => Bureau.CompleteAsync(id, "tripReturn",
            Bureau.OfficeDirector, ("odometer", 51_990)));
        Assert.Equal(["odometer"], backwards.FieldErrors!.Keys);
        Assert.Contains("last read 52000 km", backwards.Message, StringComparison.Ordinal);
        Assert.Equal(52_000, (await World.VehicleAsync(Van)).OdometerKm);
        Assert.Equal(["tripReturn"], await Bureau.OpenStepsAsync(id));
    }

    [DatabaseFact]
    public async Task AnOverlappingTrip_IsRefusedWithTheTripThatHoldsTheVehicleOrTheDriver()
    {
        var morning = await World.ApprovedAsync("09:00", "12:00");
        await World.DispatchAsync(morning, Sedan, Driver1);
        var noon = await World.ApprovedAsync("11:30", "14:00");

        var vehicle = await Assert.ThrowsAsync<RuntimeException>(() => World.DispatchAsync(noon, Sedan, Driver2));
        Assert.Equal(["vehicle"], vehicle.FieldErrors!.Keys);
        Assert.Contains($"booked 2027-01-05 09:00–2027-01-05 12:00 (request {morning})", vehicle.Message,
            StringComparison.Ordinal);
        var driver = await Assert.ThrowsAsync<RuntimeException>(() => World.DispatchAsync(noon, Van, Driver1));
        Assert.Equal(["driver"], driver.FieldErrors!.Keys);
        Assert.Contains($"(request {morning})", driver.Message, StringComparison.Ordinal);

        await World.DispatchAsync(noon, Van, Driver2);
        var afternoon = await World.ApprovedAsync("12:00", "15:00"); // starts when the morning trip ends
        await World.DispatchAsync(afternoon, Sedan, Driver1);
        Assert.Equal(TripStates.Assigned, (await World.TripAsync(afternoon)).State);
    }

    [DatabaseFact]
    public async Task TwoDispatchersRacingForOneVehicle_ExactlyOneGetsIt()
    {
        var first = await World.ApprovedAsync("09:00", "12:00");
        var second = await World.ApprovedAsync("10:00", "11:00");

        var results = await Task.WhenAll(
            Outcome(() => World.DispatchAsync(first, Sedan, Driver1)),
            Outcome(() => World.DispatchAsync(second, Sedan, Driver2)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is RuntimeException { Code: RuntimeErrorCode.Invalid });
        var states = new[] { (await World.TripAsync(first)).State, (await World.TripAsync(second)).State };
        Assert.Single(states, s => s == TripStates.Assigned);
        Assert.Single(states, s => s == TripStates.Requested);
    }
}

public sealed class SqliteVehicleScenarioTests(SqliteTestDatabase database) : VehicleScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresVehicleScenarioTests(PostgresTestDatabase database) : VehicleScenarioTests<PostgresTestDatabase>(database);
