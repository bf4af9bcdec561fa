using Bunit;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Web.Components.Work;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The buttons a task page offers: exactly what the step allows (g2g:operations of the shipped leave procedure) and
/// what this user may do with the task, drawn in the page's language.
/// </summary>
public sealed class OperationBarTests : WorkContext
{
    private const TaskOperations HeadStep = TaskOperations.SendBack | TaskOperations.AddSigner | TaskOperations.Transfer
        | TaskOperations.Delegate | TaskOperations.Copy | TaskOperations.Urge;

    private static readonly FieldOption[] Decisions = [new("approve", "同意"), new("reject", "不同意")];

    private static TaskView Task(string elementId, string? assignee, string state = "open", string? completedBy = null,
        IReadOnlyList<string>? candidateUsers = null, IReadOnlyList<string>? candidateGroups = null) =>
        new(7, 3, elementId, elementId, "leave", "郑凯的请假申请", "leave/approve", assignee, candidateUsers ?? [], candidateGroups ?? [],
            "sf-fin", state, null, DateTimeOffset.UnixEpoch, null, null, completedBy, null, 2, ClearanceLevel.Unclassified, false);

    private static TaskStep Step(TaskOperations operations, IReadOnlyList<string>? pendingSigners = null, string? delegatedBy = null) =>
        new(7, "请假 Leave", operations, OpinionPolicy.Required, operations.HasFlag(TaskOperations.SendBack) ? [new StepRef("apply", "填写请假单")] : [],
            pendingSigners ?? [], delegatedBy, new Dictionary<string, string?>());

    private static InstanceView Instance(string status = "running") =>
        new(3, "leave", 1, null, "郑凯的请假申请", status, false, "zheng.kai", "sf-fin", null, DateTimeOffset.UnixEpoch, null, 2,
            new Dictionary<string, Value>(), ClearanceLevel.Unclassified);

    private static Caller Person(string id, params string[] roles) =>
        new(id, "sf-fin", "sf-fin-ysc-1", ClearanceLevel.Internal, ["sf-fin-leaders"], roles, null);

    private string[] Buttons(IReadOnlyList<TaskOperation> offers) =>
        [.. Context.Render<OperationBar>(p => p.Add(b => b.Offers, offers).Add(b => b.Decisions, Decisions))
            .FindAll("button").Select(b => b.TextContent.Trim())];

    [Fact]
    public void TheHeadsApproval_OffersTheDecision_AndEveryOperationTheStepAllows_ButNotUrgingThemself()
    {
        var offers = TaskOffers.For(Task("head", "wu.fang"), Step(HeadStep), Person("wu.fang"), Instance(), hasDecision: true);

        Assert.Equal(["同意", "不同意", "退回", "加签", "转办", "委派", "抄送"], Buttons(offers));
    }

    [Fact]
    public void TheDeputysApproval_WithoutDelegate_DoesNotOfferIt_AndAPendingSignerCanBeRemoved()
    {
        var deputy = TaskOperations.SendBack | TaskOperations.AddSigner | TaskOperations.Transfer | TaskOperations.Copy | TaskOperations.Urge;
        var offers = TaskOffers.For(Task("deputy", "sun.li"), Step(deputy, pendingSigners: ["liu.cai"]), Person("sun.li"), Instance(), hasDecision: true);

        Assert.Equal(["同意", "不同意", "退回", "加签", "减签", "转办", "抄送"], Buttons(offers));
    }

    [Fact]
    public void TheApplication_IsSubmitted_AndWithdrawnByWhoeverSentIt_WhileTheProcedureRuns()
    {
        var open = TaskOffers.For(Task("apply", "zheng.kai"), Step(TaskOperations.Withdraw), Person("zheng.kai"), Instance(), hasDecision: false);
        Assert.Equal(["提交"], Buttons(open));

        var sent = Task("apply", "zheng.kai", "completed", completedBy: "zheng.kai");
        Assert.Equal(["撤回"], Buttons(TaskOffers.For(sent, Step(TaskOperations.Withdraw), Person("zheng.kai"), Instance(), hasDecision: false)));
        Assert.Empty(TaskOffers.For(sent, Step(TaskOperations.Withdraw), Person("wu.fang"), Instance(), hasDecision: false));
        Assert.Empty(TaskOffers.For(sent, Step(TaskOperations.Withdraw), Person("zheng.kai"), Instance("completed"), hasDecision: false));
    }

    [Fact]
    public void TheInitiatorAndASupervisor_MayUrgeTheHead_ACandidateMayClaim_AndOthersMayOnlyLook()
    {
        var waiting = Task("head", "wu.fang");
        Assert.Equal(["催办"], Buttons(TaskOffers.For(waiting, Step(HeadStep), Person("zheng.kai"), Instance(), hasDecision: true)));
        Assert.Equal(["催办"], Buttons(TaskOffers.For(waiting, Step(HeadStep), Person("liu.cai", SystemRoles.Supervisor), Instance(), hasDecision: true)));
        Assert.Empty(TaskOffers.For(waiting, Step(HeadStep), Person("he.na"), Instance(), hasDecision: true));
        Assert.Empty(TaskOffers.For(waiting, Step(TaskOperations.SendBack), Person("zheng.kai"), Instance(), hasDecision: true)); // no urge here

        var offered = Task("head", null, candidateGroups: ["sf-fin-leaders"]);
        Assert.Equal(["认领"], Buttons(TaskOffers.For(offered, Step(HeadStep), Person("sun.li"), Instance(), hasDecision: true)));
        var claimed = Task("head", "sun.li", candidateGroups: ["sf-fin-leaders"]);
        Assert.Contains("放回候选", Buttons(TaskOffers.For(claimed, Step(HeadStep), Person("sun.li"), Instance(), hasDecision: true)));
    }

    [Fact]
    public void ADelegatedTask_GoesBackToItsOwner_BeforeAnythingElse()
    {
        var offers = TaskOffers.For(Task("head", "zheng.kai"), Step(HeadStep, delegatedBy: "wu.fang"), Person("zheng.kai"), Instance(), hasDecision: true);

        Assert.Equal(["交还委派人"], Buttons(offers));
    }

    [Fact]
    public void ADoneTask_OrAStoppedProcedure_OffersNothingToDo()
    {
        Assert.Empty(TaskOffers.For(Task("head", "wu.fang", "completed", completedBy: "wu.fang"), Step(HeadStep), Person("wu.fang"), Instance(), true));
        Assert.Empty(TaskOffers.For(Task("head", "wu.fang"), Step(HeadStep), Person("wu.fang"), Instance("cancelled"), true));
    }
}
