using G2G.Office.Travel;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/travel: the destinations and standards of 出差申请 and 差旅报销 (everyone signed in reads them,
/// administrators set them, audited; amounts in fen), the caller's travel requests, and the cancellation of an
/// approved trip that will not take place. Holds and spending change only through the procedures.
/// </summary>
internal static class TravelApi
{
    public static void MapTravelApi(this RouteGroupBuilder api)
    {
        var travel = api.MapGroup("/office/travel").WithTags("Office");
        travel.MapGet("/cities", ListCitiesAsync).WithSummary("The destinations with their city class (1–3) and whether they lie in the province.");
        travel.MapPut("/cities/{name}", SaveCityAsync).Refuses(Status403Forbidden)
            .WithSummary("Adds a destination or changes its class (administrators).");
        travel.MapDelete("/cities/{name}", DeleteCityAsync).Refuses(Status403Forbidden)
            .WithSummary("Removes a destination; trips to it count as 三类 and out of the province (administrators).");
        travel.MapGet("/standards", ListStandardsAsync)
            .WithSummary("The standards per city class and rank: accommodation a night, allowance a day (fen), highest seat (1–3).");
        travel.MapPut("/standards/{cityClass:int}/{rank}", SaveStandardAsync).Refuses(Status403Forbidden)
            .WithSummary("Sets the standard of a city class and rank (leader, staff) (administrators).");
        travel.MapGet("/requests", ListRequestsAsync).Refuses(Status403Forbidden)
            .WithSummary("The caller's travel requests, newest first; administrators name a requester or see all.");
        travel.MapPost("/requests/{instanceId:long}/cancel", CancelTripAsync).Refuses(Status409Conflict)
            .WithSummary("Cancels an approved trip that will not take place and gives its hold back (the requester, administrators).");
    }

    private static async Task<Ok<IReadOnlyList<TravelCityView>>> ListCitiesAsync(TravelService travel, CancellationToken ct) =>
        TypedResults.Ok(await travel.CitiesAsync(ct));

    private static async Task<Results<Ok<TravelCityView>, ValidationProblem>> SaveCityAsync(
        string name, TravelCityRequest body, TravelService travel, HttpContext http, CancellationToken ct)
    {
        if (body.CityClass is not { } cityClass)
            return ApiResults.Invalid("cityClass", ApiText.Get("Required", "cityClass"));
        return TypedResults.Ok(await travel.SaveCityAsync(name, cityClass, body.InProvince ?? false, http.User.Actor(), ct));
    }

    private static async Task<NoContent> DeleteCityAsync(string name, TravelService travel, HttpContext http, CancellationToken ct)
    {
        await travel.DeleteCityAsync(name, http.User.Actor(), ct);
        return TypedResults.NoContent();
    }

    private static async Task<Ok<IReadOnlyList<TravelStandardView>>> ListStandardsAsync(TravelService travel, CancellationToken ct) =>
        TypedResults.Ok(await travel.StandardsAsync(ct));

    private static async Task<Results<Ok<TravelStandardView>, ValidationProblem>> SaveStandardAsync(
        int cityClass, string rank, TravelStandardRequest body, TravelService travel, HttpContext http, CancellationToken ct)
    {
        var missing = new (string Field, object? Value)[]
            { ("accommodationFen", body.AccommodationFen), ("allowanceFen", body.AllowanceFen), ("maxSeat", body.MaxSeat) }
            .FirstOrDefault(f => f.Value is null);
        if (missing.Field is not null)
            return ApiResults.Invalid(missing.Field, ApiText.Get("Required", missing.Field));
        return TypedResults.Ok(await travel.SaveStandardAsync(cityClass, rank, body.AccommodationFen!.Value, body.AllowanceFen!.Value,
            body.MaxSeat!.Value, http.User.Actor(), ct));
    }

    private static async Task<Ok<IReadOnlyList<TravelRequestView>>> ListRequestsAsync(
        string? requester, string? state, TravelService travel, CancellationToken ct) =>
        TypedResults.Ok(await travel.RequestsAsync(requester, state, ct));

    private static async Task<Ok<TravelRequestView>> CancelTripAsync(
        long instanceId, TravelService travel, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await travel.CancelTripAsync(instanceId, http.User.Actor(), ct));
}

/// <summary>Body of PUT /office/travel/cities/{name}: the class (1–3) and whether the city lies in the province.</summary>
internal sealed record TravelCityRequest(int? CityClass, bool? InProvince);

/// <summary>Body of PUT /office/travel/standards/{cityClass}/{rank}; amounts in fen, seat 1 standard, 2 first, 3 premium.</summary>
internal sealed record TravelStandardRequest(long? AccommodationFen, long? AllowanceFen, int? MaxSeat);
