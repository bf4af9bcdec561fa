using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>/api/v1/organisation/users, /groups and /delegations.</summary>
internal static partial class OrganisationApi
{
    private static void MapPeople(RouteGroupBuilder organisation)
    {
        MapUsers(organisation.MapGroup("/users"));
        MapGroups(organisation.MapGroup("/groups"));
        MapDelegations(organisation.MapGroup("/delegations"));
    }

    private static void MapUsers(RouteGroupBuilder users)
    {
        users.MapGet("/", UsersAsync)
            .WithSummary("The people directory by agency, department, text (id, name, e-mail) and active; by id. No clearance, roles or secrets.");
        users.MapGet("/{id}", UserAsync)
            .WithSummary("A person with positions and groups; clearance, roles and delegations only for administrators and the person themself.");
        users.MapPost("/", CreateUserAsync).Refuses(ChangeProblems)
            .WithSummary("Creates a user in a department or agency, with a clearance and optionally a password.");
        users.MapPost("/{id}/deactivate", DeactivateUserAsync).Refuses(ChangeProblems)
            .WithSummary("Deactivates a user, ends their sessions and moves their open tasks; answers every move.");
        users.MapPost("/{id}/positions", AssignPositionAsync).Refuses(ChangeProblems)
            .WithSummary("Gives a user a position (科长, 主要领导 …) in a department or agency (default: their department).");
        users.MapDelete("/{id}/positions", RemovePositionAsync).Refuses(ChangeProblems).WithSummary("Removes a position: ?name=科长&unitId=….");
        users.MapPost("/{id}/roles", GrantRoleAsync).Refuses(ChangeProblems).WithSummary("Grants a system role: administrator or supervisor.");
        users.MapDelete("/{id}/roles/{role}", RevokeRoleAsync).Refuses(ChangeProblems).WithSummary("Revokes a system role.");
    }

    private static async Task<Ok<Page<UserSummary>>> UsersAsync(string? agencyId, string? departmentId, string? text, bool? active, int? page, int? pageSize,
        OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.UsersAsync(new UserFilter(agencyId, departmentId, text, active), page ?? 1, pageSize ?? 50, ct));

    private static async Task<Ok<UserDetail>> UserAsync(string id, OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetUserAsync(id, ct));

