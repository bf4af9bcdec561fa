using G2G.Runtime.Supervision;

namespace G2G.Web.Api;

/// <summary>/api/v1/supervision (督办): overdue and soon-due work, aging, on-time rates, with CSV and xlsx exports.</summary>
internal static class SupervisionApi
{
    public static void MapSupervisionApi(this RouteGroupBuilder api)
    {
        var supervision = api.MapGroup("/supervision").WithTags("Supervision");
        supervision.MapGet("/overdue", async (string[]? agency, double? dueSoonHours, string? format, SupervisionQueries queries, CancellationToken ct) =>
        {
            var items = await queries.OverdueAsync(Scope(agency), TimeSpan.FromHours(dueSoonHours ?? 24), ct);
            return Export(Report.Of(items, "超期与临期 Overdue"), format) ?? Results.Ok(items);
        })
            .WithSummary("Overdue and soon-due open tasks in the agencies given (all when none), most overdue first; format=csv or xlsx to export.");
        supervision.MapGet("/aging", async (string[]? agency, double? dueSoonHours, SupervisionQueries queries, CancellationToken ct) =>
            Results.Ok(await queries.AgingAsync(Scope(agency), TimeSpan.FromHours(dueSoonHours ?? 24), ct)))
            .WithSummary("How many open tasks are due soon, up to 3, 7, 30 or more days overdue.");
        supervision.MapGet("/performance", async (DateTimeOffset from, DateTimeOffset to, PerformanceDimension? by, string[]? agency, string? format,
            SupervisionQueries queries, CancellationToken ct) =>
        {
            var rows = await queries.PerformanceAsync(Scope(agency), from, to, by ?? PerformanceDimension.Procedure, ct);
            return Export(Report.Of(rows, $"按时率 On-time {by ?? PerformanceDimension.Procedure}"), format) ?? Results.Ok(rows);
        }).WithSummary("On-time rate and average handling time per agency, procedure or step for [from, to); format=csv or xlsx to export.");
    }

    private static SupervisionScope Scope(string[]? agencies) => agencies is { Length: > 0 } ? new SupervisionScope(agencies) : SupervisionScope.All;

    private static IResult? Export(Report report, string? format) => format?.ToLowerInvariant() switch
    {
        "csv" => Results.File(ReportExport.ToCsv(report), "text/csv; charset=utf-8", "report.csv"),
        "xlsx" => Results.File(ReportExport.ToXlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "report.xlsx"),
        _ => null,
    };
}
