using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace G2G.Runtime.Security;

/// <summary>
/// Builds a <see cref="Caller"/> from the organisation: the user's agency, department, clearance, groups and roles,
/// and their agency scope. Cached for <see cref="CacheFor"/> per user, so a request costs no query in the common
/// case and a deactivation, a new role or a lower clearance applies within that time.
/// </summary>
public sealed class CallerDirectory(G2GDbContext db, IMemoryCache cache)
{
    public static readonly TimeSpan CacheFor = TimeSpan.FromSeconds(30);

    /// <summary>The caller for an active user; null when the user does not exist or is deactivated.</summary>
    public async Task<Caller?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey(userId), out Caller? cached))
            return cached;
        var caller = await LoadAsync(userId, cancellationToken).ConfigureAwait(false);
        cache.Set(CacheKey(userId), caller, CacheFor);
        return caller;
    }

    /// <summary>Drops a cached caller after a change to the user (roles, deactivation).</summary>
    public void Forget(string userId) => cache.Remove(CacheKey(userId));

    private async Task<Caller?> LoadAsync(string userId, CancellationToken cancellationToken)
    {
        var user = await db.Set<G2GUser>().AsNoTracking().Where(u => u.Id == userId && u.IsActive)
            .Select(u => new { u.Id, u.AgencyId, u.DepartmentId, u.Clearance }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (user is null)
            return null;
        var roles = await (
                from ur in db.Set<IdentityUserRole<string>>()
                join r in db.Set<IdentityRole>() on ur.RoleId equals r.Id
                where ur.UserId == userId
                select r.Name)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var groups = await db.Set<GroupMemberRecord>().AsNoTracking().Where(m => m.UserId == userId).Select(m => m.GroupId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var caller = new Caller(user.Id, user.AgencyId, user.DepartmentId, user.Clearance, groups, [.. roles.OfType<string>()], []);
        return caller with { Agencies = await ScopeAsync(caller, cancellationToken).ConfigureAwait(false) };
    }

    /// <summary>Administrators: every agency. Supervisors: their agency and every agency below it. Others: their own.</summary>
    private async Task<IReadOnlyCollection<string>?> ScopeAsync(Caller caller, CancellationToken cancellationToken)
    {
        if (caller.IsAdministrator)
            return null;
        if (caller.AgencyId is not { } agencyId)
            return [];
        if (!caller.IsSupervisor)
            return [agencyId];
        var path = await db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Id == agencyId).Select(a => a.Path)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (path is null)
            return [agencyId];
        return await db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Path.StartsWith(path)).Select(a => a.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string CacheKey(string userId) => "g2g:caller:" + userId;
}
