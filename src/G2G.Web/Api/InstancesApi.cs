using G2G.Runtime.Instances;
using G2G.Runtime.Queries;

namespace G2G.Web.Api;

/// <summary>/api/v1/instances, /messages and /signals: start, inspect and steer process instances.</summary>
internal static class InstancesApi
{
    public static void MapInstancesApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/instances").WithTags("Instances");
        group.MapPost("/", async (StartInstanceRequest body, InstanceService instances, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
        {
            if (ApiResults.Require(("processKey", body.ProcessKey)) is { } invalid)
                return invalid;
            var id = await instances.StartAsync(new StartInstance(body.ProcessKey, body.Variables, body.BusinessKey, body.Title, http.User.Actor(), body.AgencyId, body.Version, Classification: body.Classification), ct);
            var view = await queries.GetInstanceAsync(id, ct);
            http.Response.Headers.ETag = ApiResults.ETag(view.Version);
            return Results.Created($"/api/v1/instances/{id}", view);
        }).WithSummary("Starts an instance of the latest published version (or a pinned one).");
        group.MapGet("/{id:long}", async (long id, RuntimeQueries queries, HttpContext http, CancellationToken ct) =>
        {
            var view = await queries.GetInstanceAsync(id, ct);
            http.Response.Headers.ETag = ApiResults.ETag(view.Version);
            return Results.Ok(view);
        });
        group.MapGet("/{id:long}/history", (long id, RuntimeQueries queries, CancellationToken ct) => queries.HistoryAsync(id, ct))
            .WithSummary("The path taken: every element started, completed or cancelled and every flow taken.");
        group.MapGet("/{id:long}/audit", (long id, RuntimeQueries queries, CancellationToken ct) => queries.AuditAsync(id, ct))
            .WithSummary("The audit records of the instance: actor, time, action, task, outcome and opinion (审批意见), in order.");
        group.MapGet("/{id:long}/tasks", (long id, RuntimeQueries queries, CancellationToken ct) =>
            queries.ListTasksAsync(new TaskFilter(InstanceId: id), 1, Paging.MaxPageSize, ct));
        group.MapPost("/{id:long}/cancel", (long id, ReasonRequest? body, InstanceService instances, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(instances.CancelAsync(id, http.User.Actor(), body?.Reason, ct)));
        group.MapPost("/{id:long}/suspend", (long id, ReasonRequest? body, InstanceService instances, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(instances.SuspendAsync(id, http.User.Actor(), body?.Reason, ct)));
        group.MapPost("/{id:long}/resume", (long id, InstanceService instances, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(instances.ResumeAsync(id, http.User.Actor(), ct)));
        group.MapPost("/{id:long}/withdraw", async (long id, WithdrawRequest body, InstanceService instances, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("elementId", body.ElementId)) ?? await ApiResults.NoContentAsync(instances.WithdrawAsync(id, body.ElementId, http.User.Actor(), ct)))
            .WithSummary("撤回: the actor of a completed step takes it back while the next step is untouched.");

        api.MapPost("/messages", async (MessageRequest body, InstanceService instances, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("name", body.Name)) ?? Results.Ok(new CountResponse(await instances.CorrelateMessageAsync(body.Name, body.CorrelationKey, body.Variables, http.User.Actor(), ct))))
            .WithTags("Instances").WithSummary("Delivers a message to the waiting instances with that correlation key, or starts processes on it.");
        api.MapPost("/signals", async (SignalRequest body, InstanceService instances, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("name", body.Name)) ?? Results.Ok(new CountResponse(await instances.BroadcastSignalAsync(body.Name, body.Variables, null, http.User.Actor(), ct))))
            .WithTags("Instances");
    }
}
