using G2G.Runtime.Notifications;
using G2G.Runtime.Queries;
using Microsoft.AspNetCore.Http.HttpResults;

namespace G2G.Web.Api;

/// <summary>/api/v1/notifications: the caller's in-app notifications (new tasks, reminders, 催办 …).</summary>
internal static class NotificationsApi
{
    public static void MapNotificationsApi(this RouteGroupBuilder api)
    {
        var notifications = api.MapGroup("/notifications").WithTags("Notifications");
        notifications.MapGet("/", ListAsync)
            .WithSummary("The caller's notifications, newest first; unread=true for the unread ones only (their total is the badge count).");
        notifications.MapPost("/{id}/read", MarkReadAsync).WithSummary("Marks one of the caller's notifications read; anyone else's answers 404.");
    }

    private static async Task<Ok<Page<NotificationView>>> ListAsync(bool? unread, int? page, int? pageSize, NotificationInbox inbox, HttpContext http,
        CancellationToken ct) =>
        TypedResults.Ok(await inbox.ListAsync(http.Caller().UserId, unread, page ?? 1, pageSize ?? 50, ct));

    private static Task<NoContent> MarkReadAsync(string id, NotificationInbox inbox, HttpContext http, CancellationToken ct) =>
        ApiResults.NoContentAsync(inbox.MarkReadAsync(http.Caller().UserId, id, ct));
}
