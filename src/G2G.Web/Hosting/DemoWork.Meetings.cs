using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Hosting;

internal static partial class DemoWork
{
    /// <summary>
    /// Who calls which meeting of 示范省财政厅, when the request was sent (calendar days ago), in which room, how many days
    /// after the request the meeting is, who attends and how far it got: at the head, sent back, rejected, booked (ahead),
    /// and booked and held (its minutes fall due once the job runner's daily check sees it ended).
    /// </summary>
    private static readonly (string User, int DaysAgo, string Room, int DaysAhead, string Subject, string Attendees, string Outcome)[] Meetings =
    [
        ("zheng.kai", 0, "301", 2, "预算编制工作推进会", "wu.fang,he.na,huang.qiang", "at-head"),
        ("ma.lin", 1, "302", 3, "政府采购意向公开协调会", "he.na,zhang.min", "sent-back"),
        ("he.na", 2, "301", 2, "财务报销流程培训", "ma.lin,zheng.kai", "rejected"),
        ("zheng.kai", 1, "302", 4, "预算一科业务学习", "wu.fang,huang.qiang", "booked"),
        ("ma.lin", 6, "301", 2, "办公用品采购需求汇总会", "he.na,zhang.min,zheng.kai", "booked"),
    ];

    /// <summary>Drives the meetings through 会议申请, each in its own hours so that none is refused as double
    /// booked.</summary>
    private static async Task<int> SeedMeetingsAsync(IServiceProvider services, G2GDbContext db, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!await db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == "meeting", cancellationToken))
            return 0;
        var hour = 9;
        foreach (var (user, daysAgo, room, daysAhead, subject, attendees, outcome) in Meetings)
        {
            var clock = new ShiftedClock(now.AddDays(-daysAgo).AddHours(-1));
            var instances = ActivatorUtilities.CreateInstance<InstanceService>(services, (TimeProvider)clock);
            var id = await instances.StartAsync(new StartInstance("meeting", null, Title: $"会议申请（{subject}）", Initiator: user,
                AgencyId: "sf-fin"), cancellationToken);
            var day = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime).AddDays(daysAhead);
            await CompleteAsync(instances, db, id, "apply", user, cancellationToken, ("subject", subject), ("room", room),
                ("date", Day(day)), ("startTime", $"{hour:00}:00"), ("endTime", $"{hour + 1:00}:30"), ("attendees", attendees));
            hour += 2;
            if (outcome == "at-head")
                continue;
            var head = await OpenTaskAsync(db, id, cancellationToken);
            Advance(clock, now, TimeSpan.FromHours(2));
            if (outcome == "sent-back")
            {
                await instances.SendBackAsync(head.Id, head.Assignee!, "apply", comment: "请改在下午召开，上午会议室已排满。",
                    cancellationToken: cancellationToken);
                continue;
            }
            await CompleteAsync(instances, db, id, "head", head.Assignee!, cancellationToken,
                ("decision", outcome == "rejected" ? "reject" : "approve"));
        }
        return Meetings.Length;
    }
}
