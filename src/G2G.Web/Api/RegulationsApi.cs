using G2G.Office.Regulations;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/regulations: the library of published regulations and policies (政策法规). Published rules are
/// public documents: every signed-in user searches and reads them. Rules enter through 政策法规发布 only;
/// administrators repeal.
/// </summary>
internal static class RegulationsApi
{
    public static void MapRegulationsApi(this RouteGroupBuilder api)
    {
        var rules = api.MapGroup("/office/regulations").WithTags("Office");
        rules.MapGet("/", SearchAsync)
            .WithSummary("Rules whose title or body contains q (substring), in force on 'on' if given; newest first.");
        rules.MapGet("/effective", EffectiveAsync).WithSummary("The rules in force on a date (default: today).");
        rules.MapGet("/{id:long}", GetAsync).WithSummary("One rule with its text and, when superseded, its successor.");
        rules.MapPost("/{id:long}/repeal", RepealAsync).Refuses(Status403Forbidden, Status409Conflict)
            .WithSummary("Repeals a rule from a date (administrators).");
    }

    private static async Task<Ok<IReadOnlyList<RegulationView>>> SearchAsync(
        string? q, DateOnly? on, RegulationLibrary library, CancellationToken ct) =>
        TypedResults.Ok(await library.SearchAsync(q, on, ct));

    private static async Task<Ok<IReadOnlyList<RegulationView>>> EffectiveAsync(
        DateOnly? on, RegulationLibrary library, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await library.SearchAsync(null,
            on ?? DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime), ct));

    private static async Task<Ok<RegulationView>> GetAsync(long id, RegulationLibrary library, CancellationToken ct) =>
        TypedResults.Ok(await library.GetAsync(id, ct));

    private static async Task<Ok<RegulationView>> RepealAsync(
        long id, RepealRequest body, RegulationLibrary library, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await library.RepealAsync(id, body.RepealedOn, http.User.Actor(), ct));
}

/// <summary>Body of POST /office/regulations/{id}/repeal.</summary>
internal sealed record RepealRequest(DateOnly? RepealedOn);
