using G2G.Runtime.Queries;
using G2G.Runtime.Supervision;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/supervision (督办): overdue and soon-due work, aging, on-time rates, with CSV and xlsx exports. For
/// supervisors (their agency subtree) and administrators; <see cref="SupervisionQueries"/> enforces the scope.
/// </summary>
internal static class SupervisionApi
{
    /// <summary>A year of hours at most: a TimeSpan holds it, and nothing further ahead is "due soon".</summary>
    private const double MaxDueSoonHours = 24 * 366;
    private const string Csv = "text/csv";
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static void MapSupervisionApi(this RouteGroupBuilder api)
    {
        var supervision = api.MapGroup("/supervision").WithTags("Supervision");
        supervision.MapGet("/overdue", OverdueAsync).Produces(Status200OK, contentType: Csv, additionalContentTypes: Xlsx)
            .Refuses(Status403Forbidden, Status404NotFound, Status422UnprocessableEntity)
            .WithSummary("Overdue and soon-due open tasks in the caller's scope, most overdue first, paged; format=csv or xlsx exports them all.");
        supervision.MapGet("/aging", AgingAsync).Refuses(Status403Forbidden, Status404NotFound)
            .WithSummary("How many open tasks are due soon, up to 3, 7, 30 or more calendar days overdue.");
        supervision.MapGet("/performance", PerformanceAsync).Produces(Status200OK, contentType: Csv, additionalContentTypes: Xlsx)
            .Refuses(Status403Forbidden, Status404NotFound, Status422UnprocessableEntity)
            .WithSummary("On-time rate and average handling time per department, agency, procedure or step for [from, to); format=csv or xlsx to export.");
    }

    /// <summary>Narrows a report inside the caller's scope: agencies (repeatable, with their subtrees when subtree=true), a department, a procedure.</summary>
    internal sealed record ScopeQuery(string[]? Agency, bool? Subtree, string? Department, string? ProcessKey)
    {
        public SupervisionFilter ToFilter() => new(Agency, Subtree ?? false, Department, ProcessKey);
    }

    private static async Task<Results<Ok<Page<OverdueItem>>, FileContentHttpResult, ValidationProblem>> OverdueAsync([AsParameters] ScopeQuery scope,
        double? dueSoonHours, int? page, int? pageSize, string? format, SupervisionQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if ((InvalidDueSoon(dueSoonHours) ?? InvalidFormat(format)) is { } invalid)
            return invalid;
        if (format is null)
            return TypedResults.Ok(await queries.OverdueAsync(scope.ToFilter(), DueSoon(dueSoonHours), page ?? 1, pageSize ?? 50, ct));
        var items = await queries.OverdueExportAsync(scope.ToFilter(), DueSoon(dueSoonHours), ct);
        return Export(Report.Overdue(items, clock.GetUtcNow()), format);
    }

    private static async Task<Results<Ok<IReadOnlyDictionary<AgingBucket, int>>, ValidationProblem>> AgingAsync([AsParameters] ScopeQuery scope,
        double? dueSoonHours, SupervisionQueries queries, CancellationToken ct)
    {
        if (InvalidDueSoon(dueSoonHours) is { } invalid)
            return invalid;
        return TypedResults.Ok(await queries.AgingAsync(scope.ToFilter(), DueSoon(dueSoonHours), ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<PerformanceRow>>, FileContentHttpResult, ValidationProblem>> PerformanceAsync(DateTimeOffset? from,
        DateTimeOffset? to, PerformanceDimension? by, [AsParameters] ScopeQuery scope, string? format, SupervisionQueries queries, CancellationToken ct)
    {
        if ((ApiResults.Require(("from", from?.ToString("O", null)), ("to", to?.ToString("O", null))) ?? InvalidFormat(format)) is { } invalid)
            return invalid;
        var dimension = by ?? PerformanceDimension.Procedure;
        var rows = await queries.PerformanceAsync(scope.ToFilter(), from!.Value, to!.Value, dimension, ct);
        return format is null ? TypedResults.Ok(rows) : Export(Report.Performance(rows, dimension, from.Value, to.Value), format);
    }

    private static TimeSpan DueSoon(double? hours) => TimeSpan.FromHours(hours ?? 24);

    private static ValidationProblem? InvalidDueSoon(double? hours) => hours is null or (>= 0 and <= MaxDueSoonHours)
        ? null : ApiResults.Invalid("dueSoonHours", ApiText.Get("Between", 0, MaxDueSoonHours));

    private static ValidationProblem? InvalidFormat(string? format) =>
        format is null || format.Equals("csv", StringComparison.OrdinalIgnoreCase) || format.Equals("xlsx", StringComparison.OrdinalIgnoreCase)
            ? null : ApiResults.Invalid("format", ApiText.Get("ExportFormat"));

    private static FileContentHttpResult Export(Report report, string format) => format.Equals("csv", StringComparison.OrdinalIgnoreCase)
        ? TypedResults.File(ReportExport.ToCsv(report), "text/csv; charset=utf-8", report.FileName + ".csv")
        : TypedResults.File(ReportExport.ToXlsx(report), Xlsx, report.FileName + ".xlsx");
}
