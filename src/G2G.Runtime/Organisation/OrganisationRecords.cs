namespace G2G.Runtime.Organisation;

/// <summary>
/// An agency (机关) in the agency tree: the provincial government, its bureaus, cities, counties. The id is a
/// stable code (<c>gd</c>, <c>gd-fin</c>); <see cref="Path"/> is the materialised path from the root
/// (<c>/gd/gd-fin/</c>) so a subtree is one prefix query.
/// </summary>
public sealed class AgencyRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }

    /// <summary>发文机关代字, the short name used in document numbers (粤财).</summary>
    public string? ShortName { get; set; }

    public AgencyKind Kind { get; set; }
    public string? ParentId { get; set; }

    /// <summary><c>/root/…/id/</c>; every agency of the subtree has this as its prefix.</summary>
    public required string Path { get; set; }

    public bool IsActive { get; set; } = true;
}

/// <summary>What kind of agency it is; informative (the relationships come from the tree, not the kind).</summary>
public enum AgencyKind
{
    /// <summary>A people's government (省政府, 市政府, 县政府).</summary>
    Government,

    /// <summary>A working department of a government (厅, 局, 委员会).</summary>
    Bureau,

    /// <summary>A general office (办公厅, 办公室).</summary>
    Office,

    /// <summary>Anything else (事业单位, 派出机构 …).</summary>
    Other,
}

/// <summary>A declared 业务指导 line: the superior office guides the subordinate office of the same specialty.</summary>
public sealed class GuidanceLineRecord
{
    public required string SuperiorAgencyId { get; set; }
    public required string SubordinateAgencyId { get; set; }
}

/// <summary>
/// A department (处, 科, 办公室) inside an agency, optionally inside another department of the same agency.
/// The head is a user id; it is not a foreign key (users reference departments, so the pair could not be
/// created on PostgreSQL without a provider-specific step) and the organisation service checks it.
/// </summary>
public sealed class DepartmentRecord
{
    public required string Id { get; set; }
    public required string AgencyId { get; set; }
    public string? ParentId { get; set; }
    public required string Name { get; set; }
    public string? HeadUserId { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// A position (职务) a user holds in an agency, at agency level (<see cref="DepartmentId"/> null, e.g. 主要领导)
/// or in one of its departments (处长 of 办公室).
/// </summary>
public sealed class UserPositionRecord
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    public required string AgencyId { get; set; }
    public string? DepartmentId { get; set; }
}

/// <summary>A named group of users (a leading group, a committee); <c>group(id)</c> offers a task to its members.</summary>
public sealed class GroupRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? AgencyId { get; set; }
}

/// <summary>Membership of a user in a group.</summary>
public sealed class GroupMemberRecord
{
    public required string GroupId { get; set; }
    public required string UserId { get; set; }
}

/// <summary>
/// A standing delegation (委托): while the user is away, from <see cref="StartsOn"/> to <see cref="EndsOn"/>
/// (both inclusive, dates in China Standard Time), their new tasks of the listed procedures go to the delegate,
/// recorded as "on behalf of".
/// </summary>
public sealed class DelegationRecord
{
    public long Id { get; set; }
    public required string FromUserId { get; set; }
    public required string ToUserId { get; set; }
    public DateOnly StartsOn { get; set; }
    public DateOnly EndsOn { get; set; }

    /// <summary>Process keys separated by commas; null for every procedure.</summary>
    public string? ProcessKeys { get; set; }

    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>Whether the delegation covers a procedure.</summary>
    public bool Covers(string processKey) =>
        ProcessKeys is null || DelegationProcesses.Split(ProcessKeys).Contains(processKey, StringComparer.Ordinal);

    /// <summary>Whether the delegation is in force on a day.</summary>
    public bool ActiveOn(DateOnly day) => StartsOn <= day && day <= EndsOn;
}

/// <summary>The list format of <see cref="DelegationRecord.ProcessKeys"/>.</summary>
public static class DelegationProcesses
{
    public static IReadOnlyList<string> Split(string? keys) =>
        keys is null ? [] : keys.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The stored form: null for all procedures, else the distinct keys joined by commas.</summary>
    public static string? Join(IEnumerable<string>? keys)
    {
        var list = keys?.Select(k => k.Trim()).Where(k => k.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        return list is null || list.Count == 0 ? null : string.Join(",", list);
    }
}

/// <summary>The position names of the domain (any other name is allowed too).</summary>
public static class Positions
{
    /// <summary>主要领导, the principal leader; <c>leader()</c> resolves to its holders.</summary>
    public const string PrincipalLeader = "主要领导";
    public const string DeputyLeader = "分管领导";
    public const string DivisionChief = "处长";
    public const string SectionChief = "科长";
    public const string Clerk = "科员";
    public const string OfficeDirector = "办公室主任";
    public const string Registrar = "收发员";
    public const string Finance = "财务";
    public const string Procurement = "采购专员";
}

/// <summary>Column lengths shared by the organisation tables and the services that validate input.</summary>
public static class OrganisationLimits
{
    /// <summary>Agency and department codes.</summary>
    public const int CodeLength = 50;

    /// <summary>User and group ids; equal to <c>tasks.assignee</c> so every user id fits there.</summary>
    public const int UserIdLength = 100;

    public const int NameLength = 200;
    public const int PositionLength = 50;
    public const int PathLength = 1000;
}

/// <summary>
/// The organisation's stamp: one row whose value changes in the transaction of every change to the organisation
/// (<see cref="OrganisationStamp"/>). A node caches what assignment rules resolved to under the stamp it read, so a
/// change made anywhere takes effect on every node at the next command.
/// </summary>
public sealed class OrganisationStampRecord
{
    /// <summary>The one row's id.</summary>
    public const int RowId = 1;

    public int Id { get; set; }
    public required string Stamp { get; set; }
}
