using G2G.Runtime.Organisation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2G.Web.Api;

/// <summary>/api/v1/organisation/departments.</summary>
internal static partial class OrganisationApi
{
    private static void MapDepartments(RouteGroupBuilder departments)
    {
        departments.MapGet("/{id}", DepartmentAsync).WithSummary("One department: agency, parent, name, head, active.");
        departments.MapPost("/", CreateDepartmentAsync).Refuses(ChangeProblems)
            .WithSummary("Creates a department of an agency, optionally inside another department and with a head.");
        departments.MapPatch("/{id}", RenameDepartmentAsync).Refuses(ChangeProblems).WithSummary("Renames a department.");
        departments.MapPost("/{id}/move", MoveDepartmentAsync).Refuses(ChangeProblems)
            .WithSummary("Moves a department under another department of its agency, or to the top; refuses cycles.");
        departments.MapPost("/{id}/activate", ActivateDepartmentAsync).Refuses(ChangeProblems).WithSummary("Reopens a closed department.");
        departments.MapPost("/{id}/deactivate", DeactivateDepartmentAsync).Refuses(ChangeProblems).WithSummary("Closes a department.");
        departments.MapPut("/{id}/head", SetHeadAsync).Refuses(ChangeProblems)
            .WithSummary("Sets the head of a department (an active user of its agency); null clears it.");
    }

    private static async Task<Ok<DepartmentView>> DepartmentAsync(string id, OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetDepartmentAsync(id, ct));

    private static async Task<Results<Created<DepartmentView>, ValidationProblem>> CreateDepartmentAsync(NewDepartment body,
        [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("id", body.Id), ("agencyId", body.AgencyId), ("name", body.Name)) is { } invalid)
            return invalid;
        await s.Org.CreateDepartmentAsync(body, s.Actor, s.Cancellation);
        return TypedResults.Created($"{ApiExtensions.Prefix}/organisation/departments/{body.Id}", await s.Queries.GetDepartmentAsync(body.Id, s.Cancellation));
    }

    private static async Task<Results<Ok<DepartmentView>, ValidationProblem>> RenameDepartmentAsync(string id, RenameRequest body,
        [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("name", body.Name)) is { } invalid)
            return invalid;
        return await ChangedDepartmentAsync(id, s.Org.RenameDepartmentAsync(id, body.Name!, s.Actor, s.Cancellation), s);
    }

    private static Task<Ok<DepartmentView>> MoveDepartmentAsync(string id, MoveRequest body, [AsParameters] OrganisationServices s) =>
        ChangedDepartmentAsync(id, s.Org.MoveDepartmentAsync(id, body.ParentId, s.Actor, s.Cancellation), s);

    private static Task<Ok<DepartmentView>> ActivateDepartmentAsync(string id, [AsParameters] OrganisationServices s) =>
        ChangedDepartmentAsync(id, s.Org.SetDepartmentActiveAsync(id, true, s.Actor, s.Cancellation), s);

    private static Task<Ok<DepartmentView>> DeactivateDepartmentAsync(string id, [AsParameters] OrganisationServices s) =>
        ChangedDepartmentAsync(id, s.Org.SetDepartmentActiveAsync(id, false, s.Actor, s.Cancellation), s);

    private static Task<Ok<DepartmentView>> SetHeadAsync(string id, HeadRequest body, [AsParameters] OrganisationServices s) =>
        ChangedDepartmentAsync(id, s.Org.SetDepartmentHeadAsync(id, body.UserId, s.Actor, s.Cancellation), s);

    /// <summary>Runs a change of a department and answers with the department as it is now.</summary>
    private static async Task<Ok<DepartmentView>> ChangedDepartmentAsync(string id, Task change, OrganisationServices s)
    {
        await change;
        return TypedResults.Ok(await s.Queries.GetDepartmentAsync(id, s.Cancellation));
    }
}
