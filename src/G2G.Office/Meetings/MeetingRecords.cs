namespace G2G.Office.Meetings;

/// <summary>
/// A meeting room of an agency (<c>office_meeting_rooms</c>). <see cref="BookingStamp"/> is raised by every booking:
/// that update locks the row, so two requests for the same room take turns.
/// </summary>
public sealed class MeetingRoomRecord : IAgencyItem
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }

    /// <summary>The code the organiser types (e.g. <c>301</c>), unique within the agency.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>Seats, the organiser included.</summary>
    public int Capacity { get; set; }

    public bool IsActive { get; set; } = true;
    public long BookingStamp { get; set; }
}

/// <summary>The meeting of one 会议申请 instance (<c>office_meetings</c>): its room and hours, who attends, the
/// minutes.</summary>
public sealed class MeetingRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string AgencyId { get; set; }
    public required string OrganiserId { get; set; }
    public long RoomId { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public required string Subject { get; set; }

    /// <summary>The attendees' user ids, comma-separated (the organiser not included).</summary>
    public required string Attendees { get; set; }

    /// <summary><see cref="MeetingStates"/>.</summary>
    public required string State { get; set; }

    public string? Minutes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }
}

/// <summary>States of a meeting; a <see cref="Held"/> or <see cref="Booked"/> meeting holds its room for its
/// hours.</summary>
public static class MeetingStates
{
    public const string Held = "held", Booked = "booked", Minuted = "minuted", Rejected = "rejected";

    /// <summary>The states that keep the room.</summary>
    public static readonly string[] Holding = [Held, Booked, Minuted];
}
