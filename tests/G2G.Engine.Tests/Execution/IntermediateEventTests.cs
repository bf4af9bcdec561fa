using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

/// <summary>Intermediate catch events (timer, message, signal) and the intermediate signal throw.</summary>
public class IntermediateEventTests
{
    private static ProcessHarness Load(string process) => ProcessHarness.Load("events/intermediate-events.bpmn", process);

    [Fact]
    public void TimerCatch_SchedulesTheTimerAtNowPlusTheDuration_AndWaits()
    {
        var run = Load("publicity").Start();

        var timer = Assert.Single(run.Timers);
        Assert.Equal(new TimerScheduled(timer.SubscriptionId, "wait", ProcessHarness.Monday.AddDays(5)), timer);
        Assert.Empty(run.OpenTasks);
        Assert.Equal("wait", Assert.Single(run.State.Tokens).ElementId);
    }

    [Fact]
    public void TimerCatch_FireTimer_ContinuesTheFlow()
    {
        var run = Load("publicity").Start();

        run.Advance(TimeSpan.FromDays(4));
        Assert.Empty(run.OpenTasks);
        run.Advance(TimeSpan.FromDays(1));

        Assert.Equal(["decide"], run.OpenTaskElements);
        Assert.Empty(run.State.Subscriptions);
        Assert.Equal(["start", "wait"], run.Completed);
    }

    [Fact]
    public void TimerCatch_FiringTheSameTimerAgain_IsRejectedWithTimerNotFound()
    {
        var run = Load("publicity").Start();
        var timer = run.Timer("wait").SubscriptionId;
        run.Fire("wait");

        Assert.Equal(RejectionCode.TimerNotFound, run.Rejects(new FireTimer(timer)));
        Assert.Equal(RejectionCode.TimerNotFound, run.Rejects(new FireTimer(999)));
    }

    [Fact]
    public void MessageCatch_CorrelateMessage_ContinuesWithTheMessageVariables()
    {
        var run = Load("supplement").Start(("applicant", "李四"));
        Assert.Empty(run.OpenTasks);
        Assert.Equal(RejectionCode.NoMatchingSubscription, run.Rejects(new CorrelateMessage("别的消息")));

        run.Message("补正材料", ("materials", new[] { "身份证复印件", "营业执照" }));

        Assert.Equal(["review"], run.OpenTaskElements);
        Assert.Equal(ProcessHarness.ToValue(new[] { "身份证复印件", "营业执照" }), run.Variable("materials"));
        Assert.Equal(RejectionCode.NoMatchingSubscription, run.Rejects(new CorrelateMessage("补正材料")));
    }

    [Fact]
    public void SignalCatch_BroadcastSignal_TriggersTheWaitingCatcher()
    {
        var run = Load("meeting").Start();
        Assert.Equal(["notice"], run.OpenTaskElements);

        run.Signal("会议开始", ("room", "第一会议室"));

        Assert.Equal(["minutes", "notice"], run.OpenTaskElements);
        Assert.Equal(Value.From("第一会议室"), run.Variable("room"));
        Assert.Equal(RejectionCode.NoMatchingSubscription, run.Rejects(new BroadcastSignal("会议开始")));
    }

    [Fact]
    public void SignalThrow_TriggersCatchersInTheSameInstance_AndIsReportedForOthers()
    {
        var run = Load("meeting").Start(("topic", "年度预算"));

        run.Complete("notice");

        var thrown = Assert.Single(run.Last<SignalThrown>());
        Assert.Equal(("会议开始", "begin"), (thrown.SignalName, thrown.ElementId));
        Assert.Equal(Value.From("年度预算"), thrown.Payload["topic"]);
        Assert.Equal(["minutes"], run.OpenTaskElements);
        Assert.Contains("waitMeeting", run.Completed);
        Assert.Equal(ProcessStatus.Running, run.Status);

        run.Complete("minutes");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void SignalThrow_CaughtByAnInterruptingEventSubProcess_StopsTheThrowerToo()
    {
        var run = ProcessHarness.Load("events/signal-interrupts-thrower.bpmn", "projectRevoke").Start();
        var budget = run.Task("budget").TaskId;

        run.Complete("study");

        Assert.Equal(new TaskCancelled(budget, "budget", CancelReason.Interrupted), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Equal(["notifyRevoked"], run.OpenTaskElements); // the thrower does not go on to 归档研究报告
        run.Complete("notifyRevoked");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void SignalEnd_CaughtByAnInterruptingBoundaryOfItsOwnSubProcess_LeavesTheSubProcess()
    {
        var run = ProcessHarness.Load("events/signal-interrupts-thrower.bpmn", "stageRevoke").Start();

        run.Complete("gStudy");

        Assert.Equal(["sNotify"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
        run.Complete("sNotify");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }
}
