using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;

namespace G2G.Web.Api;

/// <summary>/api/v1/tasks: lists and the task operations. Writes honour If-Match (the instance version).</summary>
internal static class TasksApi
{
    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapGet("/", (string? assignee, string? state, string? processKey, bool? overdue, int? page, int? pageSize, RuntimeQueries queries, CancellationToken ct) =>
            queries.ListTasksAsync(new TaskFilter(assignee, state, processKey, Overdue: overdue), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("Tasks by assignee, state, process and overdue; open tasks by due date. page from 1, pageSize up to 200.");
        group.MapGet("/{id:long}", async (long id, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
        {
            var task = await queries.GetTaskAsync(id, ct);
            http.Response.Headers.ETag = ApiResults.ETag(task.InstanceVersion);
            return Results.Ok(task);
        });
        group.MapPost("/{id:long}/complete", (long id, CompleteTaskRequest body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            Guarded(id, queries, http, () => instances.CompleteTaskAsync(id, http.User.Actor(), body.Variables, body.Outcome, body.Comment, ct), ct))
            .WithSummary("Completes the task with an outcome (approve, reject, …), an opinion and form variables.");
        group.MapPost("/{id:long}/send-back", async (long id, SendBackRequest body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("target", body.Target)) ?? await Guarded(id, queries, http, () => instances.SendBackAsync(id, http.User.Actor(), body.Target, body.Resume, body.Comment, ct), ct))
            .WithSummary("退回: sends the work back to an earlier step the definition allows.");
        group.MapPost("/{id:long}/signers", async (long id, AddSignerRequest body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("userId", body.UserId)) ?? await Guarded(id, queries, http, () => instances.AddSignerAsync(id, http.User.Actor(), body.UserId, body.Position, body.Comment, ct), ct))
            .WithSummary("加签: adds a signer before or after the current assignee.");
        group.MapDelete("/{id:long}/signers/{userId}", (long id, string userId, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            Guarded(id, queries, http, () => instances.RemoveSignerAsync(id, http.User.Actor(), userId, ct), ct))
            .WithSummary("减签: removes an added signer who has not acted.");
        group.MapPost("/{id:long}/claim", (long id, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            Guarded(id, queries, http, () => instances.ClaimAsync(id, http.User.Actor(), null, ct), ct)).WithSummary("Claims a task the caller is a candidate for.");
        group.MapPost("/{id:long}/release", (long id, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            Guarded(id, queries, http, () => instances.ReleaseAsync(id, http.User.Actor(), ct), ct)).WithSummary("Gives a claimed task back to its candidates.");
        group.MapPost("/{id:long}/transfer", async (long id, HandOverRequest body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("userId", body.UserId)) ?? await Guarded(id, queries, http, () => instances.TransferAsync(id, http.User.Actor(), body.UserId, body.Comment, ct), ct))
            .WithSummary("转办: hands the task over for good.");
        group.MapPost("/{id:long}/delegate", async (long id, HandOverRequest body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("userId", body.UserId)) ?? await Guarded(id, queries, http, () => instances.DelegateAsync(id, http.User.Actor(), body.UserId, body.Comment, ct), ct))
            .WithSummary("委派: the task goes to a delegate and comes back to its owner.");
        group.MapPost("/{id:long}/return", (long id, CommentRequest? body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            Guarded(id, queries, http, () => instances.ReturnDelegatedAsync(id, http.User.Actor(), body?.Comment, ct), ct))
            .WithSummary("The delegate returns a delegated task to its owner.");
        group.MapPost("/{id:long}/copies", async (long id, CopyRequest body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            (body.Readers is null || body.Readers.Count == 0 ? ApiResults.Require(("readers", null)) : null)
                ?? await Guarded(id, queries, http, () => instances.CopyAsync(id, http.User.Actor(), body.Readers!, body.Comment, ct), ct))
            .WithSummary("抄送/传阅: sends read copies; each reader confirms with POST /copies/{copyId}/read.");
        group.MapPost("/{id:long}/urge", (long id, CommentRequest? body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
            Guarded(id, queries, http, () => instances.UrgeAsync(id, http.User.Actor(), body?.Comment, ct), ct)).WithSummary("催办 by hand.");
        group.MapPost("/{id:long}/reassign", async (long id, ReassignRequest body, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("userId", body.UserId)) ?? Results.Ok(await org.ReassignTaskAsync(id, body.UserId!, http.User.Actor(), body.Reason, ct)))
            .WithSummary("转办 by an administrator: gives an open task to a user (for example after an assignment incident); answers the move.");
        api.MapPost("/copies/{copyId:long}/read", async (long copyId, InstanceService instances, HttpContext http, CancellationToken ct) =>
        {
            await instances.MarkCopyReadAsync(copyId, http.User.Actor(), ct);
            return Results.NoContent();
        }).WithTags("Tasks").WithSummary("已阅: the caller's read receipt for a copy.");
    }

    /// <summary>Checks If-Match against the task's instance version, then runs the operation.</summary>
    private static async Task<IResult> Guarded(long id, RuntimeQueries queries, HttpContext http, Func<Task> operation, CancellationToken ct)
    {
        var task = await queries.GetTaskAsync(id, ct);
        if (ApiResults.CheckIfMatch(http.Request, task.InstanceVersion) is { } stale)
            return stale;
        await operation();
        return Results.NoContent();
    }
}
