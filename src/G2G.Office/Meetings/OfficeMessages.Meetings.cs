using G2G.Runtime;

namespace G2G.Office;

// 会议申请: the messages of Meetings/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText MeetingInThePast() => Catalog.Text(nameof(MeetingInThePast));
    public static RuntimeText MeetingEndsBeforeStart() => Catalog.Text(nameof(MeetingEndsBeforeStart));
    public static RuntimeText MeetingNoAttendees() => Catalog.Text(nameof(MeetingNoAttendees));
    public static RuntimeText MeetingTooManyAttendees(int max) => Catalog.Text(nameof(MeetingTooManyAttendees), max);
    public static RuntimeText MeetingAttendeeUnknown(string userId) => Catalog.Text(nameof(MeetingAttendeeUnknown), userId);
    public static RuntimeText MeetingRoomNotFound(string code) => Catalog.Text(nameof(MeetingRoomNotFound), code);
    public static RuntimeText MeetingRoomTooSmall(string room, int capacity, int people) => Catalog.Text(nameof(MeetingRoomTooSmall), room, capacity, people);
    public static RuntimeText MeetingRoomTaken(string room, string span, string subject, long instanceId) => Catalog.Text(nameof(MeetingRoomTaken), room, span, subject, instanceId);
    public static RuntimeText MeetingMinutesLength(int min, int max) => Catalog.Text(nameof(MeetingMinutesLength), min, max);
    public static RuntimeText MeetingRoomMissing(long id) => Catalog.Text(nameof(MeetingRoomMissing), id);
    public static RuntimeText MeetingRoomCodeLength() => Catalog.Text(nameof(MeetingRoomCodeLength));
    public static RuntimeText MeetingRoomNameLength() => Catalog.Text(nameof(MeetingRoomNameLength));
    public static RuntimeText MeetingRoomCapacityRange(int max) => Catalog.Text(nameof(MeetingRoomCapacityRange), max);
    public static RuntimeText MeetingRoomCodeTaken(string code, string agencyId) => Catalog.Text(nameof(MeetingRoomCodeTaken), code, agencyId);
}
