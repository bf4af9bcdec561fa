using G2G.Engine.Expressions;
using G2G.Office.Leave;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Vehicles.FormValues;

namespace G2G.Office.Meetings;

/// <summary>
/// <c>meeting.request</c> (登记会议并预留会议室): checks <c>room</c> (its code), <c>date</c>, <c>startTime</c>,
/// <c>endTime</c>, <c>subject</c> and <c>attendees</c> (user ids) and holds the room for those hours. The room is locked
/// first by raising its booking stamp, so that of two requests for one room and hour the second waits for the first and
/// then sees its meeting: exactly one wins, the other is refused naming the meeting that holds the room. A request sent
/// back and sent again replaces its meeting (and the hours it held).
/// </summary>
public sealed class RequestMeeting : IServiceTaskHandler
{
    public const int MaxAttendees = 200;

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var starts = Instant(context, "date", "startTime");
        var ends = Instant(context, "date", "endTime");
        if (starts < context.Now)
            throw new ServiceTaskRefusedException(OfficeMessages.MeetingInThePast(), "date");
        if (ends <= starts)
            throw new ServiceTaskRefusedException(OfficeMessages.MeetingEndsBeforeStart(), "endTime");
        var subject = Text(context, "subject", 200);
        var attendees = Attendees(context);
        var code = Text(context, "room", 20);

