using System.Globalization;
using System.Text;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/organisation: agencies, departments, guidance lines, relations and the import (this file); people, groups
/// and delegations (OrganisationApi.People.cs). Anyone signed in reads the directory; changes are for administrators
/// (the runtime refuses others with 403), except that people manage their own delegations.
/// </summary>
internal static partial class OrganisationApi
{
    public static void MapOrganisationApi(this RouteGroupBuilder api)
    {
        var organisation = api.MapGroup("/organisation").WithTags("Organisation");
        MapAgencies(organisation.MapGroup("/agencies"));
        MapDepartments(organisation.MapGroup("/departments"));
        organisation.MapGet("/relations", RelationAsync).WithSummary("隶属, 业务指导, 平行 or 不相隶属: how agency 'first' stands to agency 'second'.");
        organisation.MapPost("/guidance-lines", AddGuidanceLineAsync).WithSummary("Declares a 业务指导 line from the superior office to the subordinate one.");
        organisation.MapDelete("/guidance-lines/{superiorId}/{subordinateId}", (string superiorId, string subordinateId, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(org.RemoveGuidanceLineAsync(superiorId, subordinateId, http.User.Actor(), ct))).WithSummary("Removes a guidance line.");
        organisation.MapPost("/import", ImportAsync)
            .WithSummary("Imports an organisation file (CSV or JSON, docs/organisation.md); dryRun=true only checks. A file with problems answers 422 listing each with its line and changes nothing.");
        MapPeople(organisation);
    }

    private static void MapAgencies(RouteGroupBuilder agencies)
    {
        agencies.MapGet("/", (string? under, bool? active, OrganisationQueries queries, CancellationToken ct) => queries.AgenciesAsync(under, active, ct))
            .WithSummary("Agencies as a flat list in path order (parents first), optionally only the subtree under one and only (in)active ones.");
        agencies.MapGet("/tree", (OrganisationQueries queries, CancellationToken ct) => queries.AgencyTreeAsync(ct)).WithSummary("The agency tree.");
        agencies.MapGet("/{id}", (string id, OrganisationQueries queries, CancellationToken ct) => queries.GetAgencyAsync(id, ct))
            .WithSummary("An agency with its departments and guidance lines.");
        agencies.MapPost("/", CreateAgencyAsync).WithSummary("Creates an agency under a parent (none: a root).");
        agencies.MapPatch("/{id}", RenameAgencyAsync).WithSummary("Renames an agency (name and/or short name).");
        agencies.MapPost("/{id}/move", async (string id, MoveRequest body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
        {
            var moved = await org.MoveAgencyAsync(id, body.ParentId, http.User.Actor(), ct);
            return Results.Ok(new AgencyMoved((await queries.GetAgencyAsync(id, ct)).Agency, moved));
        }).WithSummary("Moves an agency with its subtree under another parent; refuses cycles.");
        agencies.MapPost("/{id}/activate", (string id, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            SetAgencyActiveAsync(id, true, org, queries, http, ct)).WithSummary("Reopens a closed agency.");
        agencies.MapPost("/{id}/deactivate", (string id, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            SetAgencyActiveAsync(id, false, org, queries, http, ct)).WithSummary("Closes an agency: rules naming it resolve to nobody.");
    }

    private static async Task<IResult> CreateAgencyAsync(NewAgency body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct)
    {
        if (ApiResults.Require(("id", body.Id), ("name", body.Name)) is { } invalid)
            return invalid;
        await org.CreateAgencyAsync(body, http.User.Actor(), ct);
        return Results.Created($"{ApiExtensions.Prefix}/organisation/agencies/{body.Id}", await queries.GetAgencyAsync(body.Id, ct));
    }

    private static async Task<IResult> RenameAgencyAsync(string id, RenameAgencyRequest body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct)
    {
        if (body.Name is null && body.ShortName is null)
            return ApiResults.Invalid("name", "Give 'name', 'shortName' or both.");
        var current = (await queries.GetAgencyAsync(id, ct)).Agency;
        await org.RenameAgencyAsync(id, body.Name ?? current.Name, body.ShortName ?? current.ShortName, http.User.Actor(), ct);
        return Results.Ok((await queries.GetAgencyAsync(id, ct)).Agency);
    }

    private static async Task<IResult> SetAgencyActiveAsync(string id, bool active, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct)
    {
        await org.SetAgencyActiveAsync(id, active, http.User.Actor(), ct);
        return Results.Ok((await queries.GetAgencyAsync(id, ct)).Agency);
    }

    private static void MapDepartments(RouteGroupBuilder departments)
    {
        departments.MapGet("/{id}", (string id, OrganisationQueries queries, CancellationToken ct) => queries.GetDepartmentAsync(id, ct));
        departments.MapPost("/", async (NewDepartment body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
        {
            if (ApiResults.Require(("id", body.Id), ("agencyId", body.AgencyId), ("name", body.Name)) is { } invalid)
                return invalid;
            await org.CreateDepartmentAsync(body, http.User.Actor(), ct);
            return Results.Created($"{ApiExtensions.Prefix}/organisation/departments/{body.Id}", await queries.GetDepartmentAsync(body.Id, ct));
        }).WithSummary("Creates a department of an agency, optionally inside another department and with a head.");
        departments.MapPatch("/{id}", async (string id, RenameRequest body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("name", body.Name)) ?? await ChangedDepartmentAsync(id, org.RenameDepartmentAsync(id, body.Name!, http.User.Actor(), ct), queries, ct))
            .WithSummary("Renames a department.");
        departments.MapPost("/{id}/move", (string id, MoveRequest body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            ChangedDepartmentAsync(id, org.MoveDepartmentAsync(id, body.ParentId, http.User.Actor(), ct), queries, ct))
            .WithSummary("Moves a department under another department of its agency, or to the top; refuses cycles.");
        departments.MapPost("/{id}/activate", (string id, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            ChangedDepartmentAsync(id, org.SetDepartmentActiveAsync(id, true, http.User.Actor(), ct), queries, ct)).WithSummary("Reopens a closed department.");
        departments.MapPost("/{id}/deactivate", (string id, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            ChangedDepartmentAsync(id, org.SetDepartmentActiveAsync(id, false, http.User.Actor(), ct), queries, ct)).WithSummary("Closes a department.");
        departments.MapPut("/{id}/head", (string id, HeadRequest body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            ChangedDepartmentAsync(id, org.SetDepartmentHeadAsync(id, body.UserId, http.User.Actor(), ct), queries, ct))
            .WithSummary("Sets the head of a department (an active user of its agency); null clears it.");
    }

    /// <summary>Runs a change of a department and answers with the department as it is now.</summary>
    private static async Task<IResult> ChangedDepartmentAsync(string id, Task change, OrganisationQueries queries, CancellationToken ct)
    {
        await change;
        return Results.Ok(await queries.GetDepartmentAsync(id, ct));
    }

    private static async Task<IResult> RelationAsync(string? first, string? second, OrganisationService org, CancellationToken ct) =>
        ApiResults.Require(("first", first), ("second", second)) ?? Results.Ok(RelationView.Of(await org.RelationAsync(first!, second!, ct)));

    private static async Task<IResult> AddGuidanceLineAsync(GuidanceLineRequest body, OrganisationService org, HttpContext http, CancellationToken ct) =>
        ApiResults.Require(("superiorId", body.SuperiorId), ("subordinateId", body.SubordinateId))
        ?? await ApiResults.NoContentAsync(org.AddGuidanceLineAsync(body.SuperiorId!, body.SubordinateId!, http.User.Actor(), ct));

    private static async Task<IResult> ImportAsync(bool? dryRun, string? format, HttpRequest request, OrganisationImporter importer, HttpContext http, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var content = await reader.ReadToEndAsync(ct);
        if (ApiResults.Require(("file", content)) is { } empty)
            return empty;
        if (FileFormat(format, request.ContentType, content) is not { } fileFormat)
            return ApiResults.Invalid("format", $"'{format}' is not a format; use csv or json.");
        var report = await importer.ImportAsync(content, fileFormat, http.User.Actor(), dryRun ?? false, ct);
        if (report.Succeeded)
            return Results.Ok(report);
        var problem = ApiProblems.Problem(StatusCodes.Status422UnprocessableEntity, "import-invalid", "The file has problems",
            $"{report.Problems.Count} problem(s); nothing was imported.");
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
        location.StartsWith("line ", StringComparison.Ordinal) && int.TryParse(location.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var line) ? line : null;
}
