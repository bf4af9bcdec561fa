using G2G.Runtime.Organisation;

namespace G2G.Web.Api;

// Request and response bodies of /api/v1/organisation. New agencies, departments and users are posted as the
// runtime's NewAgency, NewDepartment and NewUser records.

/// <summary>Renames an agency; a field left out keeps its value, an empty <c>ShortName</c> clears it.</summary>
public sealed record RenameAgencyRequest(string? Name = null, string? ShortName = null);

public sealed record RenameRequest(string? Name);

/// <summary>Moves an agency or department under another parent; null moves it to the top.</summary>
public sealed record MoveRequest(string? ParentId = null);

/// <summary>The head of a department; null clears it.</summary>
public sealed record HeadRequest(string? UserId = null);

public sealed record GuidanceLineRequest(string? SuperiorId, string? SubordinateId);

/// <summary>A position for a user; <c>UnitId</c> (a department or agency) defaults to the user's home department.</summary>
public sealed record PositionRequest(string? Name, string? UnitId = null);

/// <summary>A system role: administrator or supervisor.</summary>
public sealed record RoleRequest(string? Role);

public sealed record CreateGroupRequest(string? Id, string? Name, string? AgencyId = null);

public sealed record UserRequest(string? UserId);

/// <summary>转办 by an administrator: gives an open task to a user (through their delegation, if one is in force).</summary>
public sealed record ReassignRequest(string? UserId, string? Reason = null);

/// <summary>
/// A standing delegation (委托) from <c>FromUserId</c> (default: the caller) to <c>ToUserId</c>, both dates inclusive;
/// no <c>ProcessKeys</c> means every procedure.
/// </summary>
public sealed record DelegationRequest(
    string? ToUserId, DateOnly? StartsOn, DateOnly? EndsOn, string? FromUserId = null, IReadOnlyList<string>? ProcessKeys = null, string? Reason = null);

/// <summary>An agency after a move, and how many agencies (it and its subtree) moved.</summary>
public sealed record AgencyMoved(AgencyView Agency, int Moved);

/// <summary>
/// How <c>First</c> stands to <c>Second</c>: <c>Kind</c> with its Chinese name (隶属, 业务指导, 平行, 不相隶属, 同一机关),
/// the superior of a 隶属 or 业务指导 line, and a sentence saying it.
/// </summary>
public sealed record RelationView(string First, string Second, AgencyRelationKind Kind, string Name, string? SuperiorId, string? SubordinateId, string Description)
{
    public static RelationView Of(AgencyRelation relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        var name = relation.Kind switch
        {
            AgencyRelationKind.Same => "同一机关",
            AgencyRelationKind.Subordination => "隶属",
            AgencyRelationKind.Guidance => "业务指导",
            AgencyRelationKind.Parallel => "平行",
            _ => "不相隶属",
        };
        return new(relation.First, relation.Second, relation.Kind, name, relation.SuperiorId, relation.SubordinateId, relation.ToString());
    }
}

/// <summary>One problem of an imported file: where (<c>line 7</c>, or a JSON path), the line number when there is one, and what is wrong.</summary>
public sealed record ImportError(string Location, int? Line, string Message);
