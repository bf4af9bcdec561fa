using G2G.Runtime.Notifications;

namespace G2G.Web.Api;

/// <summary>/api/v1/notifications: the caller's in-app notifications (new tasks, reminders, 催办 …).</summary>
internal static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", (bool? unread, int? page, int? pageSize, NotificationInbox inbox, HttpContext http, CancellationToken ct) =>
            inbox.ListAsync(http.Caller().UserId, unread, page ?? 1, pageSize ?? 50, ct))
            .WithSummary("The caller's notifications, newest first; unread=true for the unread ones only (their total is the badge count).");
        notifications.MapPost("/{id}/read", (string id, NotificationInbox inbox, HttpContext http, CancellationToken ct) =>
            ApiResults.NoContentAsync(inbox.MarkReadAsync(http.Caller().UserId, id, ct)))
            .WithSummary("Marks one of the caller's notifications read; anyone else's answers 404.");
    }
}
