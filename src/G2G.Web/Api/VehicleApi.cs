using G2G.Office.Vehicles;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/vehicles: the motor pools of 用车申请. Everyone signed in reads vehicles, drivers and an agency's
/// schedule; administrators add and change vehicles and drivers. Trips change only through the procedure.
/// </summary>
internal static class VehicleApi
{
    public static void MapVehicleApi(this RouteGroupBuilder api)
    {
        var pool = api.MapGroup("/office/vehicles").WithTags("Office");
        pool.MapGet("/", ListVehiclesAsync).WithSummary("The vehicles, of one agency or all.");
        pool.MapPost("/", AddVehicleAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Adds a vehicle to an agency's motor pool (administrators).");
        pool.MapPatch("/{id:long}", ChangeVehicleAsync)
            .Refuses(Status403Forbidden, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Changes a vehicle: plate, model, seats, odometer (only upwards), active (administrators).");
        pool.MapGet("/drivers", ListDriversAsync).WithSummary("The drivers, of one agency or all.");
        pool.MapPost("/drivers", AddDriverAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Adds a driver to an agency's motor pool (administrators).");
        pool.MapPatch("/drivers/{id:long}", ChangeDriverAsync)
            .Refuses(Status403Forbidden, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Changes a driver (administrators).");
        pool.MapGet("/trips", ScheduleAsync).WithSummary("An agency's trips ending on or after a day (default today).");
    }

    private static async Task<Ok<IReadOnlyList<VehicleView>>> ListVehiclesAsync(
        string? agencyId, MotorPoolService pool, CancellationToken ct) =>
            TypedResults.Ok(await pool.VehiclesAsync(agencyId, ct));

    private static async Task<Created<VehicleView>> AddVehicleAsync(
        VehicleChange body, MotorPoolService pool, HttpContext http, CancellationToken ct)
    {
        var vehicle = await pool.SaveVehicleAsync(null, body, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/office/vehicles/{vehicle.Id}", vehicle);
    }

    private static async Task<Ok<VehicleView>> ChangeVehicleAsync(
        long id, VehicleChange body, MotorPoolService pool, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await pool.SaveVehicleAsync(id, body, http.User.Actor(), ct));

    private static async Task<Ok<IReadOnlyList<DriverView>>> ListDriversAsync(
        string? agencyId, MotorPoolService pool, CancellationToken ct) =>
            TypedResults.Ok(await pool.DriversAsync(agencyId, ct));

    private static async Task<Created<DriverView>> AddDriverAsync(
        DriverChange body, MotorPoolService pool, HttpContext http, CancellationToken ct)
    {
        var driver = await pool.SaveDriverAsync(null, body, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/office/vehicles/drivers/{driver.Id}", driver);
    }

    private static async Task<Ok<DriverView>> ChangeDriverAsync(
        long id, DriverChange body, MotorPoolService pool, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await pool.SaveDriverAsync(id, body, http.User.Actor(), ct));

    private static async Task<Ok<IReadOnlyList<TripView>>> ScheduleAsync(
        string agencyId, DateOnly? from, MotorPoolService pool, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await pool.ScheduleAsync(agencyId, from ?? Today(clock), ct));

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow()
        .ToOffset(TimeSpan.FromHours(8)).DateTime);
}
