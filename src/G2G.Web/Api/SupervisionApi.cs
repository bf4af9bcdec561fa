using System.Globalization;
using G2G.Runtime.Supervision;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/supervision (督办): overdue and soon-due work, aging, on-time rates, with CSV and xlsx exports. For
/// supervisors (their agency subtree) and administrators; <see cref="SupervisionQueries"/> enforces the scope.
/// </summary>
internal static class SupervisionApi
{
    private const string Formats = "'format' is csv or xlsx (or absent for JSON).";

    public static void MapSupervisionApi(this RouteGroupBuilder api)
    {
        var supervision = api.MapGroup("/supervision").WithTags("Supervision");
        supervision.MapGet("/overdue", OverdueAsync)
            .WithSummary("Overdue and soon-due open tasks in the caller's scope, most overdue first, paged; format=csv or xlsx exports them all.");
        supervision.MapGet("/aging", async ([AsParameters] ScopeQuery scope, double? dueSoonHours, SupervisionQueries queries, CancellationToken ct) =>
            Results.Ok(await queries.AgingAsync(scope.ToFilter(), DueSoon(dueSoonHours), ct)))
            .WithSummary("How many open tasks are due soon, up to 3, 7, 30 or more calendar days overdue.");
        supervision.MapGet("/performance", PerformanceAsync)
            .WithSummary("On-time rate and average handling time per department, agency, procedure or step for [from, to); format=csv or xlsx to export.");
    }

    /// <summary>Narrows a report inside the caller's scope: agencies (repeatable, with their subtrees when subtree=true), a department, a procedure.</summary>
    internal sealed record ScopeQuery(string[]? Agency, bool? Subtree, string? Department, string? ProcessKey)
    {
        public SupervisionFilter ToFilter() => new(Agency, Subtree ?? false, Department, ProcessKey);
    }

    private static async Task<IResult> OverdueAsync([AsParameters] ScopeQuery scope, double? dueSoonHours, int? page, int? pageSize, string? format,
        SupervisionQueries queries, TimeProvider clock, CancellationToken ct)
    {
        if (format is null)
            return Results.Ok(await queries.OverdueAsync(scope.ToFilter(), DueSoon(dueSoonHours), page ?? 1, pageSize ?? 50, ct));
        if (!IsExportFormat(format))
            return ApiResults.Invalid("format", Formats);
        var items = await queries.OverdueExportAsync(scope.ToFilter(), DueSoon(dueSoonHours), ct);
        return Export(Report.Overdue(items, clock.GetUtcNow()), format);
    }

    private static async Task<IResult> PerformanceAsync(DateTimeOffset? from, DateTimeOffset? to, PerformanceDimension? by, [AsParameters] ScopeQuery scope,
        string? format, SupervisionQueries queries, CancellationToken ct)
    {
        if (ApiResults.Require(("from", from?.ToString("O", CultureInfo.InvariantCulture)), ("to", to?.ToString("O", CultureInfo.InvariantCulture))) is { } missing)
            return missing;
        if (format is not null && !IsExportFormat(format))
            return ApiResults.Invalid("format", Formats);
        var dimension = by ?? PerformanceDimension.Procedure;
        var rows = await queries.PerformanceAsync(scope.ToFilter(), from!.Value, to!.Value, dimension, ct);
        return format is null ? Results.Ok(rows) : Export(Report.Performance(rows, dimension, from.Value, to.Value), format);
    }

    private static TimeSpan DueSoon(double? hours) => TimeSpan.FromHours(hours ?? 24);

    private static bool IsExportFormat(string format) => format.Equals("csv", StringComparison.OrdinalIgnoreCase) || format.Equals("xlsx", StringComparison.OrdinalIgnoreCase);

    private static IResult Export(Report report, string format) => format.Equals("csv", StringComparison.OrdinalIgnoreCase)
        ? Results.File(ReportExport.ToCsv(report), "text/csv; charset=utf-8", report.FileName + ".csv")
        : Results.File(ReportExport.ToXlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.FileName + ".xlsx");
}
