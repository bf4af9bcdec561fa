using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>Whether every audit chain is intact, and if not its first broken link.</summary>
public sealed record AuditVerificationView(bool Intact, AuditBreak? Broken);

/// <summary>/api/v1/incidents and /api/v1/audit: what an administrator looks after.</summary>
internal static class AdministrationApi
{
    public static void MapAdministrationApi(this RouteGroupBuilder api)
    {
        var incidents = api.MapGroup("/incidents").WithTags("Administration");
        incidents.MapGet("/", IncidentsAsync).Refuses(Status403Forbidden).WithSummary("Open incidents: failed steps and jobs that failed every retry.");
        incidents.MapPost("/{id:long}/retry", RetryAsync).Refuses(Status403Forbidden, Status409Conflict)
            .WithSummary("Runs the failed step again, or makes the failed job due now.");
        api.MapGet("/audit/verification", VerifyAsync).WithTags("Administration").Refuses(Status403Forbidden)
            .WithSummary("Verifies every instance's event log against its recorded head and the shared audit chains; reports the first broken link.");
    }

    private static async Task<Ok<IReadOnlyList<IncidentView>>> IncidentsAsync(long? instanceId, RuntimeQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.OpenIncidentsAsync(instanceId, ct));

    private static Task<NoContent> RetryAsync(long id, InstanceService instances, HttpContext http, CancellationToken ct) =>
        ApiResults.NoContentAsync(instances.RetryIncidentByIdAsync(id, http.User.Actor(), ct));

    private static async Task<Ok<AuditVerificationView>> VerifyAsync(AuditVerifier verifier, CancellationToken ct)
    {
        var broken = await verifier.VerifyAsync(ct);
        return TypedResults.Ok(new AuditVerificationView(broken is null, broken));
    }
}
