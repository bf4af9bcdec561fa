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
        OrganisationIds.RequireCode(agency.Id, "agency", OrganisationLimits.CodeLength);
        var name = OrganisationIds.RequireName(agency.Name, "agency name");
        var shortName = OrganisationIds.Optional(agency.ShortName, "short name", 50);
        if (agency.ParentId is not null)
            OrganisationIds.RequireCode(agency.ParentId, "agency", OrganisationLimits.CodeLength);

        if (await FindAgencyAsync(agency.Id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (acceptExisting && existing.Name == name && existing.ShortName == shortName && existing.Kind == agency.Kind && existing.ParentId == agency.ParentId)
                return ChangeOutcome.Unchanged;
            throw new RuntimeException(RuntimeErrorCode.Conflict, acceptExisting
                ? $"Agency '{agency.Id}' already exists as {Describe(existing)}, which differs from {Describe(agency)}; change it with the administration service."
                : $"Agency '{agency.Id}' already exists.");
        }
        await RequireUnusedUnitIdAsync(agency.Id, "agency", cancellationToken).ConfigureAwait(false);
        var path = "/" + agency.Id + "/";
        if (agency.ParentId is not null)
        {
            var parent = await FindAgencyAsync(agency.ParentId, cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"Agency '{agency.Id}': the parent agency '{agency.ParentId}' does not exist.");
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
        var newName = OrganisationIds.RequireName(name, "agency name");
        var newShort = OrganisationIds.Optional(shortName, "short name", 50);
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
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"Agency '{newParentId}' does not exist.");
            if (parent.Path.StartsWith(agency.Path, StringComparison.Ordinal))
            {
                throw new RuntimeException(RuntimeErrorCode.Invalid, parent.Id == agency.Id
                    ? $"Agency '{agencyId}' cannot be its own parent."
                    : $"Moving agency '{agencyId}' under '{newParentId}' would make a cycle: '{newParentId}' is inside the subtree of '{agencyId}' ({parent.Path}).");
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
            throw new RuntimeException(RuntimeErrorCode.Invalid, $"Agency '{superiorId}' cannot guide itself.");
        var lines = db.Set<GuidanceLineRecord>();
        if (await lines.AnyAsync(l => l.SuperiorAgencyId == superiorId && l.SubordinateAgencyId == subordinateId, cancellationToken).ConfigureAwait(false))
        {
            return acceptExisting ? ChangeOutcome.Unchanged
                : throw new RuntimeException(RuntimeErrorCode.Conflict, $"The guidance line {superiorId} → {subordinateId} already exists.");
        }
        if (await lines.AnyAsync(l => l.SuperiorAgencyId == subordinateId && l.SubordinateAgencyId == superiorId, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, $"The opposite guidance line {subordinateId} → {superiorId} exists; one agency cannot guide the other both ways.");
        if (superior.Path.StartsWith(subordinate.Path, StringComparison.Ordinal) || subordinate.Path.StartsWith(superior.Path, StringComparison.Ordinal))
            throw new RuntimeException(RuntimeErrorCode.Invalid, $"'{superiorId}' and '{subordinateId}' are already in one line of subordination (隶属); a guidance line joins agencies outside it.");
        db.Add(new GuidanceLineRecord { SuperiorAgencyId = superiorId, SubordinateAgencyId = subordinateId });
        Audit("guidance.added", $"业务指导 {superior.Name} → {subordinate.Name}", new { superior = superiorId, subordinate = subordinateId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
        return ChangeOutcome.Created;
    }

    public async Task RemoveGuidanceLineAsync(string superiorId, string subordinateId, CancellationToken cancellationToken)
    {
        var line = await db.Set<GuidanceLineRecord>().FirstOrDefaultAsync(l => l.SuperiorAgencyId == superiorId && l.SubordinateAgencyId == subordinateId, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"There is no guidance line {superiorId} → {subordinateId}.");
        db.Remove(line);
        Audit("guidance.removed", $"撤销业务指导 {superiorId} → {subordinateId}", new { superior = superiorId, subordinate = subordinateId });
        await SaveAsync(cancellationToken).ConfigureAwait(false);
    }

    // ---- departments ----

    public async Task<ChangeOutcome> CreateDepartmentAsync(NewDepartment department, bool acceptExisting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(department);
        OrganisationIds.RequireCode(department.Id, "department", OrganisationLimits.CodeLength);
        var name = OrganisationIds.RequireName(department.Name, "department name");
        if (await db.Set<DepartmentRecord>().FirstOrDefaultAsync(d => d.Id == department.Id, cancellationToken).ConfigureAwait(false) is { } existing)
        {
            if (acceptExisting && existing.Name == name && existing.AgencyId == department.AgencyId && existing.ParentId == department.ParentId)
                return ChangeOutcome.Unchanged;
            throw new RuntimeException(RuntimeErrorCode.Conflict, acceptExisting
                ? $"Department '{department.Id}' already exists as {existing.Name} in {existing.AgencyId} (parent {existing.ParentId ?? "—"}), which differs from {name} in {department.AgencyId} (parent {department.ParentId ?? "—"}); change it with the administration service."
                : $"Department '{department.Id}' already exists.");
        }
        await RequireUnusedUnitIdAsync(department.Id, "department", cancellationToken).ConfigureAwait(false);
        await RequireAgencyAsync(department.AgencyId, cancellationToken, $"Department '{department.Id}': ").ConfigureAwait(false);
        if (department.ParentId is not null)
        {
            var parent = await db.Set<DepartmentRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == department.ParentId, cancellationToken).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"Department '{department.Id}': the parent department '{department.ParentId}' does not exist.");
            if (parent.AgencyId != department.AgencyId)
                throw new RuntimeException(RuntimeErrorCode.Invalid, $"Department '{department.Id}': the parent department '{parent.Id}' belongs to agency '{parent.AgencyId}', not '{department.AgencyId}'.");
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
        var newName = OrganisationIds.RequireName(name, "department name");
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
                    ? new RuntimeException(RuntimeErrorCode.Invalid, $"Department '{departmentId}' can only move within agency '{department.AgencyId}'; '{newParentId}' belongs to another agency.")
                    : new RuntimeException(RuntimeErrorCode.NotFound, $"Department '{newParentId}' does not exist.");
            }
            for (string? current = newParentId; current is not null; current = parents[current])
            {
                if (current == departmentId)
                    throw new RuntimeException(RuntimeErrorCode.Invalid, $"Moving department '{departmentId}' under '{newParentId}' would make a cycle: '{newParentId}' is inside '{departmentId}'.");
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
            throw new RuntimeException(RuntimeErrorCode.Conflict,
                $"Department '{departmentId}' already has the head '{department.HeadUserId}', not '{userId}'; change it with the administration service.");
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

    internal async Task<AgencyRecord> RequireAgencyAsync(string? id, CancellationToken cancellationToken, string prefix = "") =>
        (id is null ? null : await FindAgencyAsync(id, cancellationToken).ConfigureAwait(false))
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"{prefix}Agency '{id}' does not exist.");

    internal async Task<DepartmentRecord> RequireDepartmentAsync(string? id, CancellationToken cancellationToken, string prefix = "") =>
        (id is null ? null : await db.Set<DepartmentRecord>().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false))
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"{prefix}Department '{id}' does not exist.");

    internal async Task<G2GUser> RequireUserAsync(string? id, CancellationToken cancellationToken, string prefix = "") =>
        (id is null ? null : await db.Users.FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false))
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, $"{prefix}User '{id}' does not exist.");

    /// <summary>Agency and department ids share one namespace, so a unit argument (<c>position(name, unit)</c>) is never ambiguous.</summary>
    private async Task RequireUnusedUnitIdAsync(string id, string what, CancellationToken cancellationToken)
    {
        if (what != "agency" && await db.Set<AgencyRecord>().AnyAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, $"'{id}' is already an agency id; agencies and departments share one set of ids.");
        if (what != "department" && await db.Set<DepartmentRecord>().AnyAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, $"'{id}' is already a department id; agencies and departments share one set of ids.");
    }

    private async Task RequireHeadAsync(string userId, string agencyId, string departmentId, CancellationToken cancellationToken)
    {
        var user = await RequireUserAsync(userId, cancellationToken, $"Department '{departmentId}': head: ").ConfigureAwait(false);
        if (!user.IsActive)
            throw new RuntimeException(RuntimeErrorCode.Invalid, $"Department '{departmentId}': user '{userId}' is deactivated and cannot be its head.");
        if (user.AgencyId != agencyId)
            throw new RuntimeException(RuntimeErrorCode.Invalid, $"Department '{departmentId}': user '{userId}' works for agency '{user.AgencyId ?? "—"}', not '{agencyId}', and cannot be its head.");
    }

    private static void RequirePathLength(string path)
    {
        if (path.Length > OrganisationLimits.PathLength)
            throw new RuntimeException(RuntimeErrorCode.Invalid, $"The agency tree would be too deep: the path {path[..60]}… is longer than {OrganisationLimits.PathLength} characters.");
    }

    private static string Describe(AgencyRecord a) => $"{a.Name} ({a.ShortName ?? "—"}, {a.Kind}, parent {a.ParentId ?? "—"})";

    private static string Describe(NewAgency a) => $"{a.Name} ({a.ShortName ?? "—"}, {a.Kind}, parent {a.ParentId ?? "—"})";
}
