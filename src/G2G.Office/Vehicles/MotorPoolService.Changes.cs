using G2G.Runtime;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.OfficeAdministration;

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
              ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.VehicleNotFound(existing))
            : office.Add(new VehicleRecord
            {
                AgencyId = change.AgencyId ?? throw Invalid(RuntimeMessages.FieldRequired("agencyId")),
                Plate = "", Model = change.Model ?? throw Invalid(RuntimeMessages.FieldRequired("model")),
                Seats = change.Seats ?? throw Invalid(RuntimeMessages.FieldRequired("seats")),
            }).Entity;
        if (change.AgencyId is { } agency)
        {
            await RequireAgencyAsync(agency, cancellationToken).ConfigureAwait(false);
            vehicle.AgencyId = agency;
        }
        vehicle.Plate = change.Plate?.Trim() is { Length: > 0 and <= 20 } plate ? plate
            : change.Plate is null && id is not null ? vehicle.Plate
            : throw Invalid(OfficeMessages.LengthExpected("plate", 20));
        if (await office.Set<VehicleRecord>().AnyAsync(v => v.Plate == vehicle.Plate && v.Id != vehicle.Id,
            cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.PlateExists(vehicle.Plate));
        vehicle.Model = change.Model?.Trim() is { Length: > 0 and <= 100 } model ? model
            : change.Model is null ? vehicle.Model : throw Invalid(OfficeMessages.LengthExpected("model", 100));
        vehicle.Seats = change.Seats is null or (>= 1 and <= 60)
            ? change.Seats ?? vehicle.Seats
            : throw Invalid(OfficeMessages.WholeNumberExpected("seats", 1, 60));
        if (change.OdometerKm is { } km && (km < vehicle.OdometerKm || km > 2_000_000))
            throw Invalid(OfficeMessages.OdometerNotBackwards(vehicle.OdometerKm));
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
              ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.DriverNotFound(existing))
            : office.Add(new DriverRecord
            {
                AgencyId = change.AgencyId ?? throw Invalid(RuntimeMessages.FieldRequired("agencyId")),
                Code = change.Code ?? throw Invalid(RuntimeMessages.FieldRequired("code")), Name = "",
            }).Entity;
        if (change.AgencyId is { } agency)
        {
            await RequireAgencyAsync(agency, cancellationToken).ConfigureAwait(false);
            driver.AgencyId = agency;
        }
        driver.Code = change.Code?.Trim() is { Length: > 0 and <= 40 } code ? code
            : change.Code is null ? driver.Code : throw Invalid(OfficeMessages.LengthExpected("code", 40));
        driver.Name = change.Name?.Trim() is { Length: > 0 and <= 100 } name ? name
            : change.Name is null && id is not null ? driver.Name : throw Invalid(OfficeMessages.LengthExpected("name", 100));
        driver.Phone = change.Phone is { Length: > 30 }
            ? throw Invalid(OfficeMessages.PhoneTooLong("phone", 30))
            : change.Phone ?? driver.Phone;
        driver.IsActive = change.IsActive ?? driver.IsActive;
        if (await office.Set<DriverRecord>().AnyAsync(
                d => d.AgencyId == driver.AgencyId && d.Code == driver.Code && d.Id != driver.Id, cancellationToken)
                    .ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.DriverExists(driver.Code, driver.AgencyId));
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await AuditAsync(actor, "driver.saved", driver.Code, $"{driver.AgencyId} {driver.Name}", cancellationToken)
            .ConfigureAwait(false);
        return View(driver);
    }

}
