using G2G.Runtime;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Vehicles;

public sealed partial class MotorPoolService
{
    /// <summary>Adds a vehicle (<paramref name="id"/> null) or changes one; its odometer may only rise.</summary>
    public async Task<VehicleView> SaveVehicleAsync(long? id, VehicleChange change, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        AccessRefusals.RequireAdministrator(callers, "change the motor pool");
        var vehicle = id is { } existing
            ? await office.Set<VehicleRecord>().FirstOrDefaultAsync(v => v.Id == existing, cancellationToken)
                .ConfigureAwait(false)
              ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"Vehicle {existing} does not exist.")
            : office.Add(new VehicleRecord
            {
                AgencyId = change.AgencyId ?? throw Invalid("'agencyId' is required."),
                Plate = "", Model = change.Model ?? throw Invalid("'model' is required."),
                Seats = change.Seats ?? throw Invalid("'seats' is required."),
            }).Entity;
        if (change.AgencyId is { } agency)
        {
            await RequireAgencyAsync(agency, cancellationToken).ConfigureAwait(false);
            vehicle.AgencyId = agency;
        }
        vehicle.Plate = change.Plate?.Trim() is { Length: > 0 and <= 20 } plate ? plate
            : change.Plate is null && id is not null ? vehicle.Plate
            : throw Invalid("'plate' needs 1 to 20 characters.");
        if (await office.Set<VehicleRecord>().AnyAsync(v => v.Plate == vehicle.Plate && v.Id != vehicle.Id,
            cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict,
                $"A vehicle with plate {vehicle.Plate} exists already.");
        vehicle.Model = change.Model?.Trim() is { Length: > 0 and <= 100 } model ? model
            : change.Model is null ? vehicle.Model : throw Invalid("'model' needs 1 to 100 characters.");
        vehicle.Seats = change.Seats is null or (>= 1 and <= 60)
            ? change.Seats ?? vehicle.Seats
            : throw Invalid("'seats' is 1 to 60.");
        if (change.OdometerKm is { } km && (km < vehicle.OdometerKm || km > 2_000_000))
            throw Invalid($"The odometer cannot go backwards (now {vehicle.OdometerKm} km).");
        vehicle.OdometerKm = change.OdometerKm ?? vehicle.OdometerKm;
        vehicle.IsActive = change.IsActive ?? vehicle.IsActive;
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "vehicle.saved", vehicle.Plate,
            $"{vehicle.AgencyId} {vehicle.Model} {vehicle.Seats} seats", cancellationToken)
            .ConfigureAwait(false);
        return View(vehicle);
    }

    /// <summary>Adds a driver (<paramref name="id"/> null) or changes one.</summary>
    public async Task<DriverView> SaveDriverAsync(long? id, DriverChange change, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(change);
        AccessRefusals.RequireAdministrator(callers, "change the motor pool");
        var driver = id is { } existing
            ? await office.Set<DriverRecord>().FirstOrDefaultAsync(d => d.Id == existing, cancellationToken)
                .ConfigureAwait(false)
              ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"Driver {existing} does not exist.")
            : office.Add(new DriverRecord
            {
                AgencyId = change.AgencyId ?? throw Invalid("'agencyId' is required."),
                Code = change.Code ?? throw Invalid("'code' is required."), Name = "",
            }).Entity;
        if (change.AgencyId is { } agency)
        {
            await RequireAgencyAsync(agency, cancellationToken).ConfigureAwait(false);
            driver.AgencyId = agency;
        }
        driver.Code = change.Code?.Trim() is { Length: > 0 and <= 40 } code ? code
            : change.Code is null ? driver.Code : throw Invalid("'code' needs 1 to 40 characters.");
        driver.Name = change.Name?.Trim() is { Length: > 0 and <= 100 } name ? name
            : change.Name is null && id is not null ? driver.Name : throw Invalid("'name' needs 1 to 100 characters.");
        driver.Phone = change.Phone is { Length: > 30 }
            ? throw Invalid("'phone' allows 30 characters.")
            : change.Phone ?? driver.Phone;
        driver.IsActive = change.IsActive ?? driver.IsActive;
        if (await office.Set<DriverRecord>().AnyAsync(
                d => d.AgencyId == driver.AgencyId && d.Code == driver.Code && d.Id != driver.Id, cancellationToken)
                    .ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict,
                $"Driver {driver.Code} exists already in {driver.AgencyId}.");
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "driver.saved", driver.Code, $"{driver.AgencyId} {driver.Name}", cancellationToken)
            .ConfigureAwait(false);
        return View(driver);
    }

    private static RuntimeException Invalid(string message) => new(RuntimeErrorCode.Invalid, message);
}
