using System.Text;
using G2G.Runtime.Definitions;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>/api/v1/definitions: deploy BPMN files, list versions, download XML, publish and retract.</summary>
internal static class DefinitionsApi
{
    public static void MapDefinitionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/definitions").WithTags("Definitions");
        group.MapGet("/", ListAsync).WithSummary("The latest version of every process.");
        group.MapPost("/", DeployAsync).Accepts<string>("application/xml", "text/xml").WithMetadata(new FileBodyMetadata())
            .Refuses(Status403Forbidden, Status422UnprocessableEntity)
            .WithSummary("Deploys a BPMN 2.0 file (the request body). Changed processes become new versions; an invalid file is refused with every diagnostic.");
        group.MapGet("/{key}/versions", VersionsAsync).WithSummary("Every version of a process with hash, deployment time and published flag.");
        group.MapGet("/{key}/versions/{version:int}/xml", XmlAsync).Produces<string>(Status200OK, "application/xml")
            .WithSummary("The XML exactly as deployed (diagram included).");
        group.MapPost("/{key}/versions/{version:int}/publish", PublishAsync).Refuses(Status403Forbidden)
            .WithSummary("New instances may start from this version.");
        group.MapPost("/{key}/versions/{version:int}/retract", RetractAsync).Refuses(Status403Forbidden)
            .WithSummary("New instances may no longer start from this version.");
    }

    private static async Task<Ok<IReadOnlyList<DefinitionVersion>>> ListAsync(DeploymentService deployments, CancellationToken ct) =>
        TypedResults.Ok(await deployments.ListLatestAsync(ct));

    private static async Task<Results<Ok<IReadOnlyList<DeployedProcess>>, ValidationProblem>> DeployAsync(HttpRequest request, string? name,
        DeploymentService deployments, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var xml = await reader.ReadToEndAsync(ct);
        if (ApiResults.Require(("body", xml)) is { } empty)
            return empty;
        return TypedResults.Ok(await deployments.DeployAsync(xml, name ?? "upload.bpmn", request.HttpContext.User.Actor(), ct));
    }

    private static async Task<Results<Ok<IReadOnlyList<DefinitionVersion>>, ProblemHttpResult>> VersionsAsync(string key, DeploymentService deployments,
        CancellationToken ct) =>
        await deployments.ListVersionsAsync(key, ct) is { Count: > 0 } versions
            ? TypedResults.Ok(versions)
            : ApiResults.Problem(Status404NotFound, "not-found", ApiText.Get("NoDefinition", key));

    private static async Task<ContentHttpResult> XmlAsync(string key, int version, DeploymentService deployments, CancellationToken ct) =>
        TypedResults.Text(await deployments.GetXmlAsync(key, version, ct), "application/xml", Encoding.UTF8);

    private static Task<NoContent> PublishAsync(string key, int version, DeploymentService deployments, HttpContext http, CancellationToken ct) =>
        ApiResults.NoContentAsync(deployments.PublishAsync(key, version, http.User.Actor(), ct));

    private static Task<NoContent> RetractAsync(string key, int version, DeploymentService deployments, HttpContext http, CancellationToken ct) =>
        ApiResults.NoContentAsync(deployments.RetractAsync(key, version, http.User.Actor(), ct));
}
