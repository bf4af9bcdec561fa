using G2G.Office.Meetings;
using G2G.Office.Persistence;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>The bureau of <see cref="BureauWorld"/> with two meeting rooms (301 seats 10, 302 seats 3), no
/// meetings.</summary>
public sealed class MeetingWorld(TestDatabase database) : IScenarioWorld
{
    public const string Large = "301", Small = "302";

    public BureauWorld Bureau { get; } = new(database, "mt", "会议测试局");

    public Task InitializeAsync() => Bureau.InitializeAsync(async s =>
    {
        var office = s.GetRequiredService<OfficeDbContext>();
        await office.Set<MeetingRecord>().ExecuteDeleteAsync();
        await office.Set<MeetingRoomRecord>().Where(r => r.AgencyId == "mt").ExecuteDeleteAsync();
        office.AddRange(
            new MeetingRoomRecord { AgencyId = "mt", Code = Large, Name = "三楼大会议室", Capacity = 10 },
            new MeetingRoomRecord { AgencyId = "mt", Code = Small, Name = "三楼小会议室", Capacity = 3 });
        await office.SaveChangesAsync();
    });

    public Task<long> StartAsync() => Bureau.StartAsync("meeting", Bureau.Clerk);

    /// <summary>填写会议申请 for a meeting on Tuesday 5 January 2027 between two times.</summary>
    public Task ApplyAsync(long instance, string from, string to, string room = Large, string? attendees = null,
        string day = "2027-01-05", string subject = "年度工作部署会") =>
        Bureau.CompleteAsync(instance, "apply", Bureau.Clerk, ("subject", subject), ("room", room), ("date", day),
            ("startTime", from), ("endTime", to), ("attendees", attendees ?? $"{Bureau.Clerk2}, {Bureau.Leader}"));

    public Task ApproveAsync(long instance, string decision = "approve") =>
        Bureau.CompleteAsync(instance, "head", Bureau.Head, ("decision", decision));

    /// <summary>A meeting applied for and approved: booked, its attendees notified.</summary>
    public async Task<long> BookedAsync(string from, string to, string room = Large)
    {
        var id = await StartAsync();
        await ApplyAsync(id, from, to, room);
        await ApproveAsync(id);
        return id;
    }

    public Task<MeetingRecord> MeetingAsync(long instance) => Bureau.Runtime.In(s =>
        s.GetRequiredService<OfficeDbContext>().Set<MeetingRecord>().AsNoTracking().SingleAsync(m =>
            m.InstanceId == instance));

    public Task<List<OutboxRecord>> NoticesAsync(long instance, string kind) => Bureau.Runtime.Query(db =>
        db.Set<OutboxRecord>().Where(o => o.InstanceId == instance && o.Kind == kind).OrderBy(o => o.Recipient)
            .ToListAsync());

    public ValueTask DisposeAsync() => Bureau.DisposeAsync();
}