        using var office = OfficeDbContext.Joining(context.Db);
        var agency = context.Instance.AgencyId!;
        var rooms = office.Set<MeetingRoomRecord>().Where(r => r.Code == code && r.AgencyId == agency && r.IsActive);
        if (rooms.ExecuteUpdate(s => s.SetProperty(r => r.BookingStamp, r => r.BookingStamp + 1)) == 0)
            throw new ServiceTaskRefusedException(OfficeMessages.MeetingRoomNotFound(code), "room");
        var room = rooms.AsNoTracking().Single();
        if (room.Capacity < attendees.Count + 1)
        {
            throw new ServiceTaskRefusedException(
                OfficeMessages.MeetingRoomTooSmall(room.Name, room.Capacity, attendees.Count + 1), "room");
        }
        if (Clash(context, office, room.Id, starts, ends) is { } clash)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.MeetingRoomTaken(room.Name, Span(clash), clash.Subject,
                clash.InstanceId), "room");
        }

        var meeting = office.Set<MeetingRecord>().FirstOrDefault(m => m.InstanceId == context.Instance.Id);
        if (meeting is null)
        {
            meeting = new MeetingRecord
            {
                InstanceId = context.Instance.Id, AgencyId = agency, OrganiserId = context.Instance.Initiator!,
                Subject = subject, Attendees = "", State = MeetingStates.Held, CreatedAt = context.Now.ToUniversalTime(),
            };
            office.Add(meeting);
        }
        (meeting.RoomId, meeting.StartsAt, meeting.EndsAt, meeting.Subject) = (room.Id, starts, ends, subject);
        (meeting.Attendees, meeting.State, meeting.ChangedAt) = (string.Join(',', attendees), MeetingStates.Held,
            context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["roomName"] = Value.From(room.Name),
            ["meetingTime"] = Value.From(Span(meeting)),
            ["attendeeCount"] = Value.From(attendees.Count),
        };
    }

    internal static MeetingRecord Of(OfficeDbContext office, long instanceId) =>
        office.Set<MeetingRecord>().FirstOrDefault(m => m.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no meeting; its 填写会议申请 step records it.");

    internal static string Span(MeetingRecord m) => $"{Local(m.StartsAt)}–{Local(m.EndsAt)[11..]}";

    /// <summary>The attendees named (user ids separated by commas, 、 or spaces), each an active user; the organiser
    /// is left out.</summary>
    private static List<string> Attendees(ServiceTaskContext context)
    {
        var organiser = context.Instance.Initiator;
        var named = LeaveVariables.OptionalText(context, "attendees")?
            .Split([',', '，', '、', ' ', ';', '；'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(n => n != organiser).Distinct(StringComparer.Ordinal).ToList() ?? [];
        if (named.Count == 0)
            throw new ServiceTaskRefusedException(OfficeMessages.MeetingNoAttendees(), "attendees");
        if (named.Count > MaxAttendees)
            throw new ServiceTaskRefusedException(OfficeMessages.MeetingTooManyAttendees(MaxAttendees), "attendees");
        var known = context.Db.Users.AsNoTracking().Where(u => named.Contains(u.Id) && u.IsActive).Select(u => u.Id)
            .ToHashSet(StringComparer.Ordinal);
        return named.FirstOrDefault(n => !known.Contains(n)) is { } stranger
            ? throw new ServiceTaskRefusedException(OfficeMessages.MeetingAttendeeUnknown(stranger), "attendees")
            : named;
    }

    /// <summary>
    /// A meeting of another instance holding the room for overlapping hours. The few meetings of one room are compared
    /// here rather than in SQL, where SQLite would compare instants as text; meetings that only touch (one ends at
    /// 10:00, the next starts at 10:00) do not overlap.
    /// </summary>
    private static MeetingRecord? Clash(ServiceTaskContext context, OfficeDbContext office, long roomId,
        DateTimeOffset starts, DateTimeOffset ends)
    {
        var held = office.Set<MeetingRecord>().AsNoTracking()
            .Where(m => m.RoomId == roomId && m.InstanceId != context.Instance.Id
                && MeetingStates.Holding.Contains(m.State)).ToList()
            .Where(m => m.StartsAt < ends && starts < m.EndsAt).ToList();
        if (held.Count == 0)
            return null;
        // A meeting whose instance an administrator ended holds nothing any more.
        var ids = held.Select(m => m.InstanceId).ToList();
        var ended = EndedInstances.Among(context.Db, ids);
        return held.OrderBy(m => m.StartsAt).FirstOrDefault(m => !ended.Contains(m.InstanceId));
    }
}

/// <summary>
/// <c>meeting.confirm</c> (确认预订并通知参会人): the approved meeting is booked and every attendee gets a meeting notice
/// through the runtime's outbox (in-app, or e-mail when configured), linked to the instance.
/// </summary>
public sealed class ConfirmMeeting : IServiceTaskHandler
{
    public const string NoticeKind = "meeting.notice";

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var meeting = RequestMeeting.Of(office, context.Instance.Id);
        var room = office.Set<MeetingRoomRecord>().AsNoTracking().Single(r => r.Id == meeting.RoomId);
        (meeting.State, meeting.ChangedAt) = (MeetingStates.Booked, context.Now.ToUniversalTime());
        office.SaveChanges();
        var organiser = context.Db.Users.AsNoTracking().Where(u => u.Id == meeting.OrganiserId)
            .Select(u => u.DisplayName).FirstOrDefault() ?? meeting.OrganiserId;
        var attendees = meeting.Attendees.Split(',', StringSplitOptions.RemoveEmptyEntries);
        foreach (var attendee in attendees)
        {
            context.Db.Add(new OutboxRecord
            {
                NotificationId = $"{NoticeKind}:{meeting.InstanceId}:{attendee}:{meeting.StartsAt.ToUnixTimeSeconds()}",
                Kind = NoticeKind, Recipient = attendee,
                Subject = $"会议通知 Meeting notice: {meeting.Subject}",
                Body = $"{RequestMeeting.Span(meeting)}，{room.Name}；召集人 Organiser: {organiser}",
                InstanceId = meeting.InstanceId, CreatedAt = context.Now.ToUniversalTime(),
            });
        }
        return new Dictionary<string, Value>(StringComparer.Ordinal) { ["noticesSent"] = Value.From(attendees.Length) };
    }
}

/// <summary><c>meeting.release</c>: a rejected request gives its room's hours back.</summary>
public sealed class ReleaseMeeting : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var meeting = RequestMeeting.Of(office, context.Instance.Id);
        (meeting.State, meeting.ChangedAt) = (MeetingStates.Rejected, context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}

/// <summary><c>meeting.check</c>: after each timer, whether the meeting is over (<c>meetingOver</c>); then its minutes
/// are due.</summary>
public sealed class CheckMeetingOver : IServiceTaskHandler
{
    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        using var office = OfficeDbContext.Joining(context.Db);
        var meeting = RequestMeeting.Of(office, context.Instance.Id);
        return new Dictionary<string, Value>(StringComparer.Ordinal)
        {
            ["meetingOver"] = Value.From(meeting.EndsAt <= context.Now),
        };
    }
}

/// <summary><c>meeting.minutes</c> (纪要): files the organiser's minutes (<c>minutes</c>, 10 to 20,000
/// characters) with the meeting.</summary>
public sealed class FileMinutes : IServiceTaskHandler
{
    public const int MinLength = 10, MaxLength = 20_000;

    public IReadOnlyDictionary<string, Value> Invoke(ServiceTaskContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var minutes = LeaveVariables.OptionalText(context, "minutes")?.Trim() ?? "";
        if (minutes.Length is < MinLength or > MaxLength)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.MeetingMinutesLength(MinLength, MaxLength),
                "minutes");
        }
        using var office = OfficeDbContext.Joining(context.Db);
        var meeting = RequestMeeting.Of(office, context.Instance.Id);
        (meeting.Minutes, meeting.State, meeting.ChangedAt) = (minutes, MeetingStates.Minuted,
            context.Now.ToUniversalTime());
        office.SaveChanges();
        return new Dictionary<string, Value>(StringComparer.Ordinal);
    }
}
