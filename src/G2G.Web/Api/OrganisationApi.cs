using System.Globalization;
using System.Text;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/organisation: agencies, departments, guidance lines, relations and the import (this file); people, groups
/// and delegations (OrganisationApi.People.cs). Anyone signed in reads the directory; changes are for administrators
/// (the runtime refuses others with 403), except that people manage their own delegations.
/// </summary>
internal static partial class OrganisationApi
{
    /// <summary>What a change of the organisation may be refused with.</summary>
    private static readonly int[] ChangeProblems = [Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity];

    public static void MapOrganisationApi(this RouteGroupBuilder api)
    {
        var organisation = api.MapGroup("/organisation").WithTags("Organisation");
        MapAgencies(organisation.MapGroup("/agencies"));
        MapDepartments(organisation.MapGroup("/departments"));
        organisation.MapGet("/relations", RelationAsync).Refuses(Status404NotFound)
            .WithSummary("隶属, 业务指导, 平行 or 不相隶属: how agency 'first' stands to agency 'second'.");
        organisation.MapPost("/guidance-lines", AddGuidanceLineAsync).Refuses(ChangeProblems)
            .WithSummary("Declares a 业务指导 line from the superior office to the subordinate one.");
        organisation.MapDelete("/guidance-lines/{superiorId}/{subordinateId}", RemoveGuidanceLineAsync).Refuses(ChangeProblems)
            .WithSummary("Removes a guidance line.");
        organisation.MapPost("/import", ImportAsync).Accepts<string>("text/csv", "application/json", "text/plain", "application/octet-stream").WithMetadata(new FileBodyMetadata())
            .Refuses(Status403Forbidden, Status422UnprocessableEntity)
            .WithSummary("Imports an organisation file (CSV or JSON, docs/organisation.md); dryRun=true only checks. "
                + "A file with problems answers 422 listing each with its line and changes nothing.");
        MapPeople(organisation);
    }

    private static void MapAgencies(RouteGroupBuilder agencies)
    {
        agencies.MapGet("/", AgenciesAsync).Refuses(Status404NotFound)
            .WithSummary("Agencies as a flat list in path order (parents first), optionally only the subtree under one and only (in)active ones.");
        agencies.MapGet("/tree", AgencyTreeAsync).WithSummary("The agency tree.");
        agencies.MapGet("/{id}", AgencyAsync).WithSummary("An agency with its departments and guidance lines.");
        agencies.MapPost("/", CreateAgencyAsync).Refuses(ChangeProblems).WithSummary("Creates an agency under a parent (none: a root).");
        agencies.MapPatch("/{id}", RenameAgencyAsync).Refuses(ChangeProblems).WithSummary("Renames an agency (name and/or short name).");
        agencies.MapPost("/{id}/move", MoveAgencyAsync).Refuses(ChangeProblems).WithSummary("Moves an agency with its subtree under another parent; refuses cycles.");
        agencies.MapPost("/{id}/activate", ActivateAgencyAsync).Refuses(ChangeProblems).WithSummary("Reopens a closed agency.");
        agencies.MapPost("/{id}/deactivate", DeactivateAgencyAsync).Refuses(ChangeProblems).WithSummary("Closes an agency: rules naming it resolve to nobody.");
    }

    private static async Task<Ok<IReadOnlyList<AgencyView>>> AgenciesAsync(string? under, bool? active, OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.AgenciesAsync(under, active, ct));

    private static async Task<Ok<IReadOnlyList<AgencyNode>>> AgencyTreeAsync(OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.AgencyTreeAsync(ct));

    private static async Task<Ok<AgencyDetail>> AgencyAsync(string id, OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetAgencyAsync(id, ct));

