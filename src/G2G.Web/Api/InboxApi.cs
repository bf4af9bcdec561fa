using G2G.Runtime.Instances;
using G2G.Runtime.Queries;

namespace G2G.Web.Api;

/// <summary>/api/v1/inbox: 待办, 已办, 我发起的, 抄送我的 and the badge counts, for the caller.</summary>
internal static class InboxApi
{
    private static readonly string[] InstanceStates = [InstanceStatus.Running, InstanceStatus.Completed, InstanceStatus.Terminated, InstanceStatus.Cancelled];

    public static void MapInboxApi(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("Inbox");
        inbox.MapGet("/todo", async (string? processKey, string? agencyId, bool? overdue, DateTimeOffset? dueBefore, string? text, string? sort, int? page, int? pageSize,
            InboxQueries queries, HttpContext http, CancellationToken ct) =>
            Invalid(sort, InboxQueries.ToDoOrders) ?? Results.Ok(await queries.ToDoAsync(Viewer(http),
                new InboxFilter(processKey, agencyId, overdue, dueBefore, text, Sort: sort), page ?? 1, pageSize ?? 50, ct)))
            .WithSummary("待办: open tasks assigned to the caller or offered to them as a candidate. sort: due (default), -due, created, -created.");
        inbox.MapGet("/done", async (string? processKey, string? agencyId, string? text, string? sort, int? page, int? pageSize,
            InboxQueries queries, HttpContext http, CancellationToken ct) =>
            Invalid(sort, InboxQueries.DoneOrders) ?? Results.Ok(await queries.DoneAsync(Viewer(http),
                new InboxFilter(processKey, agencyId, Text: text, Sort: sort), page ?? 1, pageSize ?? 50, ct)))
            .WithSummary("已办: tasks the caller completed. sort: -completed (default), completed, -created, created.");
        inbox.MapGet("/started", async (string? processKey, string? agencyId, string? state, string? text, string? sort, int? page, int? pageSize,
            InboxQueries queries, HttpContext http, CancellationToken ct) =>
            (state is null || InstanceStates.Contains(state, StringComparer.Ordinal) ? null : Field("state", state, InstanceStates))
            ?? Invalid(sort, InboxQueries.StartedOrders)
            ?? Results.Ok(await queries.StartedAsync(Viewer(http), new InboxFilter(processKey, agencyId, Text: text, State: state, Sort: sort), page ?? 1, pageSize ?? 50, ct)))
            .WithSummary("我发起的: instances the caller started; state: running, completed, terminated, cancelled. sort: -started (default), started.");
        inbox.MapGet("/copies", (bool? unread, int? page, int? pageSize, InboxQueries queries, HttpContext http, CancellationToken ct) =>
            queries.CopiedToAsync(Viewer(http), unread, page ?? 1, pageSize ?? 50, ct))
            .WithSummary("抄送我的: copies sent to the caller, with read receipts.");
        inbox.MapGet("/counts", (InboxQueries queries, HttpContext http, CancellationToken ct) => queries.CountsAsync(Viewer(http), ct))
            .WithSummary("Counts for the inbox badges.");
    }

    /// <summary>The caller as an inbox viewer: their id, candidate groups and clearance.</summary>
    private static Viewer Viewer(HttpContext http) => http.Caller().Viewer;

    private static IResult? Invalid<T>(string? sort, InboxOrders<T> orders) => orders.IsKnown(sort) ? null : Field("sort", sort!, orders.Names);

    private static IResult Field(string field, string value, IReadOnlyList<string> known) =>
        ApiResults.Invalid(field, $"'{value}' is not one of {string.Join(", ", known)}.");
}
