using System.Globalization;
using G2G.Office.Meetings;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.BureauWorld;
using static G2G.Office.Tests.MeetingWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 会议申请 procedure (workflows/office/meeting) walked through the runtime with its rooms.</summary>
public abstract class MeetingScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, MeetingWorld>(database, new MeetingWorld(database))
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private BureauWorld Bureau => World.Bureau;

    [DatabaseFact]
    public async Task AMeeting_IsApproved_Booked_ItsAttendeesNotified_AndItsMinutesFiledAfterItEnded()
    {
        var id = await World.StartAsync();
        await World.ApplyAsync(id, "09:00", "10:30");
        Assert.Equal(MeetingStates.Held, (await World.MeetingAsync(id)).State);
        Assert.Equal(["head"], await Bureau.OpenStepsAsync(id));

        await World.ApproveAsync(id);

        Assert.Equal(MeetingStates.Booked, (await World.MeetingAsync(id)).State);
        var notices = await World.NoticesAsync(id, ConfirmMeeting.NoticeKind);
        Assert.Equal([Bureau.Clerk2, Bureau.Leader], notices.Select(n => n.Recipient));
        Assert.Contains("年度工作部署会", notices[0].Subject, StringComparison.Ordinal);
        Assert.Contains("2027-01-05 09:00–10:30，三楼大会议室", notices[0].Body, StringComparison.Ordinal);
        await Bureau.Runtime.DispatchOutboxAsync();
        var inbox = await Bureau.Runtime.Query(db => db.Set<NotificationRecord>()
            .Where(n => n.UserId == Bureau.Leader && n.InstanceId == id).ToListAsync());
        Assert.Equal(ConfirmMeeting.NoticeKind, Assert.Single(inbox).Kind);

        // The daily check before the meeting has ended leaves the minutes for later.
        Bureau.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 5, 10, 0, 0, China));
        Assert.True(await Bureau.Runtime.RunJobsAsync() > 0);
        Assert.Empty(await Bureau.OpenStepsAsync(id));
        Bureau.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 6, 11, 0, 0, China));
        Assert.True(await Bureau.Runtime.RunJobsAsync() > 0);
        var minutes = await Bureau.Runtime.TaskAsync(id, "minutes");
        Assert.Equal(Bureau.Clerk, minutes.Assignee);
        Assert.NotNull(minutes.DueAt);

        await Bureau.CompleteAsync(id, "minutes", Bureau.Clerk, ("minutes", "一、部署2027年重点工作；二、明确分工与时限。"));

        var meeting = await World.MeetingAsync(id);
        Assert.Equal((MeetingStates.Minuted, "一、部署2027年重点工作；二、明确分工与时限。"), (meeting.State, meeting.Minutes));
        Assert.Equal(InstanceStatus.Completed, await Bureau.InstanceStatusAsync(id));
    }

    [DatabaseFact]
    public async Task AnOverlappingRequest_IsRefusedNamingTheMeetingThatHoldsTheRoom()
    {
        var booked = await World.BookedAsync("09:00", "10:30");
        var second = await World.StartAsync();

        var refused = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(second, "10:00", "11:00"));
        Assert.Equal(["room"], refused.FieldErrors!.Keys);
        Assert.Contains($"三楼大会议室 is booked 2027-01-05 09:00–10:30 for “年度工作部署会” (request {booked})", refused.Message,
            StringComparison.Ordinal);
        Assert.Contains($"已被预订：2027-01-05 09:00–10:30“年度工作部署会”（申请 {booked}）",
            refused.Text.In(CultureInfo.GetCultureInfo("zh-CN")), StringComparison.Ordinal);
        Assert.Equal(["apply"], await Bureau.OpenStepsAsync(second));

        await World.ApplyAsync(second, "10:30", "11:30", subject: "专题会"); // starts when the first ends
        var third = await World.StartAsync();
        var byHeld = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(third, "11:00", "12:00"));
        Assert.Contains($"for “专题会” (request {second})", byHeld.Message, StringComparison.Ordinal); // held, not yet approved
        await World.ApplyAsync(third, "11:00", "12:00", room: Small);
        Assert.Equal(MeetingStates.Held, (await World.MeetingAsync(third)).State);
    }

    [DatabaseFact]
    public async Task AMeetingWhoseInstanceAnAdministratorCancelled_HoldsTheRoomNoMore()
    {
        var cancelled = await World.BookedAsync("09:00", "10:00");
        await Bureau.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(cancelled, "admin", "会议取消"));

        var next = await World.StartAsync();
        await World.ApplyAsync(next, "09:00", "10:00");

        Assert.Equal(MeetingStates.Held, (await World.MeetingAsync(next)).State);
    }

    [DatabaseFact]
    public async Task TwoRequestsRacingForOneRoomAndHour_ExactlyOneWins()
    {
        var first = await World.StartAsync();
        var second = await World.StartAsync();

        var results = await Task.WhenAll(
            Outcome(() => World.ApplyAsync(first, "14:00", "15:00")),
            Outcome(() => World.ApplyAsync(second, "14:30", "15:30")));

        Assert.Single(results, r => r is null);
        var loser = Assert.IsType<RuntimeException>(Assert.Single(results, r => r is not null));
        Assert.Equal(RuntimeErrorCode.Invalid, loser.Code);
        var (winner, other) = results[0] is null ? (first, second) : (second, first);
        Assert.Contains($"(request {winner})", loser.Message, StringComparison.Ordinal);
        Assert.Equal(["head"], await Bureau.OpenStepsAsync(winner));
        Assert.Equal(["apply"], await Bureau.OpenStepsAsync(other));
    }

    [DatabaseFact]
    public async Task ARejectedOrCorrectedRequest_GivesItsHoursBack()
    {
        var rejected = await World.StartAsync();
        await World.ApplyAsync(rejected, "09:00", "10:00");
        await World.ApproveAsync(rejected, "reject");
        Assert.Equal(MeetingStates.Rejected, (await World.MeetingAsync(rejected)).State);
        Assert.Equal(InstanceStatus.Completed, await Bureau.InstanceStatusAsync(rejected));
        Assert.Empty(await World.NoticesAsync(rejected, ConfirmMeeting.NoticeKind));

        var moved = await World.StartAsync();
        await World.ApplyAsync(moved, "09:00", "10:00");
        await Bureau.SendBackAsync(moved, "head", Bureau.Head, "apply");
        await World.ApplyAsync(moved, "15:00", "16:00");
        var next = await World.BookedAsync("09:00", "10:00");

        Assert.Equal(MeetingStates.Booked, (await World.MeetingAsync(next)).State);
        Assert.Equal(new DateTimeOffset(2027, 1, 5, 7, 0, 0, TimeSpan.Zero), (await World.MeetingAsync(moved)).StartsAt);
    }

    [DatabaseFact]
    public async Task BadRequestValues_AreRefusedWithTheirField_AndNothingIsHeld()
    {
        var id = await World.StartAsync();

        Assert.Equal("date", await RefusedFieldAsync(() => World.ApplyAsync(id, "09:00", "10:00", day: "2027-01-01")));
        Assert.Equal("endTime", await RefusedFieldAsync(() => World.ApplyAsync(id, "10:00", "09:00")));
        Assert.Equal("startTime", await RefusedFieldAsync(() => World.ApplyAsync(id, "9点", "10:00")));
        Assert.Equal("attendees", await RefusedFieldAsync(() => World.ApplyAsync(id, "09:00", "10:00",
            attendees: $"{Bureau.Clerk2}, nobody")));
        Assert.Equal("attendees", await RefusedFieldAsync(() => World.ApplyAsync(id, "09:00", "10:00",
            attendees: Bureau.Clerk)));
        Assert.Equal("room", await RefusedFieldAsync(() => World.ApplyAsync(id, "09:00", "10:00", room: "999")));
        var small = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(id, "09:00", "10:00", room: Small,
            attendees: $"{Bureau.Clerk2}, {Bureau.Head}, {Bureau.Leader}"));
        Assert.Contains("三楼小会议室 seats 3, the meeting has 4 people", small.Message, StringComparison.Ordinal);

        Assert.Equal(["apply"], await Bureau.OpenStepsAsync(id));
        Assert.False(await Bureau.Runtime.In(s => s.GetRequiredService<Persistence.OfficeDbContext>()
            .Set<MeetingRecord>().AnyAsync(m => m.InstanceId == id)));
    }

    [DatabaseFact]
    public async Task TheMinutesDeadlinePasses_TheOrganiserIsReminded_ThenTheDepartmentHeadReceivesTheEscalation()
    {
        var id = await World.BookedAsync("09:00", "10:00");
        Bureau.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 5, 11, 0, 0, China));
        await Bureau.Runtime.RunJobsAsync();
        var minutes = await Bureau.Runtime.TaskAsync(id, "minutes");
        Assert.Equal("minutes", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "minutes", Bureau.Clerk,
            ("minutes", "已开"))));

        Bureau.Runtime.Clock.Set(minutes.DueAt!.Value.AddMinutes(-1));
        await Bureau.Runtime.RunJobsAsync();
        Assert.Equal(Bureau.Clerk, Assert.Single(await World.NoticesAsync(id, "task.reminder")).Recipient);
        Assert.Empty(await World.NoticesAsync(id, "task.escalated"));

        Bureau.Runtime.Clock.Set(minutes.DueAt.Value.AddDays(3));
        await Bureau.Runtime.RunJobsAsync();
        Assert.Contains(await World.NoticesAsync(id, "task.overdue"), n => n.Recipient == Bureau.Clerk);
        Assert.Equal(Bureau.Head, Assert.Single(await World.NoticesAsync(id, "task.escalated")).Recipient);
    }

    [DatabaseFact]
    public async Task RoomsAreKeptByAdministrators_Audited_AndTheScheduleShowsTheBookings()
    {
        var added = await Rooms(r => r.SaveRoomAsync(null, new MeetingRoomChange("mt", " 501 ", "五楼会议室", 30, null),
            "admin", default));
        Assert.Equal(("501", 30, true), (added.Code, added.Capacity, added.IsActive));
        var changed = await Rooms(r => r.SaveRoomAsync(added.Id, new MeetingRoomChange(null, null, null, 24, false), "admin",
            default));
        Assert.Equal(("五楼会议室", 24, false), (changed.Name, changed.Capacity, changed.IsActive));
        Assert.Equal(2, await Bureau.Runtime.Query(db => db.Set<AuditRecord>()
            .CountAsync(a => a.Action == "meeting-room.saved" && a.Outcome == "mt/501")));

        var duplicate = await Assert.ThrowsAsync<RuntimeException>(() => Rooms(r => r.SaveRoomAsync(null,
            new MeetingRoomChange("mt", Large, "重名", 10, null), "admin", default)));
        Assert.Equal(RuntimeErrorCode.Conflict, duplicate.Code);
        var capacity = await Assert.ThrowsAsync<RuntimeException>(() => Rooms(r => r.SaveRoomAsync(added.Id,
            new MeetingRoomChange(null, null, null, 1, null), "admin", default)));
        Assert.Equal(RuntimeErrorCode.Invalid, capacity.Code);
        var clerk = new Caller(Bureau.Clerk, "mt", "mt-law", ClearanceLevel.Unclassified, [], [], ["mt"]);
        var forbidden = await Assert.ThrowsAsync<RuntimeException>(() => Rooms(r => r.SaveRoomAsync(added.Id,
            new MeetingRoomChange(null, null, "改名", null, null), Bureau.Clerk, default), clerk));
        Assert.Equal(RuntimeErrorCode.NotAllowed, forbidden.Code);
        Assert.Equal("五楼会议室", (await Rooms(r => r.RoomsAsync("mt", default))).Single(r => r.Code == "501").Name);

        var booked = await World.BookedAsync("09:00", "10:00");
        var schedule = await Rooms(r => r.ScheduleAsync("mt", new DateOnly(2027, 1, 5), default));
        var row = Assert.Single(schedule);
        Assert.Equal((booked, Large, MeetingStates.Booked), (row.InstanceId, row.RoomCode, row.State));
        Assert.Equal([Bureau.Clerk2, Bureau.Leader], row.Attendees);
    }

    private Task<T> Rooms<T>(Func<MeetingRoomService, Task<T>> work, Caller? caller = null) =>
        Bureau.Runtime.In(s =>
        {
            if (caller is not null)
                s.GetRequiredService<CallerContext>().Current = caller;
            return work(s.GetRequiredService<MeetingRoomService>());
        });
}

public sealed class SqliteMeetingScenarioTests(SqliteTestDatabase database) : MeetingScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresMeetingScenarioTests(PostgresTestDatabase database) : MeetingScenarioTests<PostgresTestDatabase>(database);
