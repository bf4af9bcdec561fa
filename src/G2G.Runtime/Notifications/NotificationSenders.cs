using System.Net.Mail;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Notifications;

/// <summary>Delivers one outbox notification. Delivery is at-least-once, so senders are idempotent by notification id.</summary>
public interface INotificationSender
{
    Task SendAsync(OutboxRecord notification, CancellationToken cancellationToken);
}

/// <summary>The default: an in-app notification row per recipient, keyed by the notification id (a repeat is a no-op).</summary>
public sealed class InAppNotificationSender(G2GDbContext db) : INotificationSender
{
    public async Task SendAsync(OutboxRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (await db.Set<NotificationRecord>().AnyAsync(n => n.Id == notification.NotificationId, cancellationToken).ConfigureAwait(false))
            return;
        db.Add(new NotificationRecord
        {
            Id = notification.NotificationId, UserId = notification.Recipient, Kind = notification.Kind, Subject = notification.Subject,
            Body = notification.Body, InstanceId = notification.InstanceId, TaskId = notification.TaskId, CreatedAt = notification.CreatedAt,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}

/// <summary>SMTP settings (section <c>Notifications:Smtp</c>); recipients are e-mail addresses or user ids mapped by <see cref="AddressFormat"/>.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public bool EnableSsl { get; set; } = true;
    public string From { get; set; } = "g2g@localhost";

    /// <summary>How a user id becomes an address, e.g. <c>{0}@example.gov.cn</c>.</summary>
    public string AddressFormat { get; set; } = "{0}";
}

/// <summary>
/// Sends each notification the way the settings say when it is sent: by e-mail while <c>Notifications:Smtp:Host</c> is set,
/// else as an in-app row. Settings are read through <see cref="IOptionsMonitor{TOptions}"/>, so a host configured (or
/// removed) after the start, in a reloaded file or by another configuration source, takes effect at the next send.
/// </summary>
public sealed class ConfiguredNotificationSender(IOptionsMonitor<SmtpOptions> smtp, InAppNotificationSender inApp, SmtpNotificationSender mail)
    : INotificationSender
{
    public Task SendAsync(OutboxRecord notification, CancellationToken cancellationToken) =>
        (string.IsNullOrWhiteSpace(smtp.CurrentValue.Host) ? (INotificationSender)inApp : mail).SendAsync(notification, cancellationToken);
}

/// <summary>Sends notifications by e-mail with the SMTP settings of the moment. The Message-ID header carries the notification id so mail systems can drop repeats.</summary>
public sealed class SmtpNotificationSender(IOptionsMonitor<SmtpOptions> options) : INotificationSender
{
    public async Task SendAsync(OutboxRecord notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var settings = options.CurrentValue;
        using var message = new MailMessage(settings.From, string.Format(System.Globalization.CultureInfo.InvariantCulture, settings.AddressFormat, notification.Recipient))
        {
            Subject = notification.Subject,
            Body = notification.Body ?? notification.Subject,
        };
        message.Headers.Add("Message-ID", $"<{Uri.EscapeDataString(notification.NotificationId)}@g2g>");
        using var client = new SmtpClient(settings.Host, settings.Port) { EnableSsl = settings.EnableSsl };
        await client.SendMailAsync(message, cancellationToken).ConfigureAwait(false);
    }
}