    private static async Task<Results<Created<AgencyDetail>, ValidationProblem>> CreateAgencyAsync(NewAgency body, [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("id", body.Id), ("name", body.Name)) is { } invalid)
            return invalid;
        await s.Org.CreateAgencyAsync(body, s.Actor, s.Cancellation);
        return TypedResults.Created($"{ApiExtensions.Prefix}/organisation/agencies/{body.Id}", await s.Queries.GetAgencyAsync(body.Id, s.Cancellation));
    }

    private static async Task<Results<Ok<AgencyView>, ValidationProblem>> RenameAgencyAsync(string id, RenameAgencyRequest body,
        [AsParameters] OrganisationServices s)
    {
        if (body.Name is null && body.ShortName is null)
            return ApiResults.Invalid("name", ApiText.Get("NameOrShortName"));
        var current = (await s.Queries.GetAgencyAsync(id, s.Cancellation)).Agency;
        await s.Org.RenameAgencyAsync(id, body.Name ?? current.Name, body.ShortName ?? current.ShortName, s.Actor, s.Cancellation);
        return TypedResults.Ok((await s.Queries.GetAgencyAsync(id, s.Cancellation)).Agency);
    }

    private static async Task<Ok<AgencyMoved>> MoveAgencyAsync(string id, MoveRequest body, [AsParameters] OrganisationServices s)
    {
        var moved = await s.Org.MoveAgencyAsync(id, body.ParentId, s.Actor, s.Cancellation);
        return TypedResults.Ok(new AgencyMoved((await s.Queries.GetAgencyAsync(id, s.Cancellation)).Agency, moved));
    }

    private static Task<Ok<AgencyView>> ActivateAgencyAsync(string id, [AsParameters] OrganisationServices s) => SetAgencyActiveAsync(id, true, s);

    private static Task<Ok<AgencyView>> DeactivateAgencyAsync(string id, [AsParameters] OrganisationServices s) => SetAgencyActiveAsync(id, false, s);

    private static async Task<Ok<AgencyView>> SetAgencyActiveAsync(string id, bool active, OrganisationServices s)
    {
        await s.Org.SetAgencyActiveAsync(id, active, s.Actor, s.Cancellation);
        return TypedResults.Ok((await s.Queries.GetAgencyAsync(id, s.Cancellation)).Agency);
    }

    private static async Task<Results<Ok<RelationView>, ValidationProblem>> RelationAsync(string? first, string? second, OrganisationService org,
        CancellationToken ct)
    {
        if (ApiResults.Require(("first", first), ("second", second)) is { } invalid)
            return invalid;
        return TypedResults.Ok(RelationView.Of(await org.RelationAsync(first!, second!, ct)));
    }

    private static async Task<Results<NoContent, ValidationProblem>> AddGuidanceLineAsync(GuidanceLineRequest body, [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("superiorId", body.SuperiorId), ("subordinateId", body.SubordinateId)) is { } invalid)
            return invalid;
        return await ApiResults.NoContentAsync(s.Org.AddGuidanceLineAsync(body.SuperiorId!, body.SubordinateId!, s.Actor, s.Cancellation));
    }

    private static Task<NoContent> RemoveGuidanceLineAsync(string superiorId, string subordinateId, [AsParameters] OrganisationServices s) =>
        ApiResults.NoContentAsync(s.Org.RemoveGuidanceLineAsync(superiorId, subordinateId, s.Actor, s.Cancellation));

    private static async Task<Results<Ok<ImportReport>, ValidationProblem, ProblemHttpResult>> ImportAsync(bool? dryRun, string? format, HttpRequest request,
        OrganisationImporter importer, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var content = await reader.ReadToEndAsync(ct);
        if (ApiResults.Require(("file", content)) is { } empty)
            return empty;
        if (FileFormat(format, request.ContentType, content) is not { } fileFormat)
            return ApiResults.Invalid("format", ApiText.Get("NotAFormat", format));
        var report = await importer.ImportAsync(content, fileFormat, request.HttpContext.User.Actor(), dryRun ?? false, ct);
        if (report.Succeeded)
            return TypedResults.Ok(report);
        var problem = ApiProblems.Problem(Status422UnprocessableEntity, "import-invalid", ApiText.Get("ImportProblems", report.Problems.Count));
        problem.Extensions["errors"] = report.Problems.Select(p => new ImportError(p.Location, Line(p.Location), p.Message)).ToList();
        return TypedResults.Problem(problem);
    }

    /// <summary>The <c>format</c> parameter, else the content type, else JSON when the file starts with '{'; null for an unknown format.</summary>
    private static ImportFormat? FileFormat(string? format, string? contentType, string content) => format?.Trim().ToUpperInvariant() switch
    {
        "CSV" => ImportFormat.Csv,
        "JSON" => ImportFormat.Json,
        null or "" when contentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true => ImportFormat.Csv,
        null or "" when contentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true => ImportFormat.Json,
        null or "" => content.TrimStart().StartsWith('{') ? ImportFormat.Json : ImportFormat.Csv,
        _ => null,
    };

    private static int? Line(string location) =>
        location.StartsWith("line ", StringComparison.Ordinal)
        && int.TryParse(location.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : null;
}
