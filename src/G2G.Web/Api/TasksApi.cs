using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>/api/v1/tasks: lists and the task operations. Writes honour If-Match (the instance version), compared inside the command.</summary>
internal static class TasksApi
{
    private static readonly string[] States = [TaskStates.Open, TaskStates.Completed, TaskStates.Cancelled];
    private static readonly int[] CommandProblems = [Status403Forbidden, Status409Conflict, Status412PreconditionFailed, Status422UnprocessableEntity];

    public static void MapTasksApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/tasks").WithTags("Tasks");
        group.MapGet("/", ListAsync)
            .WithSummary("Tasks by assignee, state, process and overdue; open tasks by due date. page from 1, pageSize up to 200.");
        group.MapGet("/{id:long}", GetAsync).WithSummary("One task; its ETag is its instance's version.");
        group.MapPost("/{id:long}/complete", CompleteAsync).Refuses(CommandProblems)
            .WithSummary("Completes the task with an outcome (approve, reject, …), an opinion and form variables.");
        group.MapPost("/{id:long}/send-back", SendBackAsync).Refuses(CommandProblems)
            .WithSummary("退回: sends the work back to an earlier step the definition allows.");
        group.MapPost("/{id:long}/signers", AddSignerAsync).Refuses(CommandProblems).WithSummary("加签: adds a signer before or after the current assignee.");
        group.MapDelete("/{id:long}/signers/{userId}", RemoveSignerAsync).Refuses(CommandProblems)
            .WithSummary("减签: removes an added signer who has not acted.");
        group.MapPost("/{id:long}/claim", ClaimAsync).Refuses(CommandProblems).WithSummary("Claims a task the caller is a candidate for.");
        group.MapPost("/{id:long}/release", ReleaseAsync).Refuses(CommandProblems).WithSummary("Gives a claimed task back to its candidates.");
        group.MapPost("/{id:long}/transfer", TransferAsync).Refuses(CommandProblems).WithSummary("转办: hands the task over for good.");
        group.MapPost("/{id:long}/delegate", DelegateAsync).Refuses(CommandProblems)
            .WithSummary("委派: the task goes to a delegate and comes back to its owner.");
        group.MapPost("/{id:long}/return", ReturnAsync).Refuses(CommandProblems).WithSummary("The delegate returns a delegated task to its owner.");
        group.MapPost("/{id:long}/copies", CopyAsync).Refuses(CommandProblems)
            .WithSummary("抄送/传阅: sends read copies; each reader confirms with POST /copies/{copyId}/read.");
        group.MapPost("/{id:long}/urge", UrgeAsync).Refuses([.. CommandProblems, Status429TooManyRequests])
            .WithSummary("催办 by hand; one person urges the same task at most once per Runtime:UrgeInterval (then 429 too-soon with retryAt).");
        group.MapPost("/{id:long}/reassign", ReassignAsync).Refuses(Status403Forbidden, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("转办 by an administrator: gives an open task to a user (for example after an assignment incident); answers the move.");
        api.MapPost("/copies/{copyId:long}/read", ReadCopyAsync).WithTags("Tasks").Refuses(Status403Forbidden)
            .WithSummary("已阅: the caller's read receipt for a copy.");
    }

    private static async Task<Results<Ok<Page<TaskView>>, ValidationProblem>> ListAsync(string? assignee, string? state, string? processKey, bool? overdue,
        int? page, int? pageSize, RuntimeQueries queries, CancellationToken ct)
    {
        if (state is not null && !States.Contains(state, StringComparer.Ordinal))
            return ApiResults.NotOneOf("state", state, States);
        return TypedResults.Ok(await queries.ListTasksAsync(new TaskFilter(assignee, state, processKey, Overdue: overdue), page ?? 1, pageSize ?? 50, ct));
    }

    private static async Task<Ok<TaskView>> GetAsync(long id, RuntimeQueries queries, HttpContext http, CancellationToken ct)
    {
        var task = await queries.GetTaskAsync(id, ct);
        http.Response.Headers.ETag = ApiResults.ETag(task.InstanceVersion);
        return TypedResults.Ok(task);
    }

