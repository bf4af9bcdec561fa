using G2G.Engine.Expressions;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Vehicles.FormValues;

namespace G2G.Office.Vehicles;

/// <summary>
/// <c>vehicle.assign</c> (派车): books the vehicle (<c>vehicle</c>, its plate) and the driver (<c>driver</c>, their
/// code) for the trip. Each is locked first by raising its booking stamp, always vehicle before driver, so that of two
/// commands booking the same one the second waits for the first and then sees its trip: exactly one wins, the other
/// is refused with the trip that holds it.
/// </summary>
public sealed class AssignTrip : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plate = Text(context, "vehicle", 20);
        var code = Text(context, "driver", 40);
        using var office = OfficeDbContext.Joining(context.Db);
        var trip = RequestTrip.Of(office, context.Instance.Id);
        var agency = trip.AgencyId;
        var vehicles = office.Set<VehicleRecord>().Where(v => v.Plate == plate && v.AgencyId == agency && v.IsActive);
        if (vehicles.ExecuteUpdate(s => s.SetProperty(v => v.BookingStamp, v => v.BookingStamp + 1)) == 0)
            throw new ServiceTaskRefusedException(OfficeMessages.NoVehicle(plate), "vehicle");
        var drivers = office.Set<DriverRecord>().Where(d => d.Code == code && d.AgencyId == agency && d.IsActive);
        if (drivers.ExecuteUpdate(s => s.SetProperty(d => d.BookingStamp, d => d.BookingStamp + 1)) == 0)
            throw new ServiceTaskRefusedException(OfficeMessages.NoDriver(code), "driver");
        var vehicle = vehicles.AsNoTracking().Single();
        var driver = drivers.AsNoTracking().Single();
        if (vehicle.Seats < trip.Passengers)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.TooFewSeats(plate, vehicle.Seats, trip.Passengers), "vehicle");
        }
        if (Clash(context, office, trip, t => t.VehicleId == vehicle.Id) is { } byVehicle)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.VehicleBooked(plate, Span(byVehicle), byVehicle.InstanceId), "vehicle");
        }
        if (Clash(context, office, trip, t => t.DriverId == driver.Id) is { } byDriver)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.DriverBooked(driver.Name, Span(byDriver), byDriver.InstanceId), "driver");
        }
        (trip.VehicleId, trip.DriverId, trip.State) = (vehicle.Id, driver.Id, TripStates.Assigned);
        trip.ChangedAt = context.Now.ToUniversalTime();
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["vehicleModel"] = Value.From(vehicle.Model),
            ["driverName"] = Value.From(driver.Name),
            ["driverPhone"] = driver.Phone is { } phone ? Value.From(phone) : Value.Null,
        };
    }

    /// <summary>
    /// An assigned trip of another running instance overlapping this one. The few assigned trips of one vehicle or
    /// driver are compared here rather than in SQL, where SQLite would compare instants as text.
    /// </summary>
    private static TripRecord? Clash(ServiceTaskContext context, OfficeDbContext office, TripRecord trip,
        System.Linq.Expressions.Expression<Func<TripRecord, bool>> holder)
    {
        var held = office.Set<TripRecord>().AsNoTracking()
            .Where(t => t.State == TripStates.Assigned && t.InstanceId != trip.InstanceId).Where(holder).ToList()
            .Where(t => t.StartsAt < trip.EndsAt && trip.StartsAt < t.EndsAt).ToList();
        if (held.Count == 0)
            return null;
        // A trip whose instance an administrator ended holds nothing any more.
        var ids = held.Select(t => t.InstanceId).ToList();
        var ended = EndedInstances.Among(context.Db, ids);
        return held.OrderBy(t => t.StartsAt).FirstOrDefault(t => !ended.Contains(t.InstanceId));
    }

    private static string Span(TripRecord t) => $"{Local(t.StartsAt)}–{Local(t.EndsAt)}";
}

/// <summary>
/// <c>vehicle.return</c> (回车登记): the odometer reading at return (<c>odometer</c>, km) becomes the vehicle's reading
/// and the trip's distance; a reading below the vehicle's last one is refused (an odometer does not go backwards).
/// </summary>
public sealed class ReturnTrip : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var reading = Integer(context, "odometer", 0, 2_000_000);
        using var office = OfficeDbContext.Joining(context.Db);
        var trip = RequestTrip.Of(office, context.Instance.Id);
        var vehicleId = trip.VehicleId
            ?? throw new InvalidOperationException("The trip has no vehicle; 派车 assigns it.");
        var vehicle = office.Set<VehicleRecord>().AsNoTracking().Single(v => v.Id == vehicleId);
        // One conditional update: of two returns racing on one vehicle, a lower reading cannot overwrite a higher one.
        var moved = office.Set<VehicleRecord>().Where(v => v.Id == vehicleId && v.OdometerKm <= reading)
            .ExecuteUpdate(s => s.SetProperty(v => v.OdometerKm, reading));
        if (moved == 0)
        {
            var last = office.Set<VehicleRecord>().AsNoTracking().Where(v => v.Id == vehicleId)
                .Select(v => v.OdometerKm).Single();
            throw new ServiceTaskRefusedException(OfficeMessages.OdometerBackwards(vehicle.Plate, last), "odometer");
        }
        (trip.State, trip.OdometerKm, trip.DistanceKm) = (TripStates.Returned, reading, reading - vehicle.OdometerKm);
        trip.ChangedAt = context.Now.ToUniversalTime();
        office.SaveChanges();
        var distance = reading - vehicle.OdometerKm;
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["distanceKm"] = Value.From(distance) };
    }
}
