using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>
/// Read side of the organisation for the API and the pickers of the UI. The directory (agencies, departments, people,
/// positions, groups) is open to everyone signed in; a person's clearance, roles and delegations only to
/// administrators and to that person. Password hashes, security stamps and lockout data never leave the table.
/// </summary>
public sealed partial class OrganisationQueries(G2GDbContext db, CallerContext callers, ILookupNormalizer normalizer)
{
    /// <summary>Agencies in path order (parents before children), optionally only the subtree of <paramref name="under"/>.</summary>
    public async Task<IReadOnlyList<AgencyView>> AgenciesAsync(string? under = null, bool? active = null, CancellationToken cancellationToken = default)
    {
        var query = db.Set<AgencyRecord>().AsNoTracking();
        if (under is not null)
        {
            var path = await query.Where(a => a.Id == under).Select(a => a.Path).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
                ?? throw AgencyNotFound(under);
            query = query.Where(a => a.Path.StartsWith(path));
        }
        if (active is { } isActive)
            query = query.Where(a => a.IsActive == isActive);
        return await AgencyViews(query.OrderBy(a => a.Path)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The whole agency tree: the roots with their children, each level ordered by id.</summary>
    public async Task<IReadOnlyList<AgencyNode>> AgencyTreeAsync(CancellationToken cancellationToken = default)
    {
        var agencies = await AgenciesAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var children = agencies.ToLookup(a => a.ParentId ?? "");
        AgencyNode Node(AgencyView agency) => new(agency, [.. children[agency.Id].OrderBy(c => c.Id, StringComparer.Ordinal).Select(Node)]);
        return [.. children[""].OrderBy(a => a.Id, StringComparer.Ordinal).Select(Node)];
    }

    public async Task<AgencyDetail> GetAgencyAsync(string id, CancellationToken cancellationToken = default)
    {
        var agency = await AgencyViews(db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Id == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw AgencyNotFound(id);
        var departments = await DepartmentViews(db.Set<DepartmentRecord>().AsNoTracking().Where(d => d.AgencyId == id))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var lines = await db.Set<GuidanceLineRecord>().AsNoTracking().Where(l => l.SuperiorAgencyId == id || l.SubordinateAgencyId == id)
            .OrderBy(l => l.SuperiorAgencyId).ThenBy(l => l.SubordinateAgencyId)
            .Select(l => new GuidanceLine(l.SuperiorAgencyId, l.SubordinateAgencyId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AgencyDetail(agency, ParentsFirst(departments), lines);
    }

    public async Task<DepartmentView> GetDepartmentAsync(string id, CancellationToken cancellationToken = default) =>
        await DepartmentViews(db.Set<DepartmentRecord>().AsNoTracking().Where(d => d.Id == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.DepartmentNotFound(id));

    /// <summary>People matching the filter, by id.</summary>
    public async Task<Page<UserSummary>> UsersAsync(UserFilter filter, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Users.AsNoTracking();
        if (filter.AgencyId is { } agency)
            query = query.Where(u => u.AgencyId == agency);
        if (filter.DepartmentId is { } department)
            query = query.Where(u => u.DepartmentId == department);
        if (filter.Active is { } active)
            query = query.Where(u => u.IsActive == active);
        if (filter.Text?.Trim() is { Length: > 0 } text)
        {
            var (name, email) = (normalizer.NormalizeName(text), normalizer.NormalizeEmail(text));
            query = query.Where(u => u.NormalizedUserName!.Contains(name) || u.DisplayName.Contains(text) || (u.NormalizedEmail != null && u.NormalizedEmail.Contains(email)));
        }
        var slice = await query.OrderBy(u => u.Id).SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return slice.With(await Summaries(slice.Rows).ToListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>
    /// What people call these users, agencies and departments, for labels in lists (directory data anyone signed in
    /// may read); ids that do not exist are left out. Three queries at most, whatever the number of ids.
    /// </summary>
    public async Task<DirectoryNames> NamesAsync(IEnumerable<string?> users, IEnumerable<string?> agencies, IEnumerable<string?> departments,
        CancellationToken cancellationToken = default)
    {
        List<string> Ids(IEnumerable<string?> ids) => [.. ids.OfType<string>().Distinct(StringComparer.Ordinal)];
        var (userIds, agencyIds, departmentIds) = (Ids(users), Ids(agencies), Ids(departments));
        return new DirectoryNames(
            userIds.Count == 0 ? [] : await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id))
                .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken).ConfigureAwait(false),
            agencyIds.Count == 0 ? [] : await db.Set<AgencyRecord>().AsNoTracking().Where(a => agencyIds.Contains(a.Id))
                .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken).ConfigureAwait(false),
            departmentIds.Count == 0 ? [] : await db.Set<DepartmentRecord>().AsNoTracking().Where(d => departmentIds.Contains(d.Id))
                .ToDictionaryAsync(d => d.Id, d => d.Name, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>One person with positions and groups; clearance, roles and delegations only for administrators and the person themself.</summary>
    public async Task<UserDetail> GetUserAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await Summaries(db.Users.AsNoTracking().Where(u => u.Id == id)).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.UserNotFound(id));
        var positions = await db.Set<UserPositionRecord>().AsNoTracking().Where(p => p.UserId == id).OrderBy(p => p.AgencyId).ThenBy(p => p.DepartmentId).ThenBy(p => p.Name)
            .Select(p => new PositionView(p.Name, p.AgencyId, p.DepartmentId)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var groups = await db.Set<GroupMemberRecord>().AsNoTracking().Where(m => m.UserId == id).OrderBy(m => m.GroupId).Select(m => m.GroupId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var detail = new UserDetail(user, positions, groups, null, null, null);
        if (!MaySeePrivate(id))
            return detail;
        var clearance = await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.Clearance).FirstAsync(cancellationToken).ConfigureAwait(false);
        var roles = await (
                from ur in db.Set<IdentityUserRole<string>>()
                join r in db.Set<IdentityRole>() on ur.RoleId equals r.Id
                where ur.UserId == id
                orderby r.Name
                select r.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return detail with { Clearance = clearance, Roles = [.. roles.OfType<string>()], Delegations = await DelegationsAsync(id, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Delegations from or to a person, newest first; for administrators and the person themself (else NotAllowed).</summary>
    public async Task<IReadOnlyList<DelegationView>> DelegationsAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (!MaySeePrivate(userId))
            throw AccessRefusals.Forbidden(callers.Current!, RuntimeMessages.OnlyDelegationsOwnerReads(userId), $"user {userId}", "read delegations");
        var rows = await db.Set<DelegationRecord>().AsNoTracking().Where(d => d.FromUserId == userId || d.ToUserId == userId)
            .OrderByDescending(d => d.StartsOn).ThenByDescending(d => d.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(View)];
    }

    /// <summary>One delegation, for administrators and the two people it joins (else NotAllowed).</summary>
    public async Task<DelegationView> GetDelegationAsync(long id, CancellationToken cancellationToken = default)
    {
        var delegation = await db.Set<DelegationRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.DelegationNotFound(id));
        if (!MaySeePrivate(delegation.FromUserId) && !MaySeePrivate(delegation.ToUserId))
            throw AccessRefusals.Forbidden(callers.Current!, RuntimeMessages.OnlyDelegationPartiesRead(delegation.FromUserId, delegation.ToUserId, id), $"delegation {id}", "read delegations");
        return View(delegation);
    }

    /// <summary>Groups with their members, by id; only those of one agency when <paramref name="agencyId"/> is given.</summary>
    public async Task<IReadOnlyList<GroupView>> GroupsAsync(string? agencyId = null, CancellationToken cancellationToken = default)
    {
        var groups = await db.Set<GroupRecord>().AsNoTracking().Where(g => agencyId == null || g.AgencyId == agencyId).OrderBy(g => g.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = groups.Select(g => g.Id).ToList();
        var members = (await db.Set<GroupMemberRecord>().AsNoTracking().Where(m => ids.Contains(m.GroupId)).OrderBy(m => m.UserId)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(m => m.GroupId, m => m.UserId);
        return [.. groups.Select(g => new GroupView(g.Id, g.Name, g.AgencyId, [.. members[g.Id]]))];
    }

    public async Task<GroupView> GetGroupAsync(string id, CancellationToken cancellationToken = default)
    {
        var group = await db.Set<GroupRecord>().AsNoTracking().FirstOrDefaultAsync(g => g.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.GroupNotFound(id));
        var members = await db.Set<GroupMemberRecord>().AsNoTracking().Where(m => m.GroupId == id).OrderBy(m => m.UserId).Select(m => m.UserId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new GroupView(group.Id, group.Name, group.AgencyId, members);
    }

    /// <summary>Trusted code, administrators and the person themself.</summary>
    private bool MaySeePrivate(string userId) => callers.Current is not { } caller || caller.IsAdministrator || caller.UserId == userId;

    private static IQueryable<AgencyView> AgencyViews(IQueryable<AgencyRecord> query) =>
        query.Select(a => new AgencyView(a.Id, a.Name, a.ShortName, a.Kind, a.ParentId, a.Path, a.IsActive));

    private static IQueryable<DepartmentView> DepartmentViews(IQueryable<DepartmentRecord> query) =>
        query.OrderBy(d => d.Id).Select(d => new DepartmentView(d.Id, d.AgencyId, d.ParentId, d.Name, d.HeadUserId, d.IsActive));

    /// <summary>Only the directory columns: the hash, stamps and lockout data are not even read.</summary>
    private static IQueryable<UserSummary> Summaries(IQueryable<G2GUser> query) =>
        query.Select(u => new UserSummary(u.Id, u.DisplayName, u.AgencyId, u.DepartmentId, u.Email, u.IsActive));

    private static DelegationView View(DelegationRecord d) =>
        new(d.Id, d.FromUserId, d.ToUserId, d.StartsOn, d.EndsOn, DelegationProcesses.Split(d.ProcessKeys), d.Reason, d.CreatedAt, d.CreatedBy);

    /// <summary>Departments ordered so that a parent comes before its children (siblings by id).</summary>
    private static List<DepartmentView> ParentsFirst(List<DepartmentView> departments)
    {
        var known = departments.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var children = departments.ToLookup(d => d.ParentId is { } parent && known.Contains(parent) ? parent : "");
        var ordered = new List<DepartmentView>();
        void Add(DepartmentView department)
        {
            ordered.Add(department);
            foreach (var child in children[department.Id])
                Add(child);
        }
        foreach (var root in children[""])
            Add(root);
        return ordered;
    }

    private static RuntimeException AgencyNotFound(string id) => new(RuntimeErrorCode.NotFound, RuntimeMessages.AgencyNotFound(id));
}
