using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>
/// Who answers for a person's work: the head of their home department, else of the next department up, else the
/// principal leader(s) of their agency — never the person themselves, always active users. Work of nobody in
/// particular (an unclaimed task) answers to the agency's principal leader(s).
/// </summary>
internal static class Superiors
{
    public static async Task<IReadOnlyList<string>> OfAsync(G2GDbContext db, string? userId, string? departmentId, string? agencyId,
        CancellationToken cancellationToken)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        for (var current = departmentId; current is not null && visited.Add(current);)
        {
            var department = await db.Set<DepartmentRecord>().AsNoTracking().Where(d => d.Id == current)
                .Select(d => new { d.HeadUserId, d.ParentId }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (department is null)
                break;
            if (department.HeadUserId is { } head && head != userId
                && await db.Users.AnyAsync(u => u.Id == head && u.IsActive, cancellationToken).ConfigureAwait(false))
            {
                return [head];
            }
            current = department.ParentId;
        }
        if (agencyId is null)
            return [];
        return await db.Set<UserPositionRecord>().AsNoTracking()
            .Where(p => p.AgencyId == agencyId && p.Name == Positions.PrincipalLeader && p.UserId != userId)
            .Join(db.Users.Where(u => u.IsActive), p => p.UserId, u => u.Id, (p, u) => u.Id)
            .Distinct().OrderBy(u => u).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
