namespace G2G.Office.Vehicles;

/// <summary>
/// A vehicle of an agency's motor pool (<c>office_vehicles</c>). <see cref="BookingStamp"/> is raised by every
/// assignment: that update locks the row, so two dispatchers booking the same vehicle take turns.
/// </summary>
public sealed class VehicleRecord
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }

    /// <summary>The licence plate (车牌号), unique across the installation.</summary>
    public required string Plate { get; set; }

    public required string Model { get; set; }

    /// <summary>Passenger seats (the driver's not counted).</summary>
    public int Seats { get; set; }

    /// <summary>The last odometer reading in km; only ever rises.</summary>
    public int OdometerKm { get; set; }

    public bool IsActive { get; set; } = true;
    public long BookingStamp { get; set; }
}

/// <summary>A driver of an agency's motor pool (<c>office_drivers</c>), locked like a vehicle when assigned.</summary>
public sealed class DriverRecord
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }

    /// <summary>The code the dispatcher types (工号), unique within the agency.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public string? Phone { get; set; }
    public bool IsActive { get; set; } = true;
    public long BookingStamp { get; set; }
}

/// <summary>The trip of one 用车申请 instance (<c>office_vehicle_trips</c>): when, where, and what it holds.</summary>
public sealed class TripRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string AgencyId { get; set; }
    public required string RequesterId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string Destination { get; set; }
    public int Passengers { get; set; }

    /// <summary><see cref="TripStates"/>.</summary>
    public required string State { get; set; }

    public long? VehicleId { get; set; }
    public long? DriverId { get; set; }
    public int? OdometerKm { get; set; }
    public int? DistanceKm { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>States of a trip; only an <see cref="Assigned"/> trip holds its vehicle and driver.</summary>
public static class TripStates
{
    public const string Requested = "requested", Assigned = "assigned", Returned = "returned", Rejected = "rejected";
}
