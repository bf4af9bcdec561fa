using G2G.Runtime.Queries;

namespace G2G.Web.Api;

/// <summary>/api/v1/inbox: 待办, 已办, 我发起的, 抄送我的 and the badge counts, for the caller.</summary>
internal static class InboxApi
{
    public static void MapInboxApi(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("Inbox");
        inbox.MapGet("/todo", (string? processKey, string? agencyId, bool? overdue, string? text, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.ToDoAsync(Viewer(http), new InboxFilter(processKey, agencyId, overdue, Text: text), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("待办: open tasks assigned to the caller or offered to them as a candidate, by due date.");
        inbox.MapGet("/done", (string? processKey, string? text, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.DoneAsync(Viewer(http), new InboxFilter(processKey, Text: text), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("已办: tasks the caller completed, newest first.");
        inbox.MapGet("/started", (string? processKey, string? text, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.StartedAsync(Viewer(http), new InboxFilter(processKey, Text: text), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("我发起的: instances the caller started.");
        inbox.MapGet("/copies", (bool? unread, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.CopiedToAsync(Viewer(http), unread, page ?? 1, pageSize ?? 50, ct))
            .WithSummary("抄送我的: copies sent to the caller, with read receipts.");
        inbox.MapGet("/counts", (InboxQueries queries, HttpContext http, CancellationToken ct) => queries.CountsAsync(Viewer(http), ct))
            .WithSummary("Counts for the inbox badges.");
    }

    /// <summary>The caller as an inbox viewer: their id, candidate groups and clearance.</summary>
    private static Viewer Viewer(HttpContext http) => http.Caller().Viewer;
}
