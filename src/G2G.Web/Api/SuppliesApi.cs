using G2G.Office.Supplies;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/supplies: the stock of 办公用品领用. Everyone signed in reads the items and what is free of them;
/// administrators add and change items and restock them. Requests change stock only through the procedure.
/// </summary>
internal static class SuppliesApi
{
    public static void MapSuppliesApi(this RouteGroupBuilder api)
    {
        var supplies = api.MapGroup("/office/supplies").WithTags("Office");
        supplies.MapGet("/items", ListAsync)
            .WithSummary("The items with their stock, reserved and free quantities, of one agency or all.");
        supplies.MapPost("/items", AddAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Adds an item, with no stock, to an agency (administrators).");
        supplies.MapPatch("/items/{id:long}", ChangeAsync)
            .Refuses(Status403Forbidden, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Changes an item's code, name, unit or active flag (administrators).");
        supplies.MapPost("/items/{id:long}/restock", RestockAsync)
            .Refuses(Status403Forbidden, Status422UnprocessableEntity)
            .WithSummary("Adds delivered quantities to an item's stock (administrators).");
    }

    private static async Task<Ok<IReadOnlyList<SupplyItemView>>> ListAsync(string? agencyId, SupplyService supplies,
        CancellationToken ct) =>
        TypedResults.Ok(await supplies.ItemsAsync(agencyId, ct));

    private static async Task<Created<SupplyItemView>> AddAsync(
        SupplyItemChange body, SupplyService supplies, HttpContext http, CancellationToken ct)
    {
        var item = await supplies.SaveAsync(null, body, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/office/supplies/items/{item.Id}", item);
    }

    private static async Task<Ok<SupplyItemView>> ChangeAsync(
        long id, SupplyItemChange body, SupplyService supplies, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await supplies.SaveAsync(id, body, http.User.Actor(), ct));

    private static async Task<Ok<SupplyItemView>> RestockAsync(
        long id, RestockRequest body, SupplyService supplies, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await supplies.RestockAsync(id, body.Quantity, http.User.Actor(), ct));
}

/// <summary>A delivery: how many units arrived (missing reads as 0 and is refused).</summary>
internal sealed record RestockRequest(int Quantity);