    private static Task<Results<NoContent, ValidationProblem>> CompleteAsync(long id, CompleteTaskRequest body,
        [AsParameters] InstanceServices s) =>
        Guarded(s, null, instances => instances.CompleteTaskAsync(id, s.Actor, body.Variables, body.Outcome, body.Comment, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> SendBackAsync(long id, SendBackRequest body,
        [AsParameters] InstanceServices s) =>
        Guarded(s, ApiResults.Require(("target", body.Target)),
            instances => instances.SendBackAsync(id, s.Actor, body.Target, body.Resume, body.Comment, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> AddSignerAsync(long id, AddSignerRequest body,
        [AsParameters] InstanceServices s) =>
        Guarded(s, ApiResults.Require(("userId", body.UserId)),
            instances => instances.AddSignerAsync(id, s.Actor, body.UserId, body.Position, body.Comment, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> RemoveSignerAsync(long id, string userId,
        [AsParameters] InstanceServices s) =>
        Guarded(s, null, instances => instances.RemoveSignerAsync(id, s.Actor, userId, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> ClaimAsync(long id, [AsParameters] InstanceServices s) =>
        Guarded(s, null, instances => instances.ClaimAsync(id, s.Actor, null, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> ReleaseAsync(long id, [AsParameters] InstanceServices s) =>
        Guarded(s, null, instances => instances.ReleaseAsync(id, s.Actor, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> TransferAsync(long id, HandOverRequest body,
        [AsParameters] InstanceServices s) =>
        Guarded(s, ApiResults.Require(("userId", body.UserId)),
            instances => instances.TransferAsync(id, s.Actor, body.UserId, body.Comment, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> DelegateAsync(long id, HandOverRequest body,
        [AsParameters] InstanceServices s) =>
        Guarded(s, ApiResults.Require(("userId", body.UserId)),
            instances => instances.DelegateAsync(id, s.Actor, body.UserId, body.Comment, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> ReturnAsync(long id, CommentRequest? body,
        [AsParameters] InstanceServices s) =>
        Guarded(s, null, instances => instances.ReturnDelegatedAsync(id, s.Actor, body?.Comment, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> CopyAsync(long id, CopyRequest body, [AsParameters] InstanceServices s) =>
        Guarded(s, body.Readers is null || body.Readers.Count == 0 ? ApiResults.Require(("readers", null)) : null,
            instances => instances.CopyAsync(id, s.Actor, body.Readers!, body.Comment, s.Cancellation));

    private static Task<Results<NoContent, ValidationProblem>> UrgeAsync(long id, CommentRequest? body,
        [AsParameters] InstanceServices s) =>
        Guarded(s, null, instances => instances.UrgeAsync(id, s.Actor, body?.Comment, s.Cancellation));

    private static async Task<Results<Ok<TaskMove>, ValidationProblem>> ReassignAsync(long id, ReassignRequest body, OrganisationService org,
        HttpContext http, CancellationToken ct)
    {
        if (ApiResults.Require(("userId", body.UserId)) is { } invalid)
            return invalid;
        return TypedResults.Ok(await org.ReassignTaskAsync(id, body.UserId!, http.User.Actor(), body.Reason, ct));
    }

    private static Task<NoContent> ReadCopyAsync(long copyId, InstanceService instances, HttpContext http, CancellationToken ct) =>
        ApiResults.NoContentAsync(instances.MarkCopyReadAsync(copyId, http.User.Actor(), ct));

    /// <summary>
    /// Refuses an incomplete request, then runs the operation; If-Match (the instance version) is compared by the command
    /// itself, inside its transaction (412 <c>precondition-failed</c>, nothing changed).
    /// </summary>
    private static async Task<Results<NoContent, ValidationProblem>> Guarded(InstanceServices s, ValidationProblem? invalid, Func<InstanceService, Task> operation)
    {
        if (invalid is not null)
            return invalid;
        await operation(ApiResults.IfMatch(s.Http.Request) is { } versions ? s.Instances.IfVersion(versions) : s.Instances);
        return TypedResults.NoContent();
    }
}
