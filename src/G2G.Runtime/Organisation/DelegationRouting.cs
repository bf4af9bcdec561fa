using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>
/// Where a delegating user's new work goes: the delegate of the delegation in force today for the procedure,
/// and on through the delegate's own delegation (a chain, at most <see cref="MaxHops"/> long, stopping before a
/// cycle or a deactivated delegate). When two delegations of one user apply, the newest wins.
/// </summary>
internal static class DelegationRouting
{
    public const int MaxHops = 5;

    /// <summary>The user who receives the work meant for <paramref name="userId"/>; the same user when no delegation applies.</summary>
    public static async Task<string> RouteAsync(G2GDbContext db, string userId, string processKey, DateOnly today, CancellationToken cancellationToken)
    {
        var current = userId;
        var visited = new HashSet<string>(StringComparer.Ordinal) { userId };
        for (var hop = 0; hop < MaxHops; hop++)
        {
            var candidates = await db.Set<DelegationRecord>().AsNoTracking()
                .Where(d => d.FromUserId == current && d.StartsOn <= today && d.EndsOn >= today)
                .Join(db.Users.Where(u => u.IsActive), d => d.ToUserId, u => u.Id, (d, _) => d)
                .OrderByDescending(d => d.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var next = candidates.FirstOrDefault(d => d.Covers(processKey))?.ToUserId;
            if (next is null || !visited.Add(next))
                break;
            current = next;
        }
        return current;
    }
}
