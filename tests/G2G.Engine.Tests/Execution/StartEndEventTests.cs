using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

/// <summary>Start events (none, message, timer) and end events (none, terminate, error, message).</summary>
public class StartEndEventTests
{
    private static ProcessHarness Starts() => ProcessHarness.Load("events/start-events.bpmn", "receiveDocument");
    private static ProcessHarness Ends(string process) => ProcessHarness.Load("events/end-events.bpmn", process);
    private static ProcessHarness Errors(string process) => ProcessHarness.Load("events/error-events.bpmn", process);

    [Fact]
    public void NoneStart_IsUsedWhenNoStartEventIsNamed()
    {
        var run = Starts().Start();

        Assert.Equal(["register"], run.OpenTaskElements);
        Assert.Equal(["manualStart"], run.Completed);
        Assert.Equal(ProcessStatus.Running, run.Status);
    }

    [Fact]
    public void MessageStart_NamedInStartProcess_RunsFromThatEventWithTheMessageVariables()
    {
        var run = Starts().StartAt("incomingStart", ("docNo", "京政函〔2026〕12号"));

        Assert.Equal(["signFor"], run.OpenTaskElements);
        Assert.Equal(["incomingStart"], run.Completed);
        Assert.Equal(Value.From("京政函〔2026〕12号"), run.Variable("docNo"));
        Assert.Equal(new[] { Value.From("收发员") }, run.Task("signFor").Assignment!.Arguments.AsEnumerable());
    }

    [Fact]
    public void SignalStart_OfATopLevelProcess_RunsFromThatEvent()
    {
        var run = Starts().StartAt("circularStart", ("circular", "市府通报〔2026〕3号"));

        Assert.Equal(["register"], run.OpenTaskElements);
        Assert.Equal(["circularStart"], run.Completed);
    }

    [Fact]
    public void TimerStart_NamedInStartProcess_RunsFromThatEvent()
    {
        var run = Starts().StartAt("weeklyStart");

        Assert.Equal(["summary"], run.OpenTaskElements);
        Assert.Empty(run.Timers); // the runtime schedules timer starts; the instance arms nothing for them
    }

    [Fact]
    public void MessageStart_IntoASubProcess_RunsTheSubProcessFromItsNoneStart()
    {
        var run = Starts().StartAt("archiveOnly");

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(["archiveOnly", "archiveStart", "archiveEnd", "archive", "archivedEnd"], run.Completed);
    }

    [Fact]
    public void Start_UnknownOrNestedStartEvent_IsRejected()
    {
        Assert.Equal(RejectionCode.InvalidStartEvent, Starts().Rejects(new StartProcess(StartEventId: "nope")));
        Assert.Equal(RejectionCode.InvalidStartEvent, Starts().Rejects(new StartProcess(StartEventId: "archiveStart")));
    }

