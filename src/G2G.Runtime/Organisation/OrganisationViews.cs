namespace G2G.Runtime.Organisation;

/// <summary>An agency as the directory shows it; <see cref="Path"/> is <c>/root/…/id/</c>.</summary>
public sealed record AgencyView(string Id, string Name, string? ShortName, AgencyKind Kind, string? ParentId, string Path, bool IsActive);

/// <summary>An agency with the agencies directly below it, recursively.</summary>
public sealed record AgencyNode(AgencyView Agency, IReadOnlyList<AgencyNode> Children);

/// <summary>An agency with its departments (parents before children) and the guidance lines it takes part in.</summary>
public sealed record AgencyDetail(AgencyView Agency, IReadOnlyList<DepartmentView> Departments, IReadOnlyList<GuidanceLine> GuidanceLines);

public sealed record DepartmentView(string Id, string AgencyId, string? ParentId, string Name, string? HeadUserId, bool IsActive);

/// <summary>A person in the directory: what anyone signed in may read (no secrets, no clearance, no roles).</summary>
public sealed record UserSummary(string Id, string DisplayName, string? AgencyId, string? DepartmentId, string? Email, bool IsActive);

/// <summary>A position held in an agency (<see cref="DepartmentId"/> null) or in one of its departments.</summary>
public sealed record PositionView(string Name, string AgencyId, string? DepartmentId);

public sealed record DelegationView(
    long Id, string FromUserId, string ToUserId, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<string> ProcessKeys, string? Reason,
    DateTimeOffset CreatedAt, string? CreatedBy);

/// <summary>
/// A person with positions and groups. <see cref="Clearance"/>, <see cref="Roles"/> and <see cref="Delegations"/> are
/// filled in only for administrators and for the person themself; for anyone else they are null.
/// </summary>
public sealed record UserDetail(
    UserSummary User, IReadOnlyList<PositionView> Positions, IReadOnlyList<string> Groups,
    ClearanceLevel? Clearance, IReadOnlyList<string>? Roles, IReadOnlyList<DelegationView>? Delegations);

public sealed record GroupView(string Id, string Name, string? AgencyId, IReadOnlyList<string> Members);

/// <summary>Filters of the user directory; null means "any". <see cref="Text"/> matches the id, name or e-mail address.</summary>
public sealed record UserFilter(string? AgencyId = null, string? DepartmentId = null, string? Text = null, bool? Active = null);

/// <summary>
/// Display names by id (<see cref="OrganisationQueries.NamesAsync"/>); <see cref="User"/>, <see cref="Agency"/> and
/// <see cref="Department"/> fall back to the id itself for one that is unknown, and give null for null.
/// </summary>
public sealed record DirectoryNames(IReadOnlyDictionary<string, string> Users, IReadOnlyDictionary<string, string> Agencies,
    IReadOnlyDictionary<string, string> Departments)
{
    public static DirectoryNames None { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), new Dictionary<string, string>());

    public string? User(string? id) => Name(Users, id);

    public string? Agency(string? id) => Name(Agencies, id);

    public string? Department(string? id) => Name(Departments, id);

    private static string? Name(IReadOnlyDictionary<string, string> names, string? id) => id is null ? null : names.GetValueOrDefault(id, id);
}
