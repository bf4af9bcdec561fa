using G2G.Engine.Execution;

namespace G2G.Engine.Tests.Execution;

/// <summary>Exclusive, parallel, inclusive and event-based gateways, and loops.</summary>
public class GatewayTests
{
    private static ProcessHarness Leave(int days) =>
        ProcessHarness.Load("gateways/leave.bpmn", "leave").Start().Complete("apply", null, ("days", days));

    [Fact]
    public void ExclusiveGateway_TakesTheFirstTrueConditionInDocumentOrder()
    {
        var run = Leave(1); // "≤1天" and "≤3天" both hold

        Assert.Equal(["deptHead"], run.OpenTaskElements);
        Assert.Contains("toHead", run.Taken);
        Assert.DoesNotContain("toDeputy", run.Taken);
    }

    [Fact]
    public void ExclusiveGateway_TakesALaterConditionWhenTheFirstIsFalse()
    {
        Assert.Equal(["deputy"], Leave(3).OpenTaskElements);
    }

    [Fact]
    public void ExclusiveGateway_NoConditionTrue_TakesTheDefaultFlow()
    {
        var run = Leave(10);

        Assert.Equal(["principal"], run.OpenTaskElements);
        Assert.Contains("toPrincipal", run.Taken);
    }

    [Fact]
    public void ExclusiveGateway_AsAMerge_PassesEachTokenThrough()
    {
        var run = Leave(2).Complete("deputy");

        Assert.Equal(["record"], run.OpenTaskElements);
        run.Complete("record");
        Assert.Equal(["start", "apply", "route", "deputy", "merge", "record", "end"], run.Completed);
    }

    [Fact]
    public void ExclusiveGateway_NoConditionTrueAndNoDefault_RaisesAnIncident()
    {
        var run = ProcessHarness.Load("gateways/leave.bpmn", "leaveType").Start(("type", "事假"));

        var incident = Assert.Single(run.Incidents);
        Assert.Equal("byType", incident.ElementId);
        Assert.Empty(run.OpenTasks);
        Assert.Equal(ProcessStatus.Running, run.Status);

        run.Retry(incident); // nothing changed: it fails again with a new incident
        Assert.NotEqual(incident.Id, Assert.Single(run.Incidents).Id);
    }

    [Fact]
    public void ExclusiveGateway_ConditionThatCannotBeEvaluated_RaisesAnIncident()
    {
        var run = ProcessHarness.Load("gateways/leave.bpmn", "leave").Start().Complete("apply"); // no 'days'

        var incident = Assert.Single(run.Incidents);
        Assert.Equal("route", incident.ElementId);
        Assert.Contains("days", incident.Message);
    }

    [Fact]
    public void ParallelGateway_ForksOneTaskPerOutgoingFlow()
    {
        var run = ProcessHarness.Load("gateways/parallel.bpmn").Start().Complete("draft");

        Assert.Equal(["finance", "legal", "office"], run.OpenTaskElements);
        Assert.Equal(3, run.State.Tokens.Length);
    }

    [Fact]
    public void ParallelGateway_JoinWaitsForEveryIncomingFlow()
    {
        var run = ProcessHarness.Load("gateways/parallel.bpmn").Start().Complete("draft");

        run.Complete("legal").Complete("finance");
        Assert.Equal(["office"], run.OpenTaskElements);
        Assert.Equal(2, run.State.Tokens.Count(t => t.ElementId == "join"));
        Assert.DoesNotContain("join", run.Completed);

        run.Complete("office");
        Assert.Equal(["sign"], run.OpenTaskElements);
        Assert.Single(run.State.Tokens);
        Assert.Equal(1, run.CompletedCount("join"));
    }

    private static ProcessHarness Departments(params string[] concerned) =>
        ProcessHarness.Load("gateways/inclusive.bpmn").Start().Complete("draft", null, ("concerned", concerned));

    [Fact]
    public void InclusiveGateway_ForksDownEveryFlowWhoseConditionHolds()
    {
        var run = Departments("财务处", "人事处");

        Assert.Equal(["finance", "hr"], run.OpenTaskElements);
    }

    [Fact]
    public void InclusiveGateway_NoConditionTrue_TakesTheDefaultFlow_AndTheJoinFiresAtOnce()
    {
        var run = Departments();

        Assert.Equal(["sign"], run.OpenTaskElements);
        Assert.Contains("noCountersign", run.Completed);
    }

    [Fact]
    public void InclusiveJoin_OneBranchTaken_FiresAfterThatBranchAlone()
    {
        var run = Departments("财务处");

        run.Complete("finance");

        Assert.Equal(["sign"], run.OpenTaskElements);
    }

