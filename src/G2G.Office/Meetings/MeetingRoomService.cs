using G2G.Office.Persistence;
using static G2G.Office.OfficeAdministration;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Meetings;

/// <summary>A meeting room as the API shows it.</summary>
public sealed record MeetingRoomView(long Id, string AgencyId, string Code, string Name, int Capacity, bool IsActive);

/// <summary>A meeting room or its changes (administrators); null keeps the current value.</summary>
public sealed record MeetingRoomChange(string? AgencyId, string? Code, string? Name, int? Capacity, bool? IsActive);

/// <summary>A meeting as a room's schedule shows it (times in UTC).</summary>
public sealed record MeetingView(long InstanceId, string AgencyId, string OrganiserId, string RoomCode,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, string Subject, IReadOnlyList<string> Attendees, string State,
    bool HasMinutes);

/// <summary>
/// The meeting rooms of 会议申请: everyone signed in reads the rooms and an agency's schedule; administrators add and
/// change rooms (audited on the organisation chain). Meetings change only through the procedure's handlers.
/// </summary>
public sealed class MeetingRoomService(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public const int MaxCapacity = 1000;

    public async Task<IReadOnlyList<MeetingRoomView>> RoomsAsync(string? agencyId, CancellationToken ct) =>
        [.. (await office.Set<MeetingRoomRecord>().AsNoTracking().Where(r => agencyId == null || r.AgencyId == agencyId)
            .OrderBy(r => r.AgencyId).ThenBy(r => r.Code).ToListAsync(ct).ConfigureAwait(false)).Select(View)];

    /// <summary>The meetings of an agency that end on or after a day (China Standard Time), rejected ones left
    /// out.</summary>
    public async Task<IReadOnlyList<MeetingView>> ScheduleAsync(string agencyId, DateOnly from, CancellationToken ct)
    {
        var since = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), Vehicles.FormValues.ChinaTime);
        var meetings = (await office.Set<MeetingRecord>().AsNoTracking()
            .Where(m => m.AgencyId == agencyId && m.State != MeetingStates.Rejected).ToListAsync(ct).ConfigureAwait(false))
            .Where(m => m.EndsAt >= since).OrderBy(m => m.StartsAt).ToList();
        var codes = await office.Set<MeetingRoomRecord>().AsNoTracking().Where(r => r.AgencyId == agencyId)
            .ToDictionaryAsync(r => r.Id, r => r.Code, ct).ConfigureAwait(false);
        return [.. meetings.Select(m => new MeetingView(m.InstanceId, m.AgencyId, m.OrganiserId, codes[m.RoomId],
            m.StartsAt, m.EndsAt, m.Subject, m.Attendees.Split(',', StringSplitOptions.RemoveEmptyEntries), m.State,
            m.Minutes is not null))];
    }

    /// <summary>Adds a room (<paramref name="id"/> null) or changes one.</summary>
    public async Task<MeetingRoomView> SaveRoomAsync(long? id, MeetingRoomChange change, string actor,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(change);
        AccessRefusals.RequireAdministrator(callers, "change the meeting rooms");
        var room = await FindOrAddAsync(office, id, OfficeMessages.MeetingRoomMissing, () => new MeetingRoomRecord
        {
            AgencyId = change.AgencyId ?? throw Invalid(RuntimeMessages.FieldRequired("agencyId")), Code = "", Name = "",
            Capacity = change.Capacity ?? throw Invalid(RuntimeMessages.FieldRequired("capacity")),
        }, ct).ConfigureAwait(false);
        await MoveToAgencyAsync(db, room, change.AgencyId, ct).ConfigureAwait(false);
        room.Code = Text(change.Code, room.Code, 20, OfficeMessages.MeetingRoomCodeLength());
        room.Name = Text(change.Name, room.Name, 100, OfficeMessages.MeetingRoomNameLength());
        room.Capacity = change.Capacity is null or (>= 2 and <= MaxCapacity)
            ? change.Capacity ?? room.Capacity
            : throw Invalid(OfficeMessages.MeetingRoomCapacityRange(MaxCapacity));
        room.IsActive = change.IsActive ?? room.IsActive;
        await SaveUniqueAsync(office, room, OfficeMessages.MeetingRoomCodeTaken, ct).ConfigureAwait(false);
        await OfficeAdministration.AuditAsync(db, clock, actor, "meeting-room.saved", $"{room.AgencyId}/{room.Code}",
            $"{room.Name} {room.Capacity} seats{(room.IsActive ? "" : " inactive")}", ct).ConfigureAwait(false);
        return View(room);
    }

    private static MeetingRoomView View(MeetingRoomRecord r) => new(r.Id, r.AgencyId, r.Code, r.Name, r.Capacity,
        r.IsActive);
}
