using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>/api/v1/instances, /messages and /signals: start, inspect and steer process instances.</summary>
internal static class InstancesApi
{
    public static void MapInstancesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instances").WithTags("Instances");
        group.MapPost("/", StartAsync).Refuses(Status403Forbidden, Status404NotFound, Status422UnprocessableEntity)
            .WithSummary("Starts an instance of the latest published version (or a pinned one).");
        group.MapGet("/{id:long}", GetAsync).WithSummary("Status, variables and version (ETag) of an instance.");
        group.MapGet("/{id:long}/history", HistoryAsync)
            .WithSummary("The path taken, from the event log: every element started, completed or cancelled, every flow taken, reminders, overdue notices and escalations.");
        group.MapGet("/{id:long}/audit", AuditAsync)
            .WithSummary("The audit trail, from the event log: actor, time, action, task, outcome and opinion (审批意见), in order, with reminders and escalations.");
        group.MapGet("/{id:long}/events", TimelineAsync)
            .WithSummary("The instance's whole event log in order, for its timeline.");
        group.MapGet("/{id:long}/tasks", TasksAsync).WithSummary("The tasks of an instance.");
        group.MapPost("/{id:long}/cancel", CancelAsync).Refuses(Status403Forbidden, Status409Conflict).WithSummary("终止: ends the instance.");
        group.MapPost("/{id:long}/revoke", RevokeAsync).Refuses(Status403Forbidden, Status409Conflict, Status412PreconditionFailed)
            .WithSummary("撤销: the initiator revokes their own request where its definition allows (g2g:initiatorMayRevoke); open tasks and timers close.");
        group.MapPost("/{id:long}/suspend", SuspendAsync).Refuses(Status403Forbidden, Status409Conflict).WithSummary("挂起: suspends the instance.");
        group.MapPost("/{id:long}/resume", ResumeAsync).Refuses(Status403Forbidden, Status409Conflict).WithSummary("Resumes a suspended instance.");
        group.MapPost("/{id:long}/withdraw", WithdrawAsync).Refuses(Status403Forbidden, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("撤回: the actor of a completed step takes it back while the next step is untouched.");

        api.MapPost("/messages", CorrelateAsync).WithTags("Instances").Refuses(Status403Forbidden, Status404NotFound, Status422UnprocessableEntity)
            .WithSummary("Delivers a message to the waiting instances with that correlation key, or starts processes on it.");
        api.MapPost("/signals", BroadcastAsync).WithTags("Instances").Refuses(Status403Forbidden, Status422UnprocessableEntity)
            .WithSummary("Broadcasts a signal to every instance waiting for it.");
    }

    private static async Task<Results<Created<InstanceView>, ValidationProblem>> StartAsync(StartInstanceRequest body, [AsParameters] InstanceServices services)
    {
        if (ApiResults.Require(("processKey", body.ProcessKey)) is { } invalid)
            return invalid;
        var id = await services.Instances.StartAsync(new StartInstance(body.ProcessKey, body.Variables, body.BusinessKey, body.Title,
            body.Initiator ?? services.Actor, body.AgencyId, body.Version, Classification: body.Classification), services.Cancellation);
        var view = await services.Queries.GetInstanceAsync(id, services.Cancellation);
        services.Http.Response.Headers.ETag = ApiResults.ETag(view.Version);
        return TypedResults.Created($"{ApiExtensions.Prefix}/instances/{id}", view);
    }

    private static async Task<Ok<InstanceView>> GetAsync(long id, [AsParameters] InstanceServices services)
    {
        var view = await services.Queries.GetInstanceAsync(id, services.Cancellation);
        services.Http.Response.Headers.ETag = ApiResults.ETag(view.Version);
        return TypedResults.Ok(view);
    }

    private static async Task<Ok<IReadOnlyList<HistoryView>>> HistoryAsync(long id, RuntimeQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.HistoryAsync(id, ct));

    private static async Task<Ok<IReadOnlyList<AuditView>>> AuditAsync(long id, RuntimeQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.AuditAsync(id, ct));

    private static async Task<Ok<IReadOnlyList<EventView>>> TimelineAsync(long id, RuntimeQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.TimelineAsync(id, ct));

    private static async Task<Ok<Page<TaskView>>> TasksAsync(long id, RuntimeQueries queries, CancellationToken ct)
    {
        await queries.GetInstanceAsync(id, ct); // 404 for an instance that does not exist or is hidden
        return TypedResults.Ok(await queries.ListTasksAsync(new TaskFilter(InstanceId: id), 1, Paging.MaxPageSize, ct));
    }

    private static Task<NoContent> CancelAsync(long id, ReasonRequest? body, [AsParameters] InstanceServices services) =>
        ApiResults.NoContentAsync(services.Instances.CancelAsync(id, services.Actor, body?.Reason, services.Cancellation));

    /// <summary>撤销; an If-Match (the instance's ETag) is compared inside the command, as for task operations.</summary>
    private static Task<NoContent> RevokeAsync(long id, ReasonRequest? body, [AsParameters] InstanceServices services)
    {
        var instances = ApiResults.IfMatch(services.Http.Request) is { } versions ? services.Instances.IfVersion(versions) : services.Instances;
        return ApiResults.NoContentAsync(instances.RevokeAsync(id, services.Actor, body?.Reason, services.Cancellation));
    }

    private static Task<NoContent> SuspendAsync(long id, ReasonRequest? body, [AsParameters] InstanceServices services) =>
        ApiResults.NoContentAsync(services.Instances.SuspendAsync(id, services.Actor, body?.Reason, services.Cancellation));

    private static Task<NoContent> ResumeAsync(long id, [AsParameters] InstanceServices services) =>
        ApiResults.NoContentAsync(services.Instances.ResumeAsync(id, services.Actor, services.Cancellation));

    private static async Task<Results<NoContent, ValidationProblem>> WithdrawAsync(long id, WithdrawRequest body, [AsParameters] InstanceServices services)
    {
        if (ApiResults.Require(("elementId", body.ElementId)) is { } invalid)
            return invalid;
        return await ApiResults.NoContentAsync(services.Instances.WithdrawAsync(id, body.ElementId, services.Actor, services.Cancellation));
    }

    private static async Task<Results<Ok<CountResponse>, ValidationProblem>> CorrelateAsync(MessageRequest body, [AsParameters] InstanceServices services)
    {
        if (ApiResults.Require(("name", body.Name)) is { } invalid)
            return invalid;
        var start = body.AgencyId is null && body.Classification is null
            ? null
            : new MessageStart(body.AgencyId, body.Classification ?? ClearanceLevel.Unclassified);
        var count = await services.Instances.CorrelateMessageAsync(body.Name, body.CorrelationKey, body.Variables, services.Actor, start,
            services.Cancellation);
        return TypedResults.Ok(new CountResponse(count));
    }

    private static async Task<Results<Ok<CountResponse>, ValidationProblem>> BroadcastAsync(SignalRequest body, [AsParameters] InstanceServices services)
    {
        if (ApiResults.Require(("name", body.Name)) is { } invalid)
            return invalid;
        var count = await services.Instances.BroadcastSignalAsync(body.Name, body.Variables, null, services.Actor, services.Cancellation);
        return TypedResults.Ok(new CountResponse(count));
    }
}
