using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;

namespace G2G.Runtime.Security;

/// <summary>The roles that carry rights beyond a user's own work (Identity roles with these names).</summary>
public static class SystemRoles
{
    /// <summary>Changes the organisation and the definitions; suspends, resumes and terminates instances; retries incidents.</summary>
    public const string Administrator = "administrator";

    /// <summary>督办: sees overdue work and on-time rates of their agency and its subordinate agencies, and urges.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>流程设计: opens the process designer (/designer), saves drafts, deploys and publishes definitions.</summary>
    public const string Designer = "designer";

    /// <summary>Another system calling with a bearer token (docs/api.md): every agency, every level.</summary>
    public const string System = "system";

    public static IReadOnlyList<string> All { get; } = [Administrator, Supervisor, Designer];
}

/// <summary>
/// Who is asking, with what they may see: their agency scope (<see cref="Agencies"/>: their own agency, for
/// supervisors its whole subtree, null for every agency), their clearance, and the candidate groups and roles
/// they hold. Built per request by <see cref="CallerDirectory"/>.
/// </summary>
public sealed record Caller(
    string UserId,
    string? AgencyId,
    string? DepartmentId,
    ClearanceLevel Clearance,
    IReadOnlyCollection<string> Groups,
    IReadOnlyCollection<string> Roles,
    IReadOnlyCollection<string>? Agencies)
{
    public bool IsSystem => Roles.Contains(SystemRoles.System);

    public bool IsAdministrator => IsSystem || Roles.Contains(SystemRoles.Administrator);

    public bool IsSupervisor => IsAdministrator || Roles.Contains(SystemRoles.Supervisor);

    /// <summary>May design, deploy and publish definitions: administrators and holders of <see cref="SystemRoles.Designer"/>.</summary>
    public bool IsDesigner => IsAdministrator || Roles.Contains(SystemRoles.Designer);

    /// <summary>The configuration setting naming the system tokens that may start instances on behalf of people.</summary>
    public const string StartOnBehalfSetting = "Api:StartOnBehalf";

    /// <summary>A system token listed in <see cref="StartOnBehalfSetting"/>: it names the initiator of what it starts.</summary>
    public bool MayStartOnBehalf { get; init; }

    /// <summary>Whether items of an agency are in the caller's agency scope (involvement aside).</summary>
    public bool InScope(string? agencyId) => Agencies is null || (agencyId is not null && Agencies.Contains(agencyId));

    /// <summary>The caller as the inbox sees them.</summary>
    public Viewer Viewer => new(UserId, Groups, Clearance);

    /// <summary>A system client: every agency and every level, acting under its configured name.</summary>
    public static Caller ForSystem(string name) => new(name, null, null, ClearanceLevel.TopSecret, [], [SystemRoles.System], null);
}

/// <summary>
/// The caller of the current unit of work (a request). Null means trusted code of the host itself (the job
/// executor, start-up deployment, seeding, tests of the runtime), which nothing restricts.
/// </summary>
public sealed class CallerContext
{
    public Caller? Current { get; set; }
}