    [Fact]
    public void Start_WithoutNoneStartAndWithoutName_IsRejectedUnlessThereIsOnlyOneStartEvent()
    {
        var run = ProcessHarness.Load("events/start-events.bpmn", "onlyMessageStarts");
        run.Start(); // its single start event is used

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(RejectionCode.AlreadyStarted, run.Rejects(new StartProcess()));
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new CancelProcess()));
    }

    [Fact]
    public void NoneEnd_WithParallelTokens_ProcessEndsOnlyWhenTheLastTokenEnds()
    {
        var run = Ends("parallelEnds").Start();
        Assert.Equal(["financeCheck", "legalCheck"], run.OpenTaskElements);

        run.Complete("financeCheck");
        Assert.Equal(ProcessStatus.Running, run.Status);
        Assert.Contains("financeEnd", run.Completed);
        Assert.Empty(run.All<ProcessCompleted>());

        run.Complete("legalCheck");
        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Single(run.All<ProcessCompleted>());
        Assert.Empty(run.State.Tokens);
    }

    [Fact]
    public void TerminateEnd_CancelsEveryOtherTokenWithItsTaskAndTimer_AndTheStatusIsTerminated()
    {
        var run = Ends("terminate").Start();
        Assert.Equal(["check", "decide"], run.OpenTaskElements);
        var check = run.Task("check").TaskId;
        var publicityTimer = run.Timer("publicity").SubscriptionId;

        run.Complete("decide");

        Assert.Equal(ProcessStatus.Terminated, run.Status);
        Assert.Equal(new TaskCancelled(check, "check", CancelReason.Terminated), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Contains(new TimerCancelled(publicityTimer), run.LastEffects);
        Assert.Equal(new ProcessTerminated("stop"), Assert.Single(run.Last<ProcessTerminated>()));
        Assert.Empty(run.All<ProcessCompleted>());
        Assert.Empty(run.OpenTasks);
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new CancelProcess()));
    }

    [Fact]
    public void TerminateEnd_DisarmsTheTimersOfEventSubProcesses()
    {
        var run = Ends("terminate").Start();
        var supervision = run.Timer("supervisionStart").SubscriptionId;

        run.Complete("decide");

        Assert.Contains(new TimerCancelled(supervision), run.LastEffects);
        Assert.Empty(run.State.Subscriptions);
    }

    [Fact]
    public void TerminateEnd_ReachedBeforeAParallelTokenEntersItsTask_CancelsNoTaskThatWasNeverCreated()
    {
        var run = Ends("terminateAtOnce").Start();

        Assert.Equal(ProcessStatus.Terminated, run.Status);
        Assert.Empty(run.All<TaskCreated>());
        Assert.Empty(run.All<TaskCancelled>());
    }

    [Fact]
    public void TerminateEnd_InsideASubProcess_EndsOnlyTheSubProcess()
    {
        var run = Ends("terminateInSubProcess").Start();
        Assert.Equal(["chiefReview", "staffReview"], run.OpenTaskElements);
        var staff = run.Task("staffReview").TaskId;

        run.Complete("chiefReview");

        Assert.Equal(ProcessStatus.Running, run.Status);
        Assert.Equal(new TaskCancelled(staff, "staffReview", CancelReason.Terminated), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Empty(run.Last<ProcessTerminated>());
        Assert.Equal(["sign"], run.OpenTaskElements);
        Assert.Equal(["rStop", "review"], run.Completed.Skip(run.Completed.Count - 2));

        run.Complete("sign");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void ErrorEnd_InSubProcess_IsCaughtByTheMatchingBoundaryOnTheSubProcess()
    {
        var run = Errors("errorBoundary").Start();

        run.Complete("check", null, ("result", "missing"));

        Assert.Equal(["supplement"], run.OpenTaskElements);
        Assert.Contains("missingEnd", run.Completed);
        Assert.Contains(run.LastEffects.OfType<ElementEvent>(), e => e is { ElementId: "materials", Phase: ElementPhase.Cancelled });
        Assert.DoesNotContain("transfer", run.Completed);
        Assert.Empty(run.Incidents);
        Assert.Empty(run.All<ProcessErrored>());
        Assert.DoesNotContain(run.State.Scopes, s => s.ElementId == "materials");
    }

    [Fact]
    public void ErrorEnd_WithAnotherCode_IsCaughtByTheCatchAllBoundary()
    {
        var run = Errors("errorBoundary").Start();

        run.Complete("check", null, ("result", "fraud"));

        Assert.Equal(["transfer"], run.OpenTaskElements);
    }

    [Fact]
    public void SubProcessWithoutError_ContinuesNormally()
    {
        var run = Errors("errorBoundary").Start();

        run.Complete("check", null, ("result", "ok"));

        Assert.Equal(["accept"], run.OpenTaskElements);
        run.Complete("accept");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void ErrorEnd_IsCaughtByAnErrorEventSubProcess_WhichCancelsTheRestOfTheScope()
    {
        var run = Errors("errorEventSubProcess").Start();
        var fee = run.Task("eFee").TaskId;

        run.Complete("eCheck");

        Assert.Equal(["notify"], run.OpenTaskElements);
        Assert.Equal(new TaskCancelled(fee, "eFee", CancelReason.Interrupted), Assert.Single(run.Last<TaskCancelled>()));
        run.Complete("notify");
        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(["eStart", "eFork", "eCheck", "eMissing", "errorStart", "notify", "oEnd", "onError"], run.Completed);
    }

    [Fact]
    public void ErrorEnd_Uncaught_RaisesAnIncidentAndReportsProcessErrored()
    {
        var run = Errors("errorUncaught").Start();

        run.Complete("uCheck");

        Assert.Equal(new ProcessErrored("FRAUD_SUSPECTED", "uFraud"), Assert.Single(run.Last<ProcessErrored>()));
        var incident = Assert.Single(run.Incidents);
        Assert.Equal("uFraud", incident.ElementId);
        Assert.Contains("FRAUD_SUSPECTED", incident.Message);
        Assert.Equal(ProcessStatus.Running, run.Status);
        Assert.Equal(TokenState.Failed, Assert.Single(run.State.Tokens).State);
    }

    [Fact]
    public void MessageSendTask_ThrowEvent_AndEndEvent_EachSendTheirMessageWithPayloadAndKey()
    {
        var run = ProcessHarness.Load("events/message-events.bpmn").Start(("docNo", "省府发〔2026〕3号"), ("title", "关于做好冬季安全生产的通知"));

        var sent = run.All<MessageSent>();
        Assert.Equal(["公文分发", "公文抄送", "办结通知"], sent.Select(m => m.MessageName));
        Assert.Equal(["send", "copy", "done"], sent.Select(m => m.ElementId));
        Assert.Equal(["省府发〔2026〕3号", "抄送-省府发〔2026〕3号", null], sent.Select(m => m.CorrelationKey));
        Assert.All(sent, m => Assert.Equal(Value.From("关于做好冬季安全生产的通知"), m.Payload["title"]));
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void CancellingATokenWithAnIncident_ResolvesTheIncident()
    {
        var run = Errors("errorUncaught").Start().Complete("uCheck");
        var incident = Assert.Single(run.Incidents);

        run.Do(new CancelProcess("管理员终止"));

        Assert.Equal(new IncidentResolved(incident.Id), Assert.Single(run.Last<IncidentResolved>()));
        Assert.Empty(run.Incidents);
    }
}
