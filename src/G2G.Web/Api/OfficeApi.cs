using G2G.Office.Leave;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office: the business data of the office procedures. Leave balances: everyone reads their own (and
/// administrators anyone's); administrators set entitlements. Requests change balances only through 请假.
/// </summary>
internal static class OfficeApi
{
    public static void MapOfficeApi(this RouteGroupBuilder api)
    {
        var leave = api.MapGroup("/office/leave").WithTags("Office");
        leave.MapGet("/types", ListTypes).WithSummary("The leave types, with their Chinese names and whether they draw on a balance.");
        leave.MapGet("/balances", MyBalancesAsync).WithSummary("The caller's leave balances of a year (default: this year).");
        leave.MapGet("/balances/{userId}", BalancesAsync).WithSummary("A person's leave balances of a year (the person or an administrator).");
        leave.MapPut("/balances/{userId}/{year:int}/{leaveType}", SetEntitlementAsync).Refuses(Status403Forbidden, Status422UnprocessableEntity)
            .WithSummary("Sets a person's entitlement of a type in a year, in whole or half days (administrators).");
    }

    private static Ok<IEnumerable<LeaveTypeView>> ListTypes() =>
        TypedResults.Ok(LeaveTypes.All.Select(t => new LeaveTypeView(t.Code, t.Name, LeaveTypes.HasBalance(t.Code))));

    private static async Task<Ok<IReadOnlyList<LeaveBalanceView>>> MyBalancesAsync(
        int? year, LeaveService leave, HttpContext http, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await leave.BalancesAsync(http.User.Actor(), year ?? ThisYear(clock), ct));

    private static async Task<Ok<IReadOnlyList<LeaveBalanceView>>> BalancesAsync(
        string userId, int? year, LeaveService leave, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await leave.BalancesAsync(userId, year ?? ThisYear(clock), ct));

    private static async Task<Results<Ok<LeaveBalanceView>, ValidationProblem>> SetEntitlementAsync(
        string userId, int year, string leaveType, EntitlementRequest body, LeaveService leave, HttpContext http, CancellationToken ct)
    {
        if (body.Days is not { } days)
            return ApiResults.Invalid("days", ApiText.Get("Required", "days"));
        return TypedResults.Ok(await leave.SetEntitlementAsync(userId, year, leaveType, days, http.User.Actor(), ct));
    }

    private static int ThisYear(TimeProvider clock) => clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
}

/// <summary>A leave type as the API lists it.</summary>
internal sealed record LeaveTypeView(string Code, string Name, bool HasBalance);

/// <summary>Body of PUT /office/leave/balances/{userId}/{year}/{leaveType}.</summary>
internal sealed record EntitlementRequest(decimal? Days);
