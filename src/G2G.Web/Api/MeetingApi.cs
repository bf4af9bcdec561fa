using G2G.Office.Meetings;
using Microsoft.AspNetCore.Http.HttpResults;
using static Microsoft.AspNetCore.Http.StatusCodes;

namespace G2G.Web.Api;

/// <summary>
/// /api/v1/office/meetings: the meeting rooms of 会议申请. Everyone signed in reads the rooms and an agency's schedule;
/// administrators add and change rooms. Meetings change only through the procedure.
/// </summary>
internal static class MeetingApi
{
    public static void MapMeetingApi(this RouteGroupBuilder api)
    {
        var meetings = api.MapGroup("/office/meetings").WithTags("Office");
        meetings.MapGet("/rooms", ListRoomsAsync).WithSummary("The meeting rooms, of one agency or all.");
        meetings.MapPost("/rooms", AddRoomAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Adds a meeting room to an agency (administrators).");
        meetings.MapPatch("/rooms/{id:long}", ChangeRoomAsync)
            .Refuses(Status403Forbidden, Status404NotFound, Status409Conflict, Status422UnprocessableEntity)
            .WithSummary("Changes a meeting room: agency, code, name, capacity, active (administrators).");
        meetings.MapGet("/", ScheduleAsync).WithSummary("An agency's meetings ending on or after a day (default today).");
    }

    private static async Task<Ok<IReadOnlyList<MeetingRoomView>>> ListRoomsAsync(
        string? agencyId, MeetingRoomService rooms, CancellationToken ct) =>
            TypedResults.Ok(await rooms.RoomsAsync(agencyId, ct));

    private static async Task<Created<MeetingRoomView>> AddRoomAsync(
        MeetingRoomChange body, MeetingRoomService rooms, HttpContext http, CancellationToken ct)
    {
        var room = await rooms.SaveRoomAsync(null, body, http.User.Actor(), ct);
        return TypedResults.Created($"/api/v1/office/meetings/rooms/{room.Id}", room);
    }

    private static async Task<Ok<MeetingRoomView>> ChangeRoomAsync(
        long id, MeetingRoomChange body, MeetingRoomService rooms, HttpContext http, CancellationToken ct) =>
        TypedResults.Ok(await rooms.SaveRoomAsync(id, body, http.User.Actor(), ct));

    private static async Task<Ok<IReadOnlyList<MeetingView>>> ScheduleAsync(
        string agencyId, DateOnly? from, MeetingRoomService rooms, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await rooms.ScheduleAsync(agencyId, from ?? DateOnly.FromDateTime(clock.GetUtcNow()
            .ToOffset(TimeSpan.FromHours(8)).DateTime), ct));
}
