using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Office.Appraisal;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.BureauWorld;
using static G2G.Runtime.Tests.Runtime.LeaderEscalation;

namespace G2G.Office.Tests;

/// <summary>The shipped 业绩评价 procedure (workflows/office/appraisal) walked through the runtime: its form pre-filled
/// from the engine's own history of the year.</summary>
public abstract class AppraisalScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, AppraisalWorld>(database, new AppraisalWorld(database))
    where TDatabase : TestDatabase
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private BureauWorld Bureau => World.Bureau;

    [DatabaseFact]
    public async Task TheFormShowsTheYearsFiguresFromTheEnginesHistory_AndTheLeadersGradeIsRecorded()
    {
        // 2026's history in 法规处: in June the clerk writes a 个人总结 at once (on time), their head reviews it
        // twelve days later (after the 5 working days allowed), the leader decides at once (no department).
        Bureau.Runtime.Clock.Set(new DateTimeOffset(2026, 6, 1, 9, 0, 0, China));
        var lastYears = await World.StartAsync(Bureau.Clerk);
        Bureau.Runtime.Clock.Set(new DateTimeOffset(2026, 6, 13, 9, 0, 0, China));
        await World.ReviewAsync(lastYears);
        await World.DecideAsync(lastYears);
        Assert.Equal(2025, (await World.AppraisalAsync(lastYears)).Year);

        Bureau.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 4, 9, 0, 0, China));
        var id = await Bureau.StartAsync("appraisal", Bureau.Clerk);
        Assert.Equal(["self"], await Bureau.OpenStepsAsync(id));
        Assert.Equal(Bureau.Clerk, (await Bureau.Runtime.TaskAsync(id, "self")).Assignee);
        async Task<decimal> Number(string name) => Assert.IsType<NumberValue>(await Bureau.VariableAsync(id, name)).Value;
        Assert.Equal((2026m, 1m, 1m, 100m, 0m), (await Number("appraisalYear"), await Number("completed"), await Number("onTime"),
            await Number("onTimeRate"), await Number("openOverdue")));
        Assert.Equal((2m, 50m), (await Number("departmentCompleted"), await Number("departmentOnTimeRate")));
        Assert.True(await Number("departmentAverageHours") > 24 * 5, "the head's late review weighs on the department's average");
        Assert.Equal("法规处", Assert.IsType<StringValue>(await Bureau.VariableAsync(id, "departmentName")).Value);
        Assert.Equal("2026-01-01 — 2026-12-31", Assert.IsType<StringValue>(await Bureau.VariableAsync(id, "period")).Value);

        await Bureau.CompleteAsync(id, "self", Bureau.Clerk, ("summary", "全年办结事项均按时完成，无超期。"), ("selfGrade", AppraisalGrades.Excellent));
        Assert.Equal(Bureau.Head, (await Bureau.Runtime.TaskAsync(id, "head")).Assignee);
        await World.ReviewAsync(id, AppraisalGrades.Excellent);
        await World.DecideAsync(id, AppraisalGrades.Excellent);

        Assert.Equal("completed", await Bureau.InstanceStatusAsync(id));
        var recorded = await World.AppraisalAsync(id);
        Assert.Equal((AppraisalStates.Decided, AppraisalGrades.Excellent, AppraisalGrades.Excellent, AppraisalGrades.Excellent),
            (recorded.State, recorded.SelfGrade, recorded.ProposedGrade, recorded.Grade));
        Assert.Equal((2026, 1, 100m, 50m), (recorded.Year, recorded.Completed, recorded.OnTimeRate, recorded.DepartmentOnTimeRate));
        Assert.Equal("优秀", Assert.IsType<StringValue>(await Bureau.VariableAsync(id, "gradeName")).Value);

        var mine = await Appraisals(a => a.MineAsync(Bureau.Clerk, default));
        Assert.Equal([2026, 2025], mine.Select(a => a.Year));
    }

    [DatabaseFact]
    public async Task OnePerPersonAndYear_OfTwoStartedAtOnceOneIsRefused_AndATerminatedOneMayBeStartedAgain()
    {
        var first = await Bureau.StartAsync("appraisal", Bureau.Clerk);
        var twice = await Assert.ThrowsAsync<RuntimeException>(() => Bureau.StartAsync("appraisal", Bureau.Clerk));
        Assert.Contains($"(item {first})", twice.Message, StringComparison.Ordinal);

        var outcomes = await Task.WhenAll(Outcome(() => Bureau.StartAsync("appraisal", Bureau.Clerk2)),
            Outcome(() => Bureau.StartAsync("appraisal", Bureau.Clerk2)));
        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o is RuntimeException);

        await Bureau.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(first, "admin", "发起有误"));
        var again = await Bureau.StartAsync("appraisal", Bureau.Clerk);
        Assert.Equal(["self"], await Bureau.OpenStepsAsync(again));
    }

    [DatabaseFact]
    public async Task BadInputIsRefusedByField_TheFiguresCannotBeOverwritten_AndTheLeaderSendsBackToTheHead()
    {
        var id = await Bureau.StartAsync("appraisal", Bureau.Clerk);
        Assert.Equal("summary", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "self", Bureau.Clerk, ("selfGrade", AppraisalGrades.Competent))));
        Assert.Equal("summary", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "self", Bureau.Clerk, ("summary", "很好"), ("selfGrade", AppraisalGrades.Competent))));
        Assert.Equal("selfGrade", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "self", Bureau.Clerk, ("summary", "全年认真履行岗位职责。"), ("selfGrade", "great"))));
        Assert.Equal("onTimeRate", await RefusedFieldAsync(() => Bureau.CompleteAsync(id, "self", Bureau.Clerk, ("summary", "全年认真履行岗位职责。"),
            ("selfGrade", AppraisalGrades.Competent), ("onTimeRate", 100m))));
        await Bureau.CompleteAsync(id, "self", Bureau.Clerk, ("summary", "全年认真履行岗位职责。"), ("selfGrade", AppraisalGrades.Competent));

        Assert.Equal("proposedGrade", await RefusedFieldAsync(() => World.ReviewAsync(id, "")));
        await World.ReviewAsync(id, AppraisalGrades.Excellent);
        await Bureau.SendBackAsync(id, "leader", Bureau.Leader, "head");
        Assert.Equal(["head"], await Bureau.OpenStepsAsync(id));
        await World.ReviewAsync(id, AppraisalGrades.Competent);
        await World.DecideAsync(id, AppraisalGrades.Competent);
        Assert.Equal((AppraisalGrades.Competent, AppraisalGrades.Competent), ((await World.AppraisalAsync(id)).ProposedGrade, (await World.AppraisalAsync(id)).Grade));
    }

    [DatabaseFact]
    public async Task ThePersonWithdrawsTheirSummary_TheHeadAddsASignerBefore_ThenTheLeaderDecides()
    {
        var id = await World.StartAsync(Bureau.Clerk);
        await Bureau.Runtime.In(s => s.GetRequiredService<InstanceService>().WithdrawAsync(id, "self", Bureau.Clerk));
        Assert.Equal(["self"], await Bureau.OpenStepsAsync(id));
        await Bureau.CompleteAsync(id, "self", Bureau.Clerk, ("summary", "补充：全年无超期事项，按时办结率百分之百。"), ("selfGrade", AppraisalGrades.Excellent));

        var head = await Bureau.Runtime.TaskAsync(id, "head");
        await Bureau.Runtime.In(s => s.GetRequiredService<InstanceService>().AddSignerAsync(head.Id, Bureau.Head, Bureau.OfficeDirector,
            SignerPosition.Before, "请办公室先提出意见"));
        await Bureau.CompleteAsync(id, "head", Bureau.OfficeDirector, ("proposedGrade", AppraisalGrades.Competent));
        await World.ReviewAsync(id, AppraisalGrades.Excellent); // back with the head, who decides the proposal
        await World.DecideAsync(id, AppraisalGrades.Excellent);
        Assert.Equal((AppraisalGrades.Excellent, AppraisalStates.Decided), ((await World.AppraisalAsync(id)).ProposedGrade, (await World.AppraisalAsync(id)).State));
    }

    [DatabaseFact]
    public async Task ALeaderOutsideAnyDepartment_IsRefusedAtTheStart()
    {
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Bureau.StartAsync("appraisal", Bureau.Leader));
        Assert.Contains("belong to none", refused.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task TheHeadsDeadlinePasses_TheHeadIsReminded_ThenTheLeaderReceivesTheEscalation()
    {
        var id = await World.StartAsync(Bureau.Clerk);
        var head = await Bureau.Runtime.TaskAsync(id, "head");
        Bureau.Runtime.Clock.Set(head.DueAt!.Value.AddMinutes(-1));
        await Bureau.Runtime.RunJobsAsync();
        Assert.Equal(Bureau.Head, Assert.Single(await Bureau.NoticesAsync(id, "task.reminder")).Recipient);

        Bureau.Runtime.Clock.Set(head.DueAt.Value.AddDays(4));
        await Bureau.Runtime.RunJobsAsync();
        Assert.Equal(Bureau.Leader, Assert.Single(await Bureau.NoticesAsync(id, "task.escalated")).Recipient);
    }

    [DatabaseFact]
    public async Task AnAgencysAppraisals_AreReadBySupervisorsAndAdministrators_NotByStaff()
    {
        var id = await World.StartAsync(Bureau.Clerk);
        await World.ReviewAsync(id);
        await World.DecideAsync(id);

        var listed = Assert.Single(await Appraisals(a => a.AgencyAsync("ap", 2026, default)));
        Assert.Equal((id, Bureau.Clerk, AppraisalGrades.Competent), (listed.InstanceId, listed.UserId, listed.Grade));
        var clerk = new Caller(Bureau.Clerk, "ap", "ap-law", ClearanceLevel.Unclassified, [], [], ["ap"]);
        var forbidden = await Assert.ThrowsAsync<RuntimeException>(() => Appraisals(a => a.AgencyAsync("ap", 2026, default), clerk));
        Assert.Equal(RuntimeErrorCode.NotAllowed, forbidden.Code);
        var supervisor = new Caller("sup", "elsewhere", null, ClearanceLevel.Unclassified, [], [SystemRoles.Supervisor], ["elsewhere"]);
        var hidden = await Assert.ThrowsAsync<RuntimeException>(() => Appraisals(a => a.AgencyAsync("ap", 2026, default), supervisor));
        Assert.Equal(RuntimeErrorCode.NotFound, hidden.Code);
    }

    private Task<T> Appraisals<T>(Func<AppraisalService, Task<T>> work, Caller? caller = null) =>
        Bureau.Runtime.In(s =>
        {
            if (caller is not null)
                s.GetRequiredService<CallerContext>().Current = caller;
            return work(s.GetRequiredService<AppraisalService>());
        });

    [DatabaseFact]
    public async Task TheLeadersDecision_IsEscalatedToTheOfficeDirector_TwoWorkingDaysOverdue()
    {
        var id = await World.StartAsync(Bureau.Clerk);
        Bureau.Runtime.Clock.Set(January2027(6)); // Wednesday: due in 5 working days, the next Wednesday; escalated on Friday

        await World.ReviewAsync(id);

        await LeaderEscalation.AssertAsync(Bureau.Runtime, id, "leader", Bureau.Leader, January2027(13), January2027(15), Bureau.OfficeDirector);
    }
}

public sealed class SqliteAppraisalScenarioTests(SqliteTestDatabase database) : AppraisalScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresAppraisalScenarioTests(PostgresTestDatabase database) : AppraisalScenarioTests<PostgresTestDatabase>(database);
