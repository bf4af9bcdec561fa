using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace G2G.Runtime.Notifications;

/// <summary>
/// Delivers outbox notifications after their transaction committed. Each row is claimed by bumping
/// its attempt counter conditionally, so two nodes do not send the same row at the same time; a
/// failure is retried on a later pass.
/// </summary>
public sealed partial class OutboxDispatcher(IServiceScopeFactory scopes, TimeProvider clock, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    private const int MaxAttempts = 10;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await DispatchAsync(stoppingToken).ConfigureAwait(false) > 0)
                    continue;
                await Task.Delay(TimeSpan.FromSeconds(1), clock, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            catch (Exception failure) when (failure is DbUpdateException or InvalidOperationException or System.Data.Common.DbException)
            {
                LogPassFailed(failure);
            }
        }
    }

    /// <summary>Sends one batch of pending notifications; returns how many were sent.</summary>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var sender = scope.ServiceProvider.GetRequiredService<INotificationSender>();
        var pending = await db.Set<OutboxRecord>().AsNoTracking().Where(o => o.DispatchedAt == null && o.Attempts < MaxAttempts)
            .OrderBy(o => o.Id).Take(100).ToListAsync(cancellationToken).ConfigureAwait(false);
        var sent = 0;
        foreach (var notification in await ClassifiedNotices.RedactAsync(db, pending, cancellationToken).ConfigureAwait(false))
        {
            var claimed = await db.Set<OutboxRecord>().Where(o => o.Id == notification.Id && o.Attempts == notification.Attempts && o.DispatchedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, notification.Attempts + 1), cancellationToken).ConfigureAwait(false);
            if (claimed == 0)
                continue;
            try
            {
                await sender.SendAsync(notification, cancellationToken).ConfigureAwait(false);
                await db.Set<OutboxRecord>().Where(o => o.Id == notification.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.DispatchedAt, clock.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                sent++;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogSendFailed(notification.NotificationId, failure.Message);
                db.ChangeTracker.Clear();
                await db.Set<OutboxRecord>().Where(o => o.Id == notification.Id)
                    .ExecuteUpdateAsync(s => s.SetProperty(o => o.LastError, failure.Message), cancellationToken).ConfigureAwait(false);
            }
        }
        return sent;
    }

    [LoggerMessage(LogLevel.Error, "An outbox pass failed")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(LogLevel.Warning, "Sending notification {NotificationId} failed: {Reason}")]
    private partial void LogSendFailed(string notificationId, string reason);
}
