using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Vehicles;

/// <summary>A vehicle as the API shows it.</summary>
public sealed record VehicleView(long Id, string AgencyId, string Plate, string Model, int Seats, int OdometerKm,
    bool IsActive);

/// <summary>A driver as the API shows it.</summary>
public sealed record DriverView(long Id, string AgencyId, string Code, string Name, string? Phone, bool IsActive);

/// <summary>A vehicle or its changes (administrators); null keeps the current value.</summary>
public sealed record VehicleChange(string? AgencyId, string? Plate, string? Model, int? Seats, int? OdometerKm,
    bool? IsActive);

/// <summary>A driver or its changes (administrators); null keeps the current value.</summary>
public sealed record DriverChange(string? AgencyId, string? Code, string? Name, string? Phone, bool? IsActive);

/// <summary>A trip as the motor pool's schedule shows it (times in UTC).</summary>
public sealed record TripView(long InstanceId, string AgencyId, string RequesterId, DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Destination, int Passengers, string State, string? Plate, string? DriverCode, int? DistanceKm);

/// <summary>
/// The motor pools: everyone signed in reads vehicles, drivers and the schedule; administrators add and change
/// vehicles and drivers (audited on the organisation chain). Trips change only through 用车申请's handlers.
/// </summary>
public sealed partial class MotorPoolService(OfficeDbContext office, G2GDbContext db, CallerContext callers,
    TimeProvider clock)
{
    public async Task<IReadOnlyList<VehicleView>> VehiclesAsync(string? agencyId,
        CancellationToken cancellationToken) =>
        [.. (await office.Set<VehicleRecord>().AsNoTracking().Where(v => agencyId == null || v.AgencyId == agencyId)
            .OrderBy(v => v.AgencyId).ThenBy(v => v.Plate).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(View)];

    public async Task<IReadOnlyList<DriverView>> DriversAsync(string? agencyId, CancellationToken cancellationToken) =>
        [.. (await office.Set<DriverRecord>().AsNoTracking().Where(d => agencyId == null || d.AgencyId == agencyId)
            .OrderBy(d => d.AgencyId).ThenBy(d => d.Code).ToListAsync(cancellationToken).ConfigureAwait(false))
                .Select(View)];

    /// <summary>The trips of an agency that start on or after a day (China Standard Time), assigned or not.</summary>
    public async Task<IReadOnlyList<TripView>> ScheduleAsync(string agencyId, DateOnly from,
        CancellationToken cancellationToken)
    {
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), FormValues.ChinaTime);
        var trips = (await office.Set<TripRecord>().AsNoTracking().Where(t => t.AgencyId == agencyId)
            .ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(t => t.EndsAt >= since).OrderBy(t => t.StartsAt).ToList();
        var plates = await office.Set<VehicleRecord>().AsNoTracking().Where(v => v.AgencyId == agencyId)
            .ToDictionaryAsync(v => v.Id, v => v.Plate, cancellationToken).ConfigureAwait(false);
        var codes = await office.Set<DriverRecord>().AsNoTracking().Where(d => d.AgencyId == agencyId)
            .ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken).ConfigureAwait(false);
        return [.. trips.Select(t => new TripView(t.InstanceId, t.AgencyId, t.RequesterId, t.StartsAt, t.EndsAt,
            t.Destination,
            t.Passengers, t.State, t.VehicleId is { } v ? plates[v] : null, t.DriverId is { } d ? codes[d] : null,
                t.DistanceKm))];
    }

    private Task AuditAsync(string actor, string action, string outcome, string comment, CancellationToken cancellationToken) =>
        OfficeAdministration.AuditAsync(db, clock, actor, action, outcome, comment, cancellationToken);

    private Task RequireAgencyAsync(string agencyId, CancellationToken cancellationToken) =>
        OfficeAdministration.RequireAgencyAsync(db, agencyId, cancellationToken);

    private static VehicleView View(VehicleRecord v) => new(v.Id, v.AgencyId, v.Plate, v.Model, v.Seats,
        v.OdometerKm, v.IsActive);

    private static DriverView View(DriverRecord d) => new(d.Id, d.AgencyId, d.Code, d.Name, d.Phone, d.IsActive);
}
