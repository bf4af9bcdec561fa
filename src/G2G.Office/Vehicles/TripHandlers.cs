using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Vehicles.FormValues;

namespace G2G.Office.Vehicles;

/// <summary>
/// <c>vehicle.request</c>: records the trip asked at 填写用车单 (from/to date and time, destination, passengers). A
/// request sent back and sent again replaces its trip; nothing is held until the motor pool assigns a vehicle.
/// </summary>
public sealed class RequestTrip : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var starts = Instant(context, "startDate", "startTime");
        var ends = Instant(context, "endDate", "endTime");
        if (starts < context.Now)
            throw new ServiceTaskRefusedException(OfficeMessages.TripInPast(), "startDate");
        if (ends <= starts)
            throw new ServiceTaskRefusedException(OfficeMessages.TripEndsBeforeStart(), "endTime");
        if (ends - starts > TimeSpan.FromDays(14))
            throw new ServiceTaskRefusedException(OfficeMessages.TripTooLong(), "endDate");
        var destination = Text(context, "destination", 200);
        var passengers = Integer(context, "passengers", 1, 60);

        using var office = OfficeDbContext.Joining(context.Db);
        var trip = office.Set<TripRecord>().FirstOrDefault(t => t.InstanceId == context.Instance.Id);
        if (trip is null)
        {
            trip = new TripRecord
            {
                InstanceId = context.Instance.Id, AgencyId = context.Instance.AgencyId!,
                    RequesterId = context.Instance.Initiator!,
                Destination = destination, State = TripStates.Requested, CreatedAt = context.Now.ToUniversalTime(),
            };
            office.Add(trip);
        }
        (trip.StartsAt, trip.EndsAt, trip.Destination, trip.Passengers) = (starts, ends, destination, passengers);
        (trip.State, trip.VehicleId, trip.DriverId) = (TripStates.Requested, null, null);
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["tripHours"] = Value.From(decimal.Round((decimal)(ends - starts).TotalHours, 1)),
        };
    }

    internal static TripRecord Of(OfficeDbContext office, long instanceId) =>
        office.Set<TripRecord>().FirstOrDefault(t => t.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no trip; its 填写用车单 step records it.");
}

/// <summary><c>vehicle.release</c>: a rejected request frees what it holds (a vehicle and driver, if
/// assigned).</summary>
public sealed class ReleaseTrip : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var trip = RequestTrip.Of(office, context.Instance.Id);
        (trip.State, trip.VehicleId, trip.DriverId, trip.ChangedAt) = (TripStates.Rejected, null, null,
            context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}
