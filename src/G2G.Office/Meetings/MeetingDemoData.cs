using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Meetings;

/// <summary>The meeting rooms of the demo province.</summary>
internal static class MeetingDemoData
{
    private static readonly (string Agency, string Code, string Name, int Capacity)[] Rooms =
    [
        ("sf", "101", "省政府第一会议室", 40), ("sf-office", "201", "办公厅常务会议室", 20),
        ("sf-fin", "301", "财政厅三楼会议室", 16), ("sf-fin", "302", "小会议室", 8),
        ("sf-edu", "201", "教育厅会议室", 24), ("dc-fin", "101", "东城市财政局会议室", 12),
    ];

    /// <summary>Adds the rooms; does nothing when any room exists already.</summary>
    public static async Task<int> SeedAsync(OfficeDbContext office, CancellationToken cancellationToken)
    {
        if (await office.Set<MeetingRoomRecord>().AnyAsync(cancellationToken).ConfigureAwait(false))
            return 0;
        foreach (var r in Rooms)
            office.Add(new MeetingRoomRecord { AgencyId = r.Agency, Code = r.Code, Name = r.Name, Capacity = r.Capacity });
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Rooms.Length;
    }
}
