using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.RegulationWorld;
using static G2G.Runtime.Tests.Runtime.LeaderEscalation;

namespace G2G.Office.Tests;

/// <summary>The shipped 政策法规发布 procedure (workflows/office/regulation) walked through the runtime into the library.</summary>
public abstract class RegulationScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, RegulationWorld>(database, new RegulationWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task ADraft_PassesLegalReview_EveryDepartmentCountersigns_TheLeaderSigns_AndItIsPublished()
    {
        var id = await World.StartAsync();
        await World.DraftAsync(id, "示规〔2027〕1号", departments: ["rg-fin", "rg-hr"]);
        Assert.Equal(Lawyer, (await World.Runtime.TaskAsync(id, "legal")).Assignee);
        await World.DecideAsync(id, "legal", Lawyer);

        var countersign = await World.Runtime.OpenTasksAsync(id);
        Assert.Equal([Finance, Personnel], countersign.Select(t => t.Assignee).Order(StringComparer.Ordinal));
        await World.CompleteAsync(id, "countersign", Finance);
        Assert.Equal(["countersign"], await World.OpenStepsAsync(id)); // 会签: everyone, not a share
        Assert.Null(await World.RuleAsync("示规〔2027〕1号"));
        await World.CompleteAsync(id, "countersign", Personnel);
        await World.DecideAsync(id, "sign", Leader);

        var rule = await World.RuleAsync("示规〔2027〕1号");
        Assert.NotNull(rule);
        Assert.Equal(("公务接待管理办法", new DateOnly(2027, 2, 1), (DateOnly?)null), (rule.Title, rule.EffectiveOn, rule.RepealedOn));
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
        var found = await World.Library(l => l.SearchAsync("厉行节约", null, default));
        Assert.Equal(["示规〔2027〕1号"], found.Select(r => r.DocumentNumber));
        Assert.Null(found[0].Body);
        Assert.Contains("厉行节约", (await World.Library(l => l.GetAsync(rule.Id, default))).Body, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task ASuccessor_SupersedesTheOldRule_FromItsEffectiveDate_AndTheOldOneLinksToIt()
    {
        await World.PublishAsync("示规〔2027〕2号", "差旅费管理办法", "住宿费标准按城市类别执行。", "2027-01-10");
        await World.PublishAsync("示规〔2027〕3号", "差旅费管理办法（修订）", "住宿费标准按城市类别和职级执行。", "2027-03-01",
            supersedes: "示规〔2027〕2号");

        var old = await World.RuleAsync("示规〔2027〕2号");
        var successor = await World.RuleAsync("示规〔2027〕3号");
        Assert.Equal((new DateOnly(2027, 3, 1), successor!.Id), (old!.RepealedOn, old.SupersededById));
        Assert.Equal("示规〔2027〕3号", (await World.Library(l => l.GetAsync(old.Id, default))).SupersededByNumber);
        async Task<IEnumerable<string>> InForce(DateOnly day) =>
            (await World.Library(l => l.SearchAsync("住宿费", day, default))).Select(r => r.DocumentNumber);
        Assert.Empty(await InForce(new DateOnly(2027, 1, 9)));
        Assert.Equal(["示规〔2027〕2号"], await InForce(new DateOnly(2027, 2, 28)));
        Assert.Equal(["示规〔2027〕3号"], await InForce(new DateOnly(2027, 3, 1)));

        var again = await World.StartAsync(); // a rule is superseded once
        var refused = await Assert.ThrowsAsync<RuntimeException>(() =>
            World.DraftAsync(again, "示规〔2027〕4号", supersedes: "示规〔2027〕2号"));
        Assert.Equal(["supersedes"], refused.FieldErrors!.Keys);
    }

    [DatabaseFact]
    public async Task LegalReviewRejects_TheDraftGoesBackToItsAuthor_AndTheCorrectedDraftIsReviewedAgain()
    {
        var id = await World.StartAsync();
        await World.DraftAsync(id, "示规〔2027〕5号", departments: ["rg-fin"]);
        await World.DecideAsync(id, "legal", Lawyer, "reject");
        Assert.Equal(["draft"], await World.OpenStepsAsync(id));

        await World.DraftAsync(id, "示规〔2027〕5号", body: "第一条 依据有关规定，为规范公务接待，制定本办法。", departments: ["rg-fin"]);

        Assert.Equal(["legal"], await World.OpenStepsAsync(id));
        Assert.Null(await World.RuleAsync("示规〔2027〕5号"));
    }

    [DatabaseFact]
    public async Task TheLeaderSendsItBackToTheAuthor_TheRedraftPassesReviewAndCountersignAgain()
    {
        var id = await World.StartAsync();
        await World.DraftAsync(id, "示规〔2027〕6号", departments: ["rg-fin"]);
        await World.DecideAsync(id, "legal", Lawyer);
        await World.CompleteAsync(id, "countersign", Finance);
        var sign = await World.Runtime.TaskAsync(id, "sign");

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>()
            .SendBackAsync(sign.Id, Leader, "draft", comment: "经费条款需与财务处商定"));
        Assert.Equal(["draft"], await World.OpenStepsAsync(id));
        await World.DraftAsync(id, "示规〔2027〕6号", departments: ["rg-fin", "rg-hr"]);
        await World.DecideAsync(id, "legal", Lawyer);

        Assert.Equal([Finance, Personnel],
            (await World.Runtime.OpenTasksAsync(id)).Select(t => t.Assignee).Order(StringComparer.Ordinal));
    }

    [DatabaseFact]
    public async Task TheLeaderRefusesToSign_NothingIsPublished()
    {
        var id = await World.StartAsync();
        await World.DraftAsync(id, "示规〔2027〕7号");
        await World.DecideAsync(id, "legal", Lawyer);
        await World.DecideAsync(id, "sign", Leader, "reject"); // no department asked: 会签 passes at once

        Assert.Null(await World.RuleAsync("示规〔2027〕7号"));
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(id)).Status);
    }

    [DatabaseFact]
    public async Task BadDrafts_AreRefusedWithTheirField_AndAReviewNeedsADecision()
    {
        await World.PublishAsync("示规〔2027〕8号", "会议管理办法", "第一条 会议应当精简，控制规模。", "2027-01-05");
        var id = await World.StartAsync();

        async Task<IEnumerable<string>> Refused(Func<Task> draft) =>
            (await Assert.ThrowsAsync<RuntimeException>(draft)).FieldErrors!.Keys;

        Assert.Equal(["title"], await Refused(() => World.DraftAsync(id, "示规〔2027〕9号", title: "")));
        Assert.Equal(["documentNumber"], await Refused(() => World.DraftAsync(id, "示规〔2027〕8号")));
        Assert.Equal(["effectiveDate"], await Refused(() => World.DraftAsync(id, "示规〔2027〕9号", effective: "2026-12-31")));
        Assert.Equal(["supersedes"], await Refused(() => World.DraftAsync(id, "示规〔2027〕9号", supersedes: "示规〔1999〕1号")));
        Assert.Equal(["departments"], await Refused(() => World.DraftAsync(id, "示规〔2027〕9号", departments: ["nowhere"])));
        Assert.Equal(["departments"], await Refused(() => World.DraftAsync(id, "示规〔2027〕9号", departments: ["rg-none"])));
        Assert.Equal(["draft"], await World.OpenStepsAsync(id));

        await World.DraftAsync(id, "示规〔2027〕9号");
        var noDecision = await Assert.ThrowsAsync<RuntimeException>(() => World.CompleteAsync(id, "legal", Lawyer));
        Assert.Contains("decision", noDecision.FieldErrors!.Keys);
        var tooLong = await Assert.ThrowsAsync<RuntimeException>(() => World.Library(l => l.SearchAsync(new string('法', 101), null, default)));
        Assert.Equal(["q"], tooLong.FieldErrors!.Keys);
    }

    [DatabaseFact]
    public async Task OnlyAnAdministratorRepeals_AndARepealedRuleIsNotInForceAfterwards()
    {
        await World.PublishAsync("示规〔2027〕10号", "值班管理办法", "第一条 节假日应当安排领导带班和值班。", "2027-01-05");
        var rule = await World.RuleAsync("示规〔2027〕10号");

        var early = await Assert.ThrowsAsync<RuntimeException>(() => World.Library(l => l.RepealAsync(rule!.Id, new DateOnly(2027, 1, 5), "admin", default)));
        Assert.Equal(["repealedOn"], early.FieldErrors!.Keys);
        await World.Library(l => l.RepealAsync(rule!.Id, new DateOnly(2027, 6, 1), "admin", default));

        Assert.Single(await World.Library(l => l.SearchAsync("值班", new DateOnly(2027, 5, 31), default)));
        Assert.Empty(await World.Library(l => l.SearchAsync("值班", new DateOnly(2027, 6, 1), default)));
    }

    [DatabaseFact]
    public async Task TheLeadersSignature_IsEscalatedToTheOfficeDirector_AfterAWorkingDayOverdue()
    {
        var id = await World.StartAsync();
        await World.DraftAsync(id, "示规〔2027〕9号", departments: ["rg-fin"]);
        await World.DecideAsync(id, "legal", Lawyer);
        World.Runtime.Clock.Set(January2027(6)); // Wednesday: due Friday, escalated Monday

        await World.CompleteAsync(id, "countersign", Finance);

        await LeaderEscalation.AssertAsync(World.Runtime, id, "sign", Leader, January2027(8), January2027(11), OfficeDirector);
    }
}

public sealed class SqliteRegulationScenarioTests(SqliteTestDatabase database) : RegulationScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresRegulationScenarioTests(PostgresTestDatabase database) : RegulationScenarioTests<PostgresTestDatabase>(database);
