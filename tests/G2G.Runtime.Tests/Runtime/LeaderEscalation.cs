using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// The deadline of a leader's own step in a shipped procedure, checked on the working-day calendar: the step is due on
/// the expected working day, its holder is reminded before, nothing is escalated a minute before the expected working
/// day although a weekend has already passed in calendar time, and a minute after, one escalation (督办) reaches the
/// person the step names and their in-app inbox.
/// </summary>
public static class LeaderEscalation
{
    /// <summary>January 2027 at <paramref name="hour"/>:00 China Standard Time (the 4th is a Monday).</summary>
    public static DateTimeOffset January2027(int day, int hour = 9) => new(2027, 1, day, hour, 0, 0, TimeSpan.FromHours(8));

    public static async Task AssertAsync(RuntimeHarness runtime, long instance, string step, string leader, DateTimeOffset due,
        DateTimeOffset escalatesAt, string escalatedTo)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var task = await runtime.TaskAsync(instance, step);
        Assert.Equal((leader, due), (task.Assignee, task.DueAt));

        runtime.Clock.Set(due.AddMinutes(-1));
        await runtime.RunJobsAsync();
        Assert.Equal([leader], (await NoticesAsync(runtime, task.Id, EventKinds.TaskReminder)).Select(n => n.Recipient));

        runtime.Clock.Set(escalatesAt.AddMinutes(-1));
        await runtime.RunJobsAsync();
        Assert.Contains(await NoticesAsync(runtime, task.Id, EventKinds.TaskOverdue), n => n.Recipient == leader);
        Assert.Empty(await NoticesAsync(runtime, task.Id, EventKinds.TaskEscalated));

        runtime.Clock.Set(escalatesAt.AddMinutes(1));
        await runtime.RunJobsAsync();
        await runtime.DispatchOutboxAsync();
        Assert.Equal([escalatedTo], (await NoticesAsync(runtime, task.Id, EventKinds.TaskEscalated)).Select(n => n.Recipient));
        Assert.True(await runtime.Query(db => db.Set<NotificationRecord>()
            .AnyAsync(n => n.UserId == escalatedTo && n.TaskId == task.Id && n.Kind == EventKinds.TaskEscalated)));
        Assert.Empty(await runtime.Query(db => db.Set<IncidentRecord>().Where(i => i.InstanceId == instance).ToListAsync()));
    }

    private static Task<List<OutboxRecord>> NoticesAsync(RuntimeHarness runtime, long taskId, string kind) =>
        runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.TaskId == taskId && o.Kind == kind).OrderBy(o => o.Id).ToListAsync());
}
