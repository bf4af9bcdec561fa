namespace G2G.Runtime.Organisation;

/// <summary>A new agency; <paramref name="ParentId"/> null makes it a root (a province).</summary>
public sealed record NewAgency(string Id, string Name, string? ParentId = null, string? ShortName = null, AgencyKind Kind = AgencyKind.Bureau);

/// <summary>A new department of an agency, optionally inside another department of it, with an optional head.</summary>
public sealed record NewDepartment(string Id, string AgencyId, string Name, string? ParentId = null, string? HeadUserId = null);

/// <summary>
/// A new user. The agency follows from the department when one is given (and must agree with
/// <paramref name="AgencyId"/> if both are). Without a password the user cannot sign in until one is set.
/// </summary>
public sealed record NewUser(
    string Id, string DisplayName, string? DepartmentId = null, string? AgencyId = null,
    ClearanceLevel Clearance = ClearanceLevel.Unclassified, string? Email = null, string? Password = null);

/// <summary>A standing delegation; <paramref name="ProcessKeys"/> null or empty covers every procedure.</summary>
public sealed record NewDelegation(
    string FromUserId, string ToUserId, DateOnly StartsOn, DateOnly EndsOn, IReadOnlyList<string>? ProcessKeys = null, string? Reason = null);

/// <summary>One open task that moved because its user was deactivated (or by an administrator).</summary>
public sealed record TaskMove(long TaskId, long InstanceId, string ElementId, string? From, string? To, IReadOnlyList<string> Candidates, string? OnBehalfOf, string Note);

/// <summary>What deactivating a user did to their open work.</summary>
public sealed record DeactivationResult(string UserId, IReadOnlyList<TaskMove> Moves);
