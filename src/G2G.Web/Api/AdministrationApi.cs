using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Queries;

namespace G2G.Web.Api;

/// <summary>/api/v1/incidents and /api/v1/audit: what an administrator looks after.</summary>
internal static class AdministrationApi
{
    public static void MapAdministrationApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Administration");
        incidents.MapGet("/", (long? instanceId, RuntimeQueries queries, CancellationToken ct) => queries.OpenIncidentsAsync(instanceId, ct))
            .WithSummary("Open incidents: failed steps and jobs that failed every retry.");
        incidents.MapPost("/{id:long}/retry", async (long id, InstanceService instances, HttpContext http, CancellationToken ct) =>
        {
            await instances.RetryIncidentByIdAsync(id, http.User.Actor(), ct);
            return Results.NoContent();
        }).WithSummary("Runs the failed step again, or makes the failed job due now.");
        api.MapGet("/audit/verification", async (AuditVerifier verifier, CancellationToken ct) =>
            await verifier.VerifyAsync(ct) is { } broken
                ? Results.Ok(new { intact = false, broken })
                : Results.Ok(new { intact = true, broken = (AuditBreak?)null }))
            .WithTags("Administration").WithSummary("Verifies every audit chain; reports the first broken link.");
    }
}
