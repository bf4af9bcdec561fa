using G2G.Office.Training;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.BureauWorld;
using static G2G.Office.Tests.TrainingWorld;

namespace G2G.Office.Tests;

/// <summary>The shipped 培训报名 procedure (workflows/office/training) walked through the runtime with its
/// courses.</summary>
public abstract class TrainingScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, TrainingWorld>(database, new TrainingWorld(database))
    where TDatabase : TestDatabase
{

    private BureauWorld Bureau => World.Bureau;


    [DatabaseFact]
    public async Task TheFirstApprovedGetsTheSeat_TheNextWaits_AndMovesUpWhenTheSeatIsCancelled()
    {
        var first = await World.RegisterAsync(Bureau.Clerk);
        var second = await World.RegisterAsync(Bureau.Clerk2);
        Assert.Equal(Bureau.Head, (await Bureau.Runtime.TaskAsync(first, "head")).Assignee);
        await World.ApproveAsync(first);
        await World.ApproveAsync(second);

        Assert.Equal(TrainingStates.Enrolled, (await World.RegistrationAsync(first)).State);
        Assert.Equal(TrainingStates.Waiting, (await World.RegistrationAsync(second)).State);
        Assert.Equal(1, (await World.CourseAsync()).Enrolled);
        Assert.Equal("completed", await Bureau.InstanceStatusAsync(second));

        var clerk = new Caller(Bureau.Clerk, "tn", "tn-law", ClearanceLevel.Unclassified, [], [], ["tn"]);
        var stranger = await Assert.ThrowsAsync<RuntimeException>(() => Training(t => t.CancelAsync(second, Bureau.Clerk, default), clerk));
        Assert.Equal(RuntimeErrorCode.NotFound, stranger.Code);
        await Training(t => t.CancelAsync(first, Bureau.Clerk, default), clerk);

        Assert.Equal(TrainingStates.Cancelled, (await World.RegistrationAsync(first)).State);
        Assert.Equal(TrainingStates.Enrolled, (await World.RegistrationAsync(second)).State);
        Assert.Equal(1, (await World.CourseAsync()).Enrolled);
        var notice = Assert.Single(await Bureau.Runtime.Query(db => db.Set<OutboxRecord>()
            .Where(o => o.Kind == "training.seat").ToListAsync()));
        Assert.Equal((Bureau.Clerk2, second), (notice.Recipient, notice.InstanceId));
        var again = await Assert.ThrowsAsync<RuntimeException>(() => Training(t => t.CancelAsync(first, Bureau.Clerk, default), clerk));
        Assert.Equal(RuntimeErrorCode.Conflict, again.Code);

        await Training(t => t.CancelAsync(second, "admin", default));
        Assert.Equal(0, (await World.CourseAsync()).Enrolled); // nobody waits: the seat goes back to the course
    }

    [DatabaseFact]
    public async Task ConcurrentApprovals_NeverExceedTheCapacity()
    {
        var first = await World.RegisterAsync(Bureau.Clerk);
        var second = await World.RegisterAsync(Bureau.Clerk2);

        await Task.WhenAll(World.ApproveAsync(first), World.ApproveAsync(second));

        var states = new[] { (await World.RegistrationAsync(first)).State, (await World.RegistrationAsync(second)).State };
        Assert.Single(states, s => s == TrainingStates.Enrolled);
        Assert.Single(states, s => s == TrainingStates.Waiting);
        Assert.Equal(1, (await World.CourseAsync()).Enrolled);
    }

    [DatabaseFact]
    public async Task ARejectedRegistration_TakesNoSeat_AndMayBeMadeAgain()
    {
        var rejected = await World.RegisterAsync(Bureau.Clerk);
        await World.ApproveAsync(rejected, "reject");
        Assert.Equal(TrainingStates.Rejected, (await World.RegistrationAsync(rejected)).State);

        var again = await World.RegisterAsync(Bureau.Clerk);
        await World.ApproveAsync(again);
        Assert.Equal(TrainingStates.Enrolled, (await World.RegistrationAsync(again)).State);
    }

    [DatabaseFact]
    public async Task BadRegistrations_AreRefusedOnTheCourseField()
    {
        var id = await Bureau.StartAsync("training", Bureau.Clerk);
        Assert.Equal("course", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "apply", Bureau.Clerk, ("course", "PX-99"), ("reason", "学习"))));
        var begun = await Assert.ThrowsAsync<RuntimeException>(() => Bureau.CompleteAsync(id, "apply", Bureau.Clerk, ("course", Begun), ("reason", "学习")));
        Assert.Contains("began on 2027-01-04", begun.Message, StringComparison.Ordinal);
        await Bureau.CompleteAsync(id, "apply", Bureau.Clerk, ("course", Course), ("reason", "学习"));

        var twice = await Bureau.StartAsync("training", Bureau.Clerk);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Bureau.CompleteAsync(twice, "apply", Bureau.Clerk, ("course", Course), ("reason", "学习")));
        Assert.Contains($"(request {id})", refused.Message, StringComparison.Ordinal);
        Assert.Equal(["apply"], await Bureau.OpenStepsAsync(twice));
    }

    [DatabaseFact]
    public async Task CoursesAreKeptByAdministrators_Audited_AndTheCapacityNeverDropsBelowTheEnrolled()
    {
        var added = await Training(t => t.SaveCourseAsync(null, new TrainingCourseChange("tn", "PX-02", "依法行政专题", new DateOnly(2027, 3, 1), 40, null), "admin", default));
        Assert.Equal((40, 0), (added.Capacity, added.Enrolled));
        var first = await World.RegisterAsync(Bureau.Clerk);
        await World.ApproveAsync(first);
        var course = await World.CourseAsync();

        var tooSmall = await Assert.ThrowsAsync<RuntimeException>(() => Training(t => t.SaveCourseAsync(course.Id, new TrainingCourseChange(null, null, null, null, 0, null), "admin", default)));
        Assert.Equal(RuntimeErrorCode.Invalid, tooSmall.Code);
        var duplicate = await Assert.ThrowsAsync<RuntimeException>(() => Training(t => t.SaveCourseAsync(null, new TrainingCourseChange("tn", Course, "重名", new DateOnly(2027, 3, 1), 5, null), "admin", default)));
        Assert.Equal(RuntimeErrorCode.Conflict, duplicate.Code);
        var clerk = new Caller(Bureau.Clerk, "tn", "tn-law", ClearanceLevel.Unclassified, [], [], ["tn"]);
        var forbidden = await Assert.ThrowsAsync<RuntimeException>(() => Training(t => t.SaveCourseAsync(course.Id, new TrainingCourseChange(null, null, null, null, 5, null), Bureau.Clerk, default), clerk));
        Assert.Equal(RuntimeErrorCode.NotAllowed, forbidden.Code);
        Assert.Equal(1, await Bureau.Runtime.Query(db => db.Set<AuditRecord>().CountAsync(a => a.Action == "training-course.saved" && a.Outcome == "tn/PX-02")));

        var listed = (await Training(t => t.CoursesAsync("tn", default))).Single(c => c.Code == Course);
        Assert.Equal((1, 1), (listed.Capacity, listed.Enrolled));
        Assert.Equal([first], (await Training(t => t.RegistrationsAsync(course.Id, default))).Select(r => r.InstanceId));
    }

    [DatabaseFact]
    public async Task TheHeadsDeadlinePasses_TheHeadIsReminded_ThenThePrincipalLeaderReceivesTheEscalation()
    {
        var id = await World.RegisterAsync(Bureau.Clerk);
        var head = await Bureau.Runtime.TaskAsync(id, "head");
        Assert.Equal(new DateTimeOffset(2027, 1, 6, 9, 0, 0, TimeSpan.FromHours(8)), head.DueAt); // 2 working days

        Bureau.Runtime.Clock.Set(head.DueAt!.Value.AddMinutes(-1));
        await Bureau.Runtime.RunJobsAsync();
        var reminder = Assert.Single(await Bureau.NoticesAsync(id, "task.reminder"));
        Assert.Equal((Bureau.Head, head.Id), (reminder.Recipient, reminder.TaskId));
        Assert.Empty(await Bureau.NoticesAsync(id, "task.escalated"));

        Bureau.Runtime.Clock.Set(head.DueAt.Value.AddDays(2));
        await Bureau.Runtime.RunJobsAsync();
        Assert.Contains(await Bureau.NoticesAsync(id, "task.overdue"), n => n.Recipient == Bureau.Head);
        Assert.Equal(Bureau.Leader, Assert.Single(await Bureau.NoticesAsync(id, "task.escalated")).Recipient);
        await World.ApproveAsync(id); // late, but still the head's to decide
        Assert.Equal(TrainingStates.Enrolled, (await World.RegistrationAsync(id)).State);
    }

    private Task<T> Training<T>(Func<TrainingService, Task<T>> work, Caller? caller = null) =>
        Bureau.Runtime.In(s =>
        {
            if (caller is not null)
                s.GetRequiredService<CallerContext>().Current = caller;
            return work(s.GetRequiredService<TrainingService>());
        });
}

public sealed class SqliteTrainingScenarioTests(SqliteTestDatabase database) : TrainingScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresTrainingScenarioTests(PostgresTestDatabase database) : TrainingScenarioTests<PostgresTestDatabase>(database);
