using System.Text.Encodings.Web;
using System.Text.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>What a change did: created something, or found it already exactly as asked.</summary>
public enum ChangeOutcome
{
    Created,
    Unchanged,
}

/// <summary>
/// The organisation's changes, each validated completely before anything is written, saved at its end (so the
/// next change of the same transaction sees it) and appended to the organisation audit chain. Runs inside a
/// transaction owned by the caller: <see cref="OrganisationService"/> (one change) or the importer (all of a file).
/// Refusals are <see cref="RuntimeException"/>s: NotFound for unknown ids, Conflict for duplicates, Invalid for
/// cycles and bad values.
/// </summary>
internal sealed partial class OrganisationChanges(
    G2GDbContext db, IPasswordHasher<G2GUser> passwords, ILookupNormalizer normalizer, TimeProvider clock, string actor)
{
    private static readonly JsonSerializerOptions AuditJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public G2GDbContext Db => db;

    public string Actor => actor;

    private Task<int> SaveAsync(CancellationToken cancellationToken) => db.SaveChangesAsync(cancellationToken);

    /// <summary>Appends a record to the organisation chain; data is stored as JSON.</summary>
    internal void Audit(string action, string comment, object data) =>
        AuditLog.Append(db, AuditLog.OrganisationChain,
            new AuditEntry(actor, action, Comment: comment, Data: JsonSerializer.Serialize(data, AuditJson)), clock.GetUtcNow());

    // ---- agencies ----

    public async Task<ChangeOutcome> CreateAgencyAsync(NewAgency agency, bool acceptExisting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        OrganisationIds.RequireCode(agency.Id, RuntimeMessages.NounAgency(), OrganisationLimits.CodeLength);
        var name = OrganisationIds.RequireName(agency.Name, RuntimeMessages.NounAgencyName());
        var shortName = OrganisationIds.Optional(agency.ShortName, RuntimeMessages.NounShortName(), 50);
        if (agency.ParentId is not null)
            OrganisationIds.RequireCode(agency.ParentId, RuntimeMessages.NounAgency(), OrganisationLimits.CodeLength);

        if (await FindAgencyAsync(agency.Id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (acceptExisting && existing.Name == name && existing.ShortName == shortName && existing.Kind == agency.Kind && existing.ParentId == agency.ParentId)
                return ChangeOutcome.Unchanged;
            throw new RuntimeException(RuntimeErrorCode.Conflict, acceptExisting
                ? RuntimeMessages.AgencyExistsDiffers(agency.Id, existing.Name, existing.ShortName ?? "—", existing.Kind.ToString(), existing.ParentId ?? "—",
                    agency.Name, agency.ShortName ?? "—", agency.Kind.ToString(), agency.ParentId ?? "—")
                : RuntimeMessages.AgencyExists(agency.Id));
        }
        await RequireUnusedUnitIdAsync(agency.Id, "agency", cancellationToken).ConfigureAwait(false);
        var path = "/" + agency.Id + "/";
        if (agency.ParentId is not null)
        {
            var parent = await FindAgencyAsync(agency.ParentId, cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.ParentAgencyNotFound(agency.Id, agency.ParentId));
            path = parent.Path + agency.Id + "/";
        }
        RequirePathLength(path);
        db.Add(new AgencyRecord { Id = agency.Id, Name = name, ShortName = shortName, Kind = agency.Kind, ParentId = agency.ParentId, Path = path });
        Audit("agency.created", $"新建机关 {name} ({agency.Id})", new { agency.Id, name, shortName, kind = agency.Kind.ToString(), parent = agency.ParentId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    public async Task RenameAgencyAsync(string agencyId, string name, string? shortName, CancellationToken cancellationToken)
    {
        var agency = await RequireAgencyAsync(agencyId, cancellationToken).ConfigureAwait(false);
        var newName = OrganisationIds.RequireName(name, RuntimeMessages.NounAgencyName());
        var newShort = OrganisationIds.Optional(shortName, RuntimeMessages.NounShortName(), 50);
        Audit("agency.renamed", $"机关更名 {agency.Name} → {newName} ({agencyId})",
            new { agency.Id, from = new { agency.Name, agency.ShortName }, to = new { name = newName, shortName = newShort } });
        agency.Name = newName;
        agency.ShortName = newShort;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves an agency (with its whole subtree) under another parent, or to the top when null; refuses cycles.</summary>
    public async Task<int> MoveAgencyAsync(string agencyId, string? newParentId, CancellationToken cancellationToken)
    {
        var agency = await RequireAgencyAsync(agencyId, cancellationToken).ConfigureAwait(false);
        if (agency.ParentId == newParentId)
            return 0;
        var newPath = "/" + agency.Id + "/";
        if (newParentId is not null)
        {
            var parent = await FindAgencyAsync(newParentId, cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.AgencyNotFound(newParentId));
            if (parent.Path.StartsWith(agency.Path, StringComparison.Ordinal))
            {
                throw new RuntimeException(RuntimeErrorCode.Invalid, parent.Id == agency.Id
                    ? RuntimeMessages.AgencyOwnParent(agencyId)
                    : RuntimeMessages.AgencyMoveCycle(agencyId, newParentId, parent.Path));
            }
            newPath = parent.Path + agency.Id + "/";
        }
        var oldPath = agency.Path;
        var subtree = await db.Set<AgencyRecord>().Where(a => a.Path.StartsWith(oldPath)).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var member in subtree)
        {
            var path = newPath + member.Path[oldPath.Length..];
            RequirePathLength(path);
            member.Path = path;
        }
        Audit("agency.moved", $"机关调整隶属 {agency.Name} ({agencyId}): {agency.ParentId ?? "—"} → {newParentId ?? "—"}",
            new { agency.Id, from = agency.ParentId, to = newParentId, subtree = subtree.Count });
        agency.ParentId = newParentId;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return subtree.Count;
    }

    /// <summary>Closes (or reopens) an agency; rules naming a closed agency resolve to nobody. Its subtree is not touched.</summary>
    public async Task SetAgencyActiveAsync(string agencyId, bool active, CancellationToken cancellationToken)
    {
        var agency = await RequireAgencyAsync(agencyId, cancellationToken).ConfigureAwait(false);
        if (agency.IsActive == active)
            return;
        agency.IsActive = active;
        Audit(active ? "agency.reopened" : "agency.closed", $"{(active ? "恢复" : "撤销")}机关 {agency.Name} ({agencyId})", new { agency.Id, active });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<ChangeOutcome> AddGuidanceLineAsync(string superiorId, string subordinateId, bool acceptExisting, CancellationToken cancellationToken)
    {
        var superior = await RequireAgencyAsync(superiorId, cancellationToken).ConfigureAwait(false);
        var subordinate = await RequireAgencyAsync(subordinateId, cancellationToken).ConfigureAwait(false);
        if (superiorId == subordinateId)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.AgencyGuidesItself(superiorId));
        var lines = db.Set<GuidanceLineRecord>();
        if (await lines.AnyAsync(l => l.SuperiorAgencyId == superiorId && l.SubordinateAgencyId == subordinateId, cancellationToken).ConfigureAwait(false))
        {
            return acceptExisting ? ChangeOutcome.Unchanged
                : throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.GuidanceExists(superiorId, subordinateId));
        }
        if (await lines.AnyAsync(l => l.SuperiorAgencyId == subordinateId && l.SubordinateAgencyId == superiorId, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.GuidanceOpposite(subordinateId, superiorId));
        if (superior.Path.StartsWith(subordinate.Path, StringComparison.Ordinal) || subordinate.Path.StartsWith(superior.Path, StringComparison.Ordinal))
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.GuidanceWithinSubordination(superiorId, subordinateId));
        db.Add(new GuidanceLineRecord { SuperiorAgencyId = superiorId, SubordinateAgencyId = subordinateId });
        Audit("guidance.added", $"业务指导 {superior.Name} → {subordinate.Name}", new { superior = superiorId, subordinate = subordinateId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    public async Task RemoveGuidanceLineAsync(string superiorId, string subordinateId, CancellationToken cancellationToken)
    {
        var line = await db.Set<GuidanceLineRecord>().FirstOrDefaultAsync(l => l.SuperiorAgencyId == superiorId && l.SubordinateAgencyId == subordinateId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.GuidanceNotFound(superiorId, subordinateId));
        db.Remove(line);
        Audit("guidance.removed", $"撤销业务指导 {superiorId} → {subordinateId}", new { superior = superiorId, subordinate = subordinateId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- departments ----

    public async Task<ChangeOutcome> CreateDepartmentAsync(NewDepartment department, bool acceptExisting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(department);
        OrganisationIds.RequireCode(department.Id, RuntimeMessages.NounDepartment(), OrganisationLimits.CodeLength);
        var name = OrganisationIds.RequireName(department.Name, RuntimeMessages.NounDepartmentName());
        if (await db.Set<DepartmentRecord>().FirstOrDefaultAsync(d => d.Id == department.Id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (acceptExisting && existing.Name == name && existing.AgencyId == department.AgencyId && existing.ParentId == department.ParentId)
                return ChangeOutcome.Unchanged;
            throw new RuntimeException(RuntimeErrorCode.Conflict, acceptExisting
                ? RuntimeMessages.DepartmentExistsDiffers(department.Id, existing.Name, existing.AgencyId, existing.ParentId ?? "—",
                    name, department.AgencyId, department.ParentId ?? "—")
                : RuntimeMessages.DepartmentExists(department.Id));
        }
        await RequireUnusedUnitIdAsync(department.Id, "department", cancellationToken).ConfigureAwait(false);
        await RequireAgencyAsync(department.AgencyId, cancellationToken, RuntimeMessages.DepartmentContext(department.Id)).ConfigureAwait(false);
        if (department.ParentId is not null)
        {
            var parent = await db.Set<DepartmentRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == department.ParentId, cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.ParentDepartmentNotFound(department.Id, department.ParentId));
            if (parent.AgencyId != department.AgencyId)
                throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.ParentDepartmentOtherAgency(department.Id, parent.Id, parent.AgencyId, department.AgencyId));
        }
        if (department.HeadUserId is not null)
            await RequireHeadAsync(department.HeadUserId, department.AgencyId, department.Id, cancellationToken).ConfigureAwait(false);
        db.Add(new DepartmentRecord { Id = department.Id, AgencyId = department.AgencyId, ParentId = department.ParentId, Name = name, HeadUserId = department.HeadUserId });
        Audit("department.created", $"新建部门 {name} ({department.Id}) 于 {department.AgencyId}",
            new { department.Id, name, agency = department.AgencyId, parent = department.ParentId, head = department.HeadUserId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    public async Task RenameDepartmentAsync(string departmentId, string name, CancellationToken cancellationToken)
    {
        var department = await RequireDepartmentAsync(departmentId, cancellationToken).ConfigureAwait(false);
        var newName = OrganisationIds.RequireName(name, RuntimeMessages.NounDepartmentName());
        Audit("department.renamed", $"部门更名 {department.Name} → {newName} ({departmentId})", new { department.Id, from = department.Name, to = newName });
        department.Name = newName;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a department under another department of the same agency, or to the agency's top level; refuses cycles.</summary>
    public async Task MoveDepartmentAsync(string departmentId, string? newParentId, CancellationToken cancellationToken)
    {
        var department = await RequireDepartmentAsync(departmentId, cancellationToken).ConfigureAwait(false);
        if (department.ParentId == newParentId)
            return;
        if (newParentId is not null)
        {
            var parents = await db.Set<DepartmentRecord>().AsNoTracking().Where(d => d.AgencyId == department.AgencyId)
                .ToDictionaryAsync(d => d.Id, d => d.ParentId, cancellationToken).ConfigureAwait(false);
            if (!parents.ContainsKey(newParentId))
            {
                throw await db.Set<DepartmentRecord>().AnyAsync(d => d.Id == newParentId, cancellationToken).ConfigureAwait(false)
                    ? new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.DepartmentMoveOtherAgency(departmentId, department.AgencyId, newParentId))
                    : new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.DepartmentNotFound(newParentId));
            }
            for (string? current = newParentId; current is not null; current = parents[current])
            {
                if (current == departmentId)
                    throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.DepartmentMoveCycle(departmentId, newParentId));
            }
        }
        Audit("department.moved", $"部门调整 {department.Name} ({departmentId}): {department.ParentId ?? "—"} → {newParentId ?? "—"}",
            new { department.Id, from = department.ParentId, to = newParentId });
        department.ParentId = newParentId;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sets (or with null clears) the head of a department; the head must be an active user of the same agency.</summary>
    public async Task<ChangeOutcome> SetDepartmentHeadAsync(string departmentId, string? userId, bool acceptExisting, CancellationToken cancellationToken)
    {
        var department = await RequireDepartmentAsync(departmentId, cancellationToken).ConfigureAwait(false);
        if (department.HeadUserId == userId)
            return ChangeOutcome.Unchanged;
        if (acceptExisting && department.HeadUserId is not null)
        {
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.DepartmentHasHead(departmentId, department.HeadUserId, userId ?? "—"));
        }
        if (userId is not null)
            await RequireHeadAsync(userId, department.AgencyId, departmentId, cancellationToken).ConfigureAwait(false);
        Audit("department.head-set", $"部门负责人 {department.Name} ({departmentId}): {department.HeadUserId ?? "—"} → {userId ?? "—"}",
            new { department.Id, from = department.HeadUserId, to = userId });
        department.HeadUserId = userId;
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    /// <summary>Closes (or reopens) a department; rules naming a closed department resolve to nobody.</summary>
    public async Task SetDepartmentActiveAsync(string departmentId, bool active, CancellationToken cancellationToken)
    {
        var department = await RequireDepartmentAsync(departmentId, cancellationToken).ConfigureAwait(false);
        if (department.IsActive == active)
            return;
        department.IsActive = active;
        Audit(active ? "department.reopened" : "department.closed", $"{(active ? "恢复" : "撤销")}部门 {department.Name} ({departmentId})", new { department.Id, active });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- lookups shared by the changes ----

    internal Task<AgencyRecord?> FindAgencyAsync(string id, CancellationToken cancellationToken) =>
        db.Set<AgencyRecord>().FirstOrDefaultAsync(a => a.Id == id, cancellationToken);

    internal async Task<AgencyRecord> RequireAgencyAsync(string? id, CancellationToken cancellationToken, RuntimeText? context = null) =>
        (id is null ? null : await FindAgencyAsync(id, cancellationToken).ConfigureAwait(false))
        ?? throw NotFound(context, RuntimeMessages.AgencyNotFound(id ?? ""));

    internal async Task<DepartmentRecord> RequireDepartmentAsync(string? id, CancellationToken cancellationToken, RuntimeText? context = null) =>
        (id is null ? null : await db.Set<DepartmentRecord>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false))
        ?? throw NotFound(context, RuntimeMessages.DepartmentNotFound(id ?? ""));

    internal async Task<G2GUser> RequireUserAsync(string? id, CancellationToken cancellationToken, RuntimeText? context = null) =>
        (id is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false))
        ?? throw NotFound(context, RuntimeMessages.UserNotFound(id ?? ""));

    /// <summary>Not found, said of the change named by <paramref name="context"/> when there is one.</summary>
    private static RuntimeException NotFound(RuntimeText? context, RuntimeText missing) =>
        new(RuntimeErrorCode.NotFound, context is null ? missing : RuntimeMessages.InContext(context, missing));

    /// <summary>Agency and department ids share one namespace, so a unit argument (<c>position(name, unit)</c>) is never ambiguous.</summary>
    private async Task RequireUnusedUnitIdAsync(string id, string what, CancellationToken cancellationToken)
    {
        if (what != "agency" && await db.Set<AgencyRecord>().AnyAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.IdIsAgency(id));
        if (what != "department" && await db.Set<DepartmentRecord>().AnyAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.IdIsDepartment(id));
    }

    private async Task RequireHeadAsync(string userId, string agencyId, string departmentId, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(userId, cancellationToken, RuntimeMessages.DepartmentHeadContext(departmentId)).ConfigureAwait(false);
        if (!user.IsActive)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.InContext(RuntimeMessages.DepartmentContext(departmentId), RuntimeMessages.HeadDeactivated(userId)));
        if (user.AgencyId != agencyId)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.InContext(RuntimeMessages.DepartmentContext(departmentId),
                RuntimeMessages.HeadOtherAgency(userId, user.AgencyId ?? "—", agencyId)));
    }

    private static void RequirePathLength(string path)
    {
        if (path.Length > OrganisationLimits.PathLength)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.AgencyTreeTooDeep(path[..60], OrganisationLimits.PathLength));
    }
}
