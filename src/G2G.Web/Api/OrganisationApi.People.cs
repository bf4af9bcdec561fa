using G2G.Runtime.Organisation;

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
        users.MapGet("/", (string? agencyId, string? departmentId, string? text, bool? active, int? page, int? pageSize, OrganisationQueries queries, CancellationToken ct) =>
            queries.UsersAsync(new UserFilter(agencyId, departmentId, text, active), page ?? 1, pageSize ?? 50, ct))
            .WithSummary("The people directory by agency, department, text (id, name, e-mail) and active; by id. No clearance, roles or secrets.");
        users.MapGet("/{id}", (string id, OrganisationQueries queries, CancellationToken ct) => queries.GetUserAsync(id, ct))
            .WithSummary("A person with positions and groups; clearance, roles and delegations only for administrators and the person themself.");
        users.MapPost("/", CreateUserAsync).WithSummary("Creates a user in a department or agency, with a clearance and optionally a password.");
        users.MapPost("/{id}/deactivate", async (string id, ReasonRequest? body, OrganisationService org, HttpContext http, CancellationToken ct) =>
            Results.Ok(await org.DeactivateUserAsync(id, http.User.Actor(), body?.Reason, ct)))
            .WithSummary("Deactivates a user, ends their sessions and moves their open tasks; answers every move.");
        users.MapPost("/{id}/positions", async (string id, PositionRequest body, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("name", body.Name)) ?? await ApiResults.NoContentAsync(org.AssignPositionAsync(id, body.Name!, body.UnitId, http.User.Actor(), ct)))
            .WithSummary("Gives a user a position (科长, 主要领导 …) in a department or agency (default: their department).");
        users.MapDelete("/{id}/positions", async (string id, string? name, string? unitId, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("name", name), ("unitId", unitId)) ?? await ApiResults.NoContentAsync(org.RemovePositionAsync(id, name!, unitId!, http.User.Actor(), ct)))
            .WithSummary("Removes a position: ?name=科长&unitId=….");
        users.MapPost("/{id}/roles", async (string id, RoleRequest body, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("role", body.Role)) ?? await ApiResults.NoContentAsync(org.GrantRoleAsync(id, body.Role!, http.User.Actor(), ct)))
            .WithSummary("Grants a system role: administrator or supervisor.");
        users.MapDelete("/{id}/roles/{role}", (string id, string role, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(org.RevokeRoleAsync(id, role, http.User.Actor(), ct))).WithSummary("Revokes a system role.");
    }

    private static async Task<IResult> CreateUserAsync(NewUser body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct)
    {
        if (ApiResults.Require(("id", body.Id), ("displayName", body.DisplayName)) is { } invalid)
            return invalid;
        await org.CreateUserAsync(body, http.User.Actor(), ct);
        return Results.Created($"{ApiExtensions.Prefix}/organisation/users/{body.Id}", await queries.GetUserAsync(body.Id, ct));
    }

    private static void MapGroups(RouteGroupBuilder groups)
    {
        groups.MapGet("/", (string? agencyId, OrganisationQueries queries, CancellationToken ct) => queries.GroupsAsync(agencyId, ct))
            .WithSummary("Groups with their members, optionally of one agency.");
        groups.MapGet("/{id}", (string id, OrganisationQueries queries, CancellationToken ct) => queries.GetGroupAsync(id, ct));
        groups.MapPost("/", async (CreateGroupRequest body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
        {
            if (ApiResults.Require(("id", body.Id), ("name", body.Name)) is { } invalid)
                return invalid;
            await org.CreateGroupAsync(body.Id!, body.Name!, body.AgencyId, http.User.Actor(), ct);
            return Results.Created($"{ApiExtensions.Prefix}/organisation/groups/{body.Id}", await queries.GetGroupAsync(body.Id!, ct));
        }).WithSummary("Creates a group (a leading group, a committee); group(id) in an assignment offers a task to its members.");
        groups.MapPost("/{id}/members", async (string id, UserRequest body, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.Require(("userId", body.UserId)) ?? await ApiResults.NoContentAsync(org.AddGroupMemberAsync(id, body.UserId!, http.User.Actor(), ct)))
            .WithSummary("Adds a member.");
        groups.MapDelete("/{id}/members/{userId}", (string id, string userId, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(org.RemoveGroupMemberAsync(id, userId, http.User.Actor(), ct))).WithSummary("Removes a member.");
    }

    private static void MapDelegations(RouteGroupBuilder delegations)
    {
        delegations.MapGet("/", (string? userId, OrganisationQueries queries, HttpContext http, CancellationToken ct) =>
            queries.DelegationsAsync(userId ?? http.Caller().UserId, ct))
            .WithSummary("Delegations from or to a user (default: the caller); another user's only for administrators.");
        delegations.MapGet("/{id:long}", (long id, OrganisationQueries queries, CancellationToken ct) => queries.GetDelegationAsync(id, ct));
        delegations.MapPost("/", CreateDelegationAsync).WithSummary("委托: from the caller (or, for administrators, anyone) to another user for a period and procedures.");
        delegations.MapDelete("/{id:long}", (long id, OrganisationService org, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(org.RevokeDelegationAsync(id, http.User.Actor(), ct))).WithSummary("Revokes a delegation (one's own, or any for administrators).");
    }

    private static async Task<IResult> CreateDelegationAsync(DelegationRequest body, OrganisationService org, OrganisationQueries queries, HttpContext http, CancellationToken ct)
    {
        if (ApiResults.Require(("toUserId", body.ToUserId), ("startsOn", body.StartsOn?.ToString("O", null)), ("endsOn", body.EndsOn?.ToString("O", null))) is { } invalid)
            return invalid;
        var delegation = new NewDelegation(body.FromUserId ?? http.Caller().UserId, body.ToUserId!, body.StartsOn!.Value, body.EndsOn!.Value, body.ProcessKeys, body.Reason);
        var id = await org.CreateDelegationAsync(delegation, http.User.Actor(), ct);
        return Results.Created($"{ApiExtensions.Prefix}/organisation/delegations/{id}", await queries.GetDelegationAsync(id, ct));
    }
}