    [Fact]
    public void InclusiveJoin_TwoBranchesTaken_WaitsForBoth()
    {
        var run = Departments("财务处", "人事处");

        run.Complete("hr");
        Assert.Equal(["finance"], run.OpenTaskElements);
        Assert.Equal("join", Assert.Single(run.State.Tokens, t => t.ElementId != "finance").ElementId);

        run.Complete("finance");
        Assert.Equal(["sign"], run.OpenTaskElements);
        Assert.Single(run.State.Tokens);
        Assert.Equal(1, run.CompletedCount("join"));
    }

    [Fact]
    public void InclusiveJoin_ATokenStillUpstreamOfAnEmptyIncomingFlow_BlocksIt()
    {
        var run = Departments("财务处", "法规处");

        run.Complete("finance");
        Assert.Equal(["legalCheck"], run.OpenTaskElements); // two steps away from the join

        run.Complete("legalCheck");
        Assert.Equal(["legalReview"], run.OpenTaskElements);
        Assert.DoesNotContain("join", run.Completed);

        run.Complete("legalReview");
        Assert.Equal(["sign"], run.OpenTaskElements);
        run.Complete("sign");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    private static ProcessHarness Race() => ProcessHarness.Load("gateways/event-based.bpmn").Start().Complete("notify");

    [Fact]
    public void EventBasedGateway_ArmsEveryFollowingEvent()
    {
        var run = Race();

        Assert.Equal(ProcessHarness.Monday.AddDays(5), run.Timer("deadline").DueAt);
        Assert.Contains(run.State.Subscriptions, s => s is { Kind: SubscriptionKind.Message, Name: "补正材料", ElementId: "materialsIn" });
        Assert.Equal("race", Assert.Single(run.State.Tokens).ElementId);
    }

    [Fact]
    public void EventBasedGateway_MessageFirst_DisarmsTheTimer()
    {
        var run = Race();
        var timer = run.Timer("deadline").SubscriptionId;

        run.Message("补正材料", ("materials", "营业执照副本"));

        Assert.Equal(new TimerCancelled(timer), Assert.Single(run.Last<TimerCancelled>()));
        Assert.Equal(["review"], run.OpenTaskElements);
        Assert.Empty(run.State.Subscriptions);
        Assert.Equal(["start", "notify", "race", "materialsIn"], run.Completed);
        Assert.Equal(RejectionCode.TimerNotFound, run.Rejects(new FireTimer(timer)));
    }

    [Fact]
    public void EventBasedGateway_TimerFirst_DisarmsTheMessage()
    {
        var run = Race();

        run.Advance(TimeSpan.FromDays(5));

        Assert.Equal(["close"], run.OpenTaskElements);
        Assert.Empty(run.State.Subscriptions);
        Assert.Equal(["start", "notify", "race", "deadline"], run.Completed);
        Assert.Equal(RejectionCode.NoMatchingSubscription, run.Rejects(new CorrelateMessage("补正材料")));
    }

    [Fact]
    public void ExclusiveGatewayLoop_ReworkRunsThreeTimesThenExits()
    {
        var run = ProcessHarness.Load("gateways/loops.bpmn", "rework").Start();

        run.Complete("draft").Complete("review", "reject", ("approved", false));
        run.Complete("draft").Complete("review", "reject", ("approved", false));
        run.Complete("draft").Complete("review", "approve", ("approved", true));

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(3, run.Created("draft").Count);
        Assert.Equal(3, run.Created("review").Count);
        Assert.Equal(3, run.Created("review").Select(t => t.TaskId).Distinct().Count()); // each round is a new task
        Assert.Equal(2, run.Taken.Count(f => f == "back"));
        Assert.Equal(1, run.Taken.Count(f => f == "pass"));
    }

    [Fact]
    public void MaxStepsPerCommand_StopsALoopWithoutWaitStates_WithAnIncident()
    {
        var run = ProcessHarness.Load("gateways/loops.bpmn", "endless", new ExecutionOptions { MaxStepsPerCommand = 50 }).Start();

        var incident = Assert.Single(run.Incidents);
        Assert.Contains("50 steps", incident.Message);
        Assert.Equal(ProcessStatus.Running, run.Status);
        Assert.Equal(TokenState.Failed, Assert.Single(run.State.Tokens).State);
        Assert.Equal(25, ((G2G.Engine.Expressions.NumberValue)run.Variable("n")).Value); // 50 visits: script and gateway alternately
    }
}
