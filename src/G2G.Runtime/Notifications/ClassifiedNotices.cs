using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Notifications;

/// <summary>
/// The last check before a notification leaves: one about a classified item names it (title, comment) only to an
/// active user cleared for its 密级. Anyone else (a clearance lowered since, an address that is no user, a rule
/// that reached someone uncleared) gets a notice without the text and without the link to the instance and task,
/// which would only answer 404 to them, whatever path wrote it.
/// </summary>
public static class ClassifiedNotices
{
    public const string RedactedSubject = "涉密事项通知 Notice about a classified item";

    /// <summary>The batch as it may be sent: rows a recipient may not read are replaced by copies without subject, body and links.</summary>
    public static async Task<IReadOnlyList<OutboxRecord>> RedactAsync(G2GDbContext db, IReadOnlyList<OutboxRecord> batch,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(batch);
        var instanceIds = batch.Where(o => o.InstanceId is not null).Select(o => o.InstanceId!.Value).Distinct().ToList();
        var classified = await db.Set<ProcessInstanceRecord>().AsNoTracking()
            .Where(i => instanceIds.Contains(i.Id) && i.Classification != ClearanceLevel.Unclassified)
            .ToDictionaryAsync(i => i.Id, i => i.Classification, cancellationToken).ConfigureAwait(false);
        if (classified.Count == 0)
            return batch;
        var recipients = batch.Where(o => o.InstanceId is { } id && classified.ContainsKey(id)).Select(o => o.Recipient).Distinct().ToList();
        var clearances = await db.Users.AsNoTracking().Where(u => recipients.Contains(u.Id) && u.IsActive)
            .ToDictionaryAsync(u => u.Id, u => u.Clearance, cancellationToken).ConfigureAwait(false);
        bool Cleared(OutboxRecord o) => o.InstanceId is not { } id || !classified.TryGetValue(id, out var level)
            || (clearances.TryGetValue(o.Recipient, out var clearance) && clearance >= level);
        return [.. batch.Select(o => Cleared(o) ? o : Redacted(o))];
    }

    private static OutboxRecord Redacted(OutboxRecord o) => new()
    {
        Id = o.Id, NotificationId = o.NotificationId, Kind = o.Kind, Recipient = o.Recipient, Subject = RedactedSubject, Body = null,
        InstanceId = null, TaskId = null, CreatedAt = o.CreatedAt, DispatchedAt = o.DispatchedAt, Attempts = o.Attempts,
        LastError = o.LastError,
    };
}
