using G2G.Runtime.Instances;
using G2G.Runtime.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2G.Web.Api;

/// <summary>/api/v1/inbox: 待办, 已办, 我发起的, 抄送我的 and the badge counts, for the caller.</summary>
internal static class InboxApi
{
    private static readonly string[] InstanceStates = [InstanceStatus.Running, InstanceStatus.Completed, InstanceStatus.Terminated, InstanceStatus.Cancelled];

    public static void MapInboxApi(this RouteGroupBuilder api)
    {
        var inbox = api.MapGroup("/inbox").WithTags("Inbox");
        inbox.MapGet("/todo", ToDoAsync)
            .WithSummary("待办: open tasks assigned to the caller or offered to them as a candidate. sort: due (default), -due, created, -created.");
        inbox.MapGet("/done", DoneAsync).WithSummary("已办: tasks the caller completed. sort: -completed (default), completed, -created, created.");
        inbox.MapGet("/started", StartedAsync)
            .WithSummary("我发起的: instances the caller started; state: running, completed, terminated, cancelled. sort: -started (default), started.");
        inbox.MapGet("/copies", CopiesAsync).WithSummary("抄送我的: copies sent to the caller, with read receipts.");
        inbox.MapGet("/counts", CountsAsync).WithSummary("Counts for the inbox badges.");
    }

    /// <summary>The inbox filters shared by the lists, bound from the query string.</summary>
    internal sealed record InboxQuery(string? ProcessKey, string? AgencyId, string? Text, string? Sort, int? Page, int? PageSize);

    private static async Task<Results<Ok<Page<TaskView>>, ValidationProblem>> ToDoAsync([AsParameters] InboxQuery query, bool? overdue,
        DateTimeOffset? dueBefore, InboxQueries queries, HttpContext http, CancellationToken ct)
    {
        if (UnknownSort(query.Sort, InboxQueries.ToDoOrders) is { } invalid)
            return invalid;
        var filter = new InboxFilter(query.ProcessKey, query.AgencyId, overdue, dueBefore, query.Text, Sort: query.Sort);
        return TypedResults.Ok(await queries.ToDoAsync(Viewer(http), filter, query.Page ?? 1, query.PageSize ?? 50, ct));
    }

    private static async Task<Results<Ok<Page<TaskView>>, ValidationProblem>> DoneAsync([AsParameters] InboxQuery query, InboxQueries queries,
        HttpContext http, CancellationToken ct)
    {
        if (UnknownSort(query.Sort, InboxQueries.DoneOrders) is { } invalid)
            return invalid;
        var filter = new InboxFilter(query.ProcessKey, query.AgencyId, Text: query.Text, Sort: query.Sort);
        return TypedResults.Ok(await queries.DoneAsync(Viewer(http), filter, query.Page ?? 1, query.PageSize ?? 50, ct));
    }

    private static async Task<Results<Ok<Page<InstanceView>>, ValidationProblem>> StartedAsync([AsParameters] InboxQuery query, string? state,
        InboxQueries queries, HttpContext http, CancellationToken ct)
    {
        if (state is not null && !InstanceStates.Contains(state, StringComparer.Ordinal))
            return ApiResults.NotOneOf("state", state, InstanceStates);
        if (UnknownSort(query.Sort, InboxQueries.StartedOrders) is { } invalid)
            return invalid;
        var filter = new InboxFilter(query.ProcessKey, query.AgencyId, Text: query.Text, State: state, Sort: query.Sort);
        return TypedResults.Ok(await queries.StartedAsync(Viewer(http), filter, query.Page ?? 1, query.PageSize ?? 50, ct));
    }

    private static async Task<Ok<Page<CopyView>>> CopiesAsync(bool? unread, int? page, int? pageSize, InboxQueries queries, HttpContext http,
        CancellationToken ct) =>
        TypedResults.Ok(await queries.CopiedToAsync(Viewer(http), unread, page ?? 1, pageSize ?? 50, ct));

    private static async Task<Ok<InboxCounts>> CountsAsync(InboxQueries queries, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await queries.CountsAsync(Viewer(http), ct));

    /// <summary>The caller as an inbox viewer: their id, candidate groups and clearance.</summary>
    private static Viewer Viewer(HttpContext http) => http.Caller().Viewer;

    private static ValidationProblem? UnknownSort<T>(string? sort, InboxOrders<T> orders) =>
        orders.IsKnown(sort) ? null : ApiResults.NotOneOf("sort", sort!, orders.Names);
}
