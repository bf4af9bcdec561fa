using G2G.Engine.Expressions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Hosting;

/// <summary>
/// Work in every state for the demo province, so every inbox, dashboard and report shows something on the first
/// start: 请假 requests waiting at each approval step, overdue ones (started days ago, their reminders due), sent back
/// for correction, rejected and completed; 出差申请 and 差旅报销 (DemoWork.Travel.cs), 会议申请 (DemoWork.Meetings.cs) and 公文
/// (DemoWork.Documents.cs: dispatched, awaiting signature, in review), 办公用品领用, 用车申请, 培训报名, 司法档案调阅 and 业绩评价
/// (DemoWork.Office.cs) in their states likewise. Each is
/// driven through the runtime as people would, at an earlier time (<see cref="ShiftedClock"/>), so deadlines, jobs,
/// history and audit are what they would be.
/// </summary>
internal static partial class DemoWork
{
    /// <summary>Who asks for leave, when (working days ago), for how long, and how far it got.</summary>
    private static readonly (string User, int DaysAgo, int Days, string Outcome)[] Requests =
    [
        ("zheng.kai", 0, 1, "at-head"), ("he.na", 0, 2, "at-head"), ("ma.lin", 6, 1, "at-head"),
        ("wu.fang", 4, 2, "at-deputy"), ("zheng.kai", 9, 5, "at-principal"), ("chen.jing", 1, 3, "sent-back"),
        ("he.na", 12, 1, "rejected"), ("ma.lin", 20, 2, "completed"), ("zhang.min", 15, 1, "completed"),
        ("wu.fang", 25, 3, "reporting-back"),
    ];

    /// <summary>Runs once, on a database without instances; returns how many instances it started.</summary>
    public static async Task<int> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var db = services.GetRequiredService<G2GDbContext>();
        if (await db.Set<ProcessInstanceRecord>().AnyAsync(cancellationToken)
            || !await db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == "leave", cancellationToken))
            return 0;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var started = 0;
        foreach (var (user, daysAgo, days, outcome) in Requests)
        {
            var clock = new ShiftedClock(now.AddDays(-daysAgo * 7 / 5 - 1)); // working days back to calendar days
            var instances = ActivatorUtilities.CreateInstance<InstanceService>(services, (TimeProvider)clock);
            var agency = await db.Users.AsNoTracking().Where(u => u.Id == user).Select(u => u.AgencyId).SingleAsync(cancellationToken);
            var id = await instances.StartAsync(new StartInstance("leave", null, Title: $"请假申请（{days} 天）", Initiator: user, AgencyId: agency), cancellationToken);
            var (from, to) = Period(clock.GetUtcNow(), days);
            await CompleteAsync(instances, db, id, "apply", user, cancellationToken,
                ("leaveType", "annual"), ("startDate", from), ("endDate", to), ("reason", "家中有事，需请假处理"));
            await AdvanceAsync(instances, db, clock, id, user, outcome, cancellationToken);
            started++;
        }
        return started + await SeedTravelAsync(services, db, now, cancellationToken)
            + await SeedMeetingsAsync(services, db, now, cancellationToken)
            + await SeedDocumentsAsync(services, db, now, cancellationToken)
            + await SeedOfficeAsync(services, db, now, cancellationToken);
    }

    private static async Task AdvanceAsync(InstanceService instances, G2GDbContext db, ShiftedClock clock, long id, string user,
        string outcome, CancellationToken cancellationToken)
    {
        if (outcome == "sent-back")
        {
            var head = await OpenTaskAsync(db, id, cancellationToken);
            await instances.SendBackAsync(head.Id, head.Assignee!, "apply", comment: "请补充工作交接安排后再提交。", cancellationToken: cancellationToken);
            return;
        }
        var target = outcome switch { "at-head" => "head", "at-deputy" => "deputy", "at-principal" => "principal", _ => null };
        while (await OpenTaskOrNullAsync(db, id, cancellationToken) is { ElementId: "head" or "deputy" or "principal" } step
               && step.ElementId != target)
        {
            clock.Advance(TimeSpan.FromHours(3));
            var decision = outcome == "rejected" ? "reject" : "approve";
            await CompleteAsync(instances, db, id, step.ElementId, step.Assignee!, cancellationToken, ("decision", decision));
        }
        if (outcome is not ("completed" or "reporting-back"))
            return;
        await CompleteAsync(instances, db, id, "arrange", user, cancellationToken);
        if (outcome == "completed")
        {
            var reportBack = await OpenTaskAsync(db, id, cancellationToken);
            clock.Advance(TimeSpan.FromDays(7));
            await CompleteAsync(instances, db, id, reportBack.ElementId, user, cancellationToken,
                ("returnDate", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }
    }

    private static async Task CompleteAsync(InstanceService instances, G2GDbContext db, long id, string elementId, string actor,
        CancellationToken cancellationToken, params (string Name, object? Value)[] values)
    {
        var task = await OpenTaskAsync(db, id, cancellationToken);
        if (task.ElementId != elementId)
            throw new InvalidOperationException($"Demo instance {id} waits at {task.ElementId}, not {elementId}.");
        var variables = values.ToDictionary(v => v.Name, v => Value.FromObject(v.Value), StringComparer.Ordinal);
        // A decision is the task's outcome too, as the task page gives it (a 票签 counts outcomes).
        var outcome = variables.GetValueOrDefault("decision") is StringValue decision ? decision.Value : null;
        await instances.CompleteTaskAsync(task.Id, actor, variables, outcome, outcome == "reject" ? "不同意。" : "同意。", cancellationToken);
    }

    private static async Task<TaskRecord> OpenTaskAsync(G2GDbContext db, long id, CancellationToken cancellationToken) =>
        await OpenTaskOrNullAsync(db, id, cancellationToken)
        ?? throw new InvalidOperationException($"Demo instance {id} has no open task.");

    private static Task<TaskRecord?> OpenTaskOrNullAsync(G2GDbContext db, long id, CancellationToken cancellationToken) =>
        db.Set<TaskRecord>().AsNoTracking().Where(t => t.InstanceId == id && t.State == TaskStates.Open)
            .OrderByDescending(t => t.Id).FirstOrDefaultAsync(cancellationToken);

    /// <summary>A leave of <paramref name="days"/> weekdays starting a week after <paramref name="at"/>, within one year.</summary>
    private static (string From, string To) Period(DateTimeOffset at, int days)
    {
        var from = DateOnly.FromDateTime(at.ToOffset(TimeSpan.FromHours(8)).DateTime).AddDays(7);
        while (from.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) from = from.AddDays(1);
        var to = from;
        for (var n = 1; n < days; n++)
        {
            to = to.AddDays(1);
            while (to.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) to = to.AddDays(1);
        }
        if (to.Year != from.Year)
            return Period(new DateTimeOffset(from.Year + 1, 1, 1, 9, 0, 0, TimeSpan.FromHours(8)).AddDays(-7), days);
        static string Text(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        return (Text(from), Text(to));
    }

    /// <summary>A clock standing at a chosen instant that the seed moves forward by hand.</summary>
    private sealed class ShiftedClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
