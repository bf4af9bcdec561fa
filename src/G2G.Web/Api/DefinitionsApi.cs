using G2G.Runtime.Definitions;

namespace G2G.Web.Api;

/// <summary>/api/v1/definitions: deploy BPMN files, list versions, download XML, publish and retract.</summary>
internal static class DefinitionsApi
{
    public static void MapDefinitionsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/definitions").WithTags("Definitions");
        group.MapGet("/", (DeploymentService deployments, CancellationToken ct) => deployments.ListLatestAsync(ct))
            .WithSummary("The latest version of every process.");
        group.MapPost("/", DeployAsync).Accepts<string>("application/xml", "text/xml")
            .WithSummary("Deploys a BPMN 2.0 file (the request body). Changed processes become new versions; an invalid file is refused with every diagnostic.");
        group.MapGet("/{key}/versions", (string key, DeploymentService deployments, CancellationToken ct) => deployments.ListVersionsAsync(key, ct));
        group.MapGet("/{key}/versions/{version:int}/xml", async (string key, int version, DeploymentService deployments, CancellationToken ct) =>
            Results.Text(await deployments.GetXmlAsync(key, version, ct), "application/xml", System.Text.Encoding.UTF8));
        group.MapPost("/{key}/versions/{version:int}/publish", async (string key, int version, DeploymentService deployments, HttpContext http, CancellationToken ct) =>
        {
            await deployments.PublishAsync(key, version, http.User.Actor(), ct);
            return Results.NoContent();
        });
        group.MapPost("/{key}/versions/{version:int}/retract", async (string key, int version, DeploymentService deployments, HttpContext http, CancellationToken ct) =>
        {
            await deployments.RetractAsync(key, version, http.User.Actor(), ct);
            return Results.NoContent();
        });
    }

    private static async Task<IResult> DeployAsync(HttpRequest request, DeploymentService deployments, string? name, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var xml = await reader.ReadToEndAsync(ct);
        if (string.IsNullOrWhiteSpace(xml))
            return ApiResults.Require(("body", null))!;
        var deployed = await deployments.DeployAsync(xml, name ?? "upload.bpmn", request.HttpContext.User.Actor(), ct);
        return Results.Ok(deployed);
    }
}