    private static async Task<Results<Created<UserDetail>, ValidationProblem>> CreateUserAsync(NewUser body, [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("id", body.Id), ("displayName", body.DisplayName)) is { } invalid)
            return invalid;
        await s.Org.CreateUserAsync(body, s.Actor, s.Cancellation);
        return TypedResults.Created($"{ApiExtensions.Prefix}/organisation/users/{body.Id}", await s.Queries.GetUserAsync(body.Id, s.Cancellation));
    }

    private static async Task<Ok<DeactivationResult>> DeactivateUserAsync(string id, ReasonRequest? body, [AsParameters] OrganisationServices s) =>
        TypedResults.Ok(await s.Org.DeactivateUserAsync(id, s.Actor, body?.Reason, s.Cancellation));

    private static async Task<Results<NoContent, ValidationProblem>> AssignPositionAsync(string id, PositionRequest body, [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("name", body.Name)) is { } invalid)
            return invalid;
        return await ApiResults.NoContentAsync(s.Org.AssignPositionAsync(id, body.Name!, body.UnitId, s.Actor, s.Cancellation));
    }

    private static async Task<Results<NoContent, ValidationProblem>> RemovePositionAsync(string id, string? name, string? unitId,
        [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("name", name), ("unitId", unitId)) is { } invalid)
            return invalid;
        return await ApiResults.NoContentAsync(s.Org.RemovePositionAsync(id, name!, unitId!, s.Actor, s.Cancellation));
    }

    private static async Task<Results<NoContent, ValidationProblem>> GrantRoleAsync(string id, RoleRequest body, [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("role", body.Role)) is { } invalid)
            return invalid;
        return await ApiResults.NoContentAsync(s.Org.GrantRoleAsync(id, body.Role!, s.Actor, s.Cancellation));
    }

    private static Task<NoContent> RevokeRoleAsync(string id, string role, [AsParameters] OrganisationServices s) =>
        ApiResults.NoContentAsync(s.Org.RevokeRoleAsync(id, role, s.Actor, s.Cancellation));

    private static void MapGroups(RouteGroupBuilder groups)
    {
        groups.MapGet("/", GroupsAsync).WithSummary("Groups with their members, optionally of one agency.");
        groups.MapGet("/{id}", GroupAsync).WithSummary("A group with its members.");
        groups.MapPost("/", CreateGroupAsync).Refuses(ChangeProblems)
            .WithSummary("Creates a group (a leading group, a committee); group(id) in an assignment offers a task to its members.");
        groups.MapPost("/{id}/members", AddMemberAsync).Refuses(ChangeProblems).WithSummary("Adds a member.");
        groups.MapDelete("/{id}/members/{userId}", RemoveMemberAsync).Refuses(ChangeProblems).WithSummary("Removes a member.");
    }

    private static async Task<Ok<IReadOnlyList<GroupView>>> GroupsAsync(string? agencyId, OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GroupsAsync(agencyId, ct));

    private static async Task<Ok<GroupView>> GroupAsync(string id, OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetGroupAsync(id, ct));

    private static async Task<Results<Created<GroupView>, ValidationProblem>> CreateGroupAsync(CreateGroupRequest body, [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("id", body.Id), ("name", body.Name)) is { } invalid)
            return invalid;
        await s.Org.CreateGroupAsync(body.Id!, body.Name!, body.AgencyId, s.Actor, s.Cancellation);
        return TypedResults.Created($"{ApiExtensions.Prefix}/organisation/groups/{body.Id}", await s.Queries.GetGroupAsync(body.Id!, s.Cancellation));
    }

    private static async Task<Results<NoContent, ValidationProblem>> AddMemberAsync(string id, UserRequest body, [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("userId", body.UserId)) is { } invalid)
            return invalid;
        return await ApiResults.NoContentAsync(s.Org.AddGroupMemberAsync(id, body.UserId!, s.Actor, s.Cancellation));
    }

    private static Task<NoContent> RemoveMemberAsync(string id, string userId, [AsParameters] OrganisationServices s) =>
        ApiResults.NoContentAsync(s.Org.RemoveGroupMemberAsync(id, userId, s.Actor, s.Cancellation));

    private static void MapDelegations(RouteGroupBuilder delegations)
    {
        delegations.MapGet("/", DelegationsAsync).Refuses(Status403Forbidden)
            .WithSummary("Delegations from or to a user (default: the caller); another user's only for administrators.");
        delegations.MapGet("/{id:long}", DelegationAsync).Refuses(Status403Forbidden).WithSummary("One delegation.");
        delegations.MapPost("/", CreateDelegationAsync).Refuses(ChangeProblems)
            .WithSummary("委托: from the caller (or, for administrators, anyone) to another user for a period and procedures.");
        delegations.MapDelete("/{id:long}", RevokeDelegationAsync).Refuses(ChangeProblems)
            .WithSummary("Revokes a delegation (one's own, or any for administrators).");
    }

    private static async Task<Ok<IReadOnlyList<DelegationView>>> DelegationsAsync(string? userId, OrganisationQueries queries, HttpContext http,
        CancellationToken ct) =>
        TypedResults.Ok(await queries.DelegationsAsync(userId ?? http.Caller().UserId, ct));

    private static async Task<Ok<DelegationView>> DelegationAsync(long id, OrganisationQueries queries, CancellationToken ct) =>
        TypedResults.Ok(await queries.GetDelegationAsync(id, ct));

    private static async Task<Results<Created<DelegationView>, ValidationProblem>> CreateDelegationAsync(DelegationRequest body,
        [AsParameters] OrganisationServices s)
    {
        if (ApiResults.Require(("toUserId", body.ToUserId), ("startsOn", body.StartsOn?.ToString("O", null)), ("endsOn", body.EndsOn?.ToString("O", null)))
            is { } invalid)
            return invalid;
        var delegation = new NewDelegation(body.FromUserId ?? s.Http.Caller().UserId, body.ToUserId!, body.StartsOn!.Value, body.EndsOn!.Value,
            body.ProcessKeys, body.Reason);
        var id = await s.Org.CreateDelegationAsync(delegation, s.Actor, s.Cancellation);
        return TypedResults.Created($"{ApiExtensions.Prefix}/organisation/delegations/{id}", await s.Queries.GetDelegationAsync(id, s.Cancellation));
    }

    private static Task<NoContent> RevokeDelegationAsync(long id, [AsParameters] OrganisationServices s) =>
        ApiResults.NoContentAsync(s.Org.RevokeDelegationAsync(id, s.Actor, s.Cancellation));
}
