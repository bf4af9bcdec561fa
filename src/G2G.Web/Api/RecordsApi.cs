using G2G.Office.Records;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/records: the grants of 司法档案调阅. Both agencies of a request read it (within their clearance);
/// only the requester opens the file, inside the granted period, and every attempt is logged; administrators revoke.
/// Requests are made and granted only through the procedure.
/// </summary>
internal static class RecordsApi
{
    public static void MapRecordsApi(this RouteGroupBuilder api)
    {
        var records = api.MapGroup("/office/records/requests").WithTags("Office");
        records.MapGet("/", ListAsync).WithSummary("Records requests of the caller's agencies (asking or holding), newest first.");
        records.MapGet("/{id:long}", GetAsync).WithSummary("One records request with its granted period.");
        records.MapPost("/{id:long}/open", OpenAsync).Refuses(Status403Forbidden)
            .WithSummary("Opens the case file: only the requester, only inside the granted period; every attempt is logged.");
        records.MapGet("/{id:long}/accesses", AccessesAsync).WithSummary("The log of attempts to open the file.");
        records.MapPost("/{id:long}/revoke", RevokeAsync).Refuses(Status403Forbidden, Status409Conflict)
            .WithSummary("Ends a grant before its period is over (administrators).");
    }

    private static async Task<Ok<IReadOnlyList<RecordsRequestView>>> ListAsync(
        string? state, RecordsService records, CancellationToken ct) =>
        TypedResults.Ok(await records.ListAsync(state, ct));

    private static async Task<Ok<RecordsRequestView>> GetAsync(long id, RecordsService records, CancellationToken ct) =>
        TypedResults.Ok(await records.GetAsync(id, ct));

    private static async Task<Ok<RecordsAccessView>> OpenAsync(
        long id, RecordsService records, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await records.OpenAsync(id, http.User.Actor(), ct));

    private static async Task<Ok<IReadOnlyList<RecordsAccessView>>> AccessesAsync(
        long id, RecordsService records, CancellationToken ct) =>
        TypedResults.Ok(await records.AccessesAsync(id, ct));

    private static async Task<Ok<RecordsRequestView>> RevokeAsync(
        long id, RevokeRequest body, RecordsService records, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await records.RevokeAsync(id, body.Reason ?? "", http.User.Actor(), ct));
}

/// <summary>Body of POST /office/records/requests/{id}/revoke.</summary>
internal sealed record RevokeRequest(string? Reason);
