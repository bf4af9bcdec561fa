using System.Security.Claims;
using G2G.Runtime.Queries;
using G2G.Runtime.Supervision;

namespace G2G.Web.Api;

/// <summary>/api/v1/inbox (待办, 已办, 我发起的, 抄送我的, badge counts) and /api/v1/supervision (督办) with exports.</summary>
internal static class InboxApi
{
    public const string GroupClaim = "g2g:group";

    public static void MapInboxApi(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("Inbox");
        inbox.MapGet("/todo", (string? processKey, string? agencyId, bool? overdue, string? text, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.ToDoAsync(Viewer(http.User), new InboxFilter(processKey, agencyId, overdue, Text: text), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("待办: open tasks assigned to the caller or offered to them as a candidate, by due date.");
        inbox.MapGet("/done", (string? processKey, string? text, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.DoneAsync(Viewer(http.User), new InboxFilter(processKey, Text: text), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("已办: tasks the caller completed, newest first.");
        inbox.MapGet("/started", (string? processKey, string? text, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.StartedAsync(Viewer(http.User), new InboxFilter(processKey, Text: text), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("我发起的: instances the caller started.");
        inbox.MapGet("/copies", (bool? unread, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.CopiedToAsync(Viewer(http.User), unread, page ?? 1, pageSize ?? 50, ct))
            .WithSummary("抄送我的: copies sent to the caller, with read receipts.");
        inbox.MapGet("/counts", (InboxQueries queries, HttpContext http, CancellationToken ct) => queries.CountsAsync(Viewer(http.User), ct))
            .WithSummary("Counts for the inbox badges.");

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

    /// <summary>The caller as an inbox viewer: their name and the candidate groups in their claims.</summary>
    private static Viewer Viewer(ClaimsPrincipal user) => new(user.Actor(), [.. user.FindAll(GroupClaim).Select(c => c.Value)]);

    private static SupervisionScope Scope(string[]? agencies) => agencies is { Length: > 0 } ? new SupervisionScope(agencies) : SupervisionScope.All;

    private static IResult? Export(Report report, string? format) => format?.ToLowerInvariant() switch
    {
        "csv" => Results.File(ReportExport.ToCsv(report), "text/csv; charset=utf-8", "report.csv"),
        "xlsx" => Results.File(ReportExport.ToXlsx(report), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "report.xlsx"),
        _ => null,
    };
}
