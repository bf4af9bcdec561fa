using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Security;

/// <summary>
/// Work on a classified item goes only to people cleared for it: a transfer, delegation, copy, added signer or
/// administrator's reassignment to anyone else would leave the task with someone who cannot open it.
/// </summary>
public static class TargetClearance
{
    /// <summary>
    /// Refuses (<see cref="RuntimeErrorCode.NotCleared"/>, audited) when a target is not an active user whose clearance
    /// reaches the item's classification. Unclassified items go to anyone.
    /// </summary>
    public static async Task RequireAsync(G2GDbContext db, ClearanceLevel classification, IReadOnlyCollection<string> targets,
        string actor, string operation, RuntimeText item, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(targets);
        var below = await BelowAsync(db, classification, targets, cancellationToken).ConfigureAwait(false);
        if (below.Count == 0)
            return;
        var reason = below.Count == 1
            ? RuntimeMessages.NotClearedOne(item, TaskAccess.Describe(classification), below[0])
            : RuntimeMessages.NotClearedMany(item, TaskAccess.Describe(classification), string.Join(", ", below));
        throw new RuntimeException(RuntimeErrorCode.NotCleared, reason) { Refusal = new AccessRefusal(actor, operation, item.English, reason.English) };
    }

    /// <summary>
    /// Refuses a target who is not a user (<see cref="RuntimeErrorCode.NotFound"/>, naming them) or is deactivated
    /// (<see cref="RuntimeErrorCode.Invalid"/>): the task would go to nobody who can act on it, whatever its classification.
    /// </summary>
    public static async Task RequirePeopleAsync(G2GDbContext db, IReadOnlyCollection<string> targets, long taskId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(targets);
        var ids = targets.Distinct(StringComparer.Ordinal).ToList();
        var users = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.IsActive })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (ids.FirstOrDefault(id => !users.Exists(u => u.Id == id)) is { } unknown)
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.UserNotFound(unknown));
        if (users.Find(u => !u.IsActive) is { } deactivated)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.UserDeactivatedCannotReceive(deactivated.Id, taskId));
    }

    /// <summary>Whether an active user's clearance reaches <paramref name="classification"/>.</summary>
    public static async Task<bool> IsClearedAsync(G2GDbContext db, string userId, ClearanceLevel classification,
        CancellationToken cancellationToken) =>
        (await BelowAsync(db, classification, [userId], cancellationToken).ConfigureAwait(false)).Count == 0;

    private static async Task<List<string>> BelowAsync(G2GDbContext db, ClearanceLevel classification, IReadOnlyCollection<string> targets,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (classification == ClearanceLevel.Unclassified)
            return [];
        var ids = targets.Distinct(StringComparer.Ordinal).ToList();
        var cleared = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive && u.Clearance >= classification)
            .Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. ids.Except(cleared, StringComparer.Ordinal)];
    }
}
