using G2G.Runtime.Instances;
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
