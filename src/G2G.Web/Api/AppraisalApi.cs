using G2G.Office.Appraisal;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/appraisals: the results of 业绩评价. Everyone reads their own; supervisors (their agency subtree) and
/// administrators read an agency's appraisals of a year. Appraisals change only through the procedure.
/// </summary>
internal static class AppraisalApi
{
    public static void MapAppraisalApi(this RouteGroupBuilder api)
    {
        var appraisals = api.MapGroup("/office/appraisals").WithTags("Office");
        appraisals.MapGet("/mine", MineAsync).WithSummary("The caller's appraisals, latest year first: figures, grades and state.");
        appraisals.MapGet("/agencies/{agencyId}/{year:int}", AgencyAsync).Refuses(Status403Forbidden, Status404NotFound)
            .WithSummary("An agency's appraisals of a year, by department and person (supervisors in scope, administrators).");
    }

    private static async Task<Ok<IReadOnlyList<AppraisalView>>> MineAsync(AppraisalService appraisals, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await appraisals.MineAsync(http.User.Actor(), ct));

    private static async Task<Ok<IReadOnlyList<AppraisalView>>> AgencyAsync(string agencyId, int year, AppraisalService appraisals,
        CancellationToken ct) => TypedResults.Ok(await appraisals.AgencyAsync(agencyId, year, ct));
}
