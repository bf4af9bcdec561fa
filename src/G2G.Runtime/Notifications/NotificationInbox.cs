using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Notifications;

/// <summary>An in-app notification as its recipient sees it.</summary>
public sealed record NotificationView(
    string Id, string Kind, string Subject, string? Body, long? InstanceId, long? TaskId, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

/// <summary>
/// The in-app notifications of one user (the rows <see cref="InAppNotificationSender"/> writes): newest first, and
/// marking one read. A user sees and marks only the rows addressed to them; any other id does not exist for them.
/// </summary>
public sealed class NotificationInbox(G2GDbContext db, TimeProvider clock)
{
    /// <summary>The user's notifications, newest first; only unread ones when <paramref name="unread"/> is true.</summary>
    public async Task<Page<NotificationView>> ListAsync(string userId, bool? unread, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.Set<NotificationRecord>().AsNoTracking().Where(n => n.UserId == userId);
        if (unread is { } onlyUnread)
            query = onlyUnread ? query.Where(n => n.ReadAt == null) : query.Where(n => n.ReadAt != null);
        var slice = await query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return slice.With(await slice.Rows.Select(n => new NotificationView(n.Id, n.Kind, n.Subject, n.Body, n.InstanceId, n.TaskId, n.CreatedAt, n.ReadAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>How many of the user's notifications are unread (the badge count).</summary>
    public Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken = default) =>
        db.Set<NotificationRecord>().AsNoTracking().CountAsync(n => n.UserId == userId && n.ReadAt == null, cancellationToken);

    /// <summary>How many notifications are unread, for many users at once (a node's poll of the badges); a user with none is left out.</summary>
    public async Task<IReadOnlyDictionary<string, int>> UnreadCountsAsync(IReadOnlyCollection<string> userIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(userIds);
        var ids = userIds.Distinct().ToList();
        return await db.Set<NotificationRecord>().AsNoTracking().Where(n => n.ReadAt == null && ids.Contains(n.UserId))
            .GroupBy(n => n.UserId).Select(g => new { UserId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.UserId, g => g.Count, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the user's notification read (again is a no-op that keeps the first time); NotFound for anyone else's.</summary>
    public async Task MarkReadAsync(string userId, string notificationId, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var mine = db.Set<NotificationRecord>().Where(n => n.Id == notificationId && n.UserId == userId);
        if (await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken).ConfigureAwait(false) == 0
            && !await mine.AnyAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.NotificationNotFound(notificationId));
        }
    }
}
