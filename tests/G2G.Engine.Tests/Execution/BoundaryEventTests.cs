using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

/// <summary>Boundary events: timer (interrupting, cycle), message, signal and error, on user tasks, service tasks and call activities.</summary>
public class BoundaryEventTests
{
    private static ProcessHarness Load(string process, ExecutionOptions? options = null) =>
        ProcessHarness.Load("events/boundary-events.bpmn", process, options);

    [Fact]
    public void TimerBoundary_IsArmedWithTheTask()
    {
        var run = Load("timerInterrupting").Start();

        Assert.Equal(ProcessHarness.Monday.AddHours(24), run.Timer("overdue").DueAt);
        Assert.Equal(["review"], run.OpenTaskElements);
    }

    [Fact]
    public void TimerBoundary_Interrupting_CancelsTheTaskAndTakesTheBoundaryPath()
    {
        var run = Load("timerInterrupting").Start();
        var review = run.Task("review").TaskId;

        run.Advance(TimeSpan.FromHours(24));

        Assert.Equal(new TaskCancelled(review, "review", CancelReason.Interrupted), Assert.Single(run.All<TaskCancelled>()));
        Assert.Equal(["supervise"], run.OpenTaskElements);
        Assert.Equal(["start", "overdue"], run.Completed);
        Assert.Equal(RejectionCode.TaskNotFound, run.Rejects(new CompleteTask(review)));
    }

    [Fact]
    public void TimerBoundary_TaskCompletedInTime_DisarmsTheTimer()
    {
        var run = Load("timerInterrupting").Start();
        var timer = run.Timer("overdue").SubscriptionId;

        run.Complete("review");

        Assert.Equal(new TimerCancelled(timer), Assert.Single(run.Last<TimerCancelled>()));
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void TimerBoundary_NonInterruptingCycle_AddsOneTokenPerRepetition_AndTheTaskStays()
    {
        var run = Load("timerCycle").Start();
        var review = run.Task("cReview").TaskId;

        run.Advance(TimeSpan.FromHours(1));
        Assert.Equal(ProcessHarness.Monday.AddHours(2), run.Timer("hourly").DueAt);
        run.Advance(TimeSpan.FromHours(5));

        Assert.Equal(2, run.Tasks("remind").Count);
        Assert.Equal(review, run.Task("cReview").TaskId);
        Assert.Empty(run.Timers); // R2: exactly two repetitions
        Assert.Empty(run.All<TaskCancelled>());

        run.Complete("cReview");
        Assert.Equal(ProcessStatus.Running, run.Status);
        run.Complete("remind").Complete("remind");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void TimerBoundary_NonInterruptingCycle_StopsWhenTheTaskCompletes()
    {
        var run = Load("timerCycle").Start();
        run.Advance(TimeSpan.FromHours(1));
        var next = run.Timer("hourly").SubscriptionId;

        run.Complete("cReview");

        Assert.Equal(new TimerCancelled(next), Assert.Single(run.Last<TimerCancelled>()));
        Assert.Equal(["remind"], run.OpenTaskElements);
    }

    [Fact]
    public void MessageBoundary_Interrupting_CancelsTheUserTaskAndTakesTheBoundaryPath()
    {
        var run = Load("messageBoundary").Start();
        var review = run.Task("mReview").TaskId;

        run.Message("申请人撤回申请", ("reason", "不再需要"));

        Assert.Equal(new TaskCancelled(review, "mReview", CancelReason.Interrupted), Assert.Single(run.All<TaskCancelled>()));
        Assert.Equal(["close"], run.OpenTaskElements);
        Assert.Equal(Value.From("不再需要"), run.Variable("reason"));
        Assert.DoesNotContain(run.State.Subscriptions, s => s.Name == "催办"); // the task's other boundary events are gone too
    }

    [Fact]
    public void MessageBoundary_NonInterrupting_TriggersEveryTimeWhileTheTaskIsOpen()
    {
        var run = Load("messageBoundary").Start();

        run.Message("催办").Message("催办");

        Assert.Equal(2, run.Tasks("urgeNote").Count);
        Assert.Single(run.Tasks("mReview"));

        run.Complete("mReview");
        Assert.Equal(RejectionCode.NoMatchingSubscription, run.Rejects(new CorrelateMessage("催办")));
    }

    [Fact]
    public void SignalBoundary_Interrupting_CancelsTheTask()
    {
        var run = Load("signalBoundary").Start();
        var routine = run.Task("routine").TaskId;

        run.Signal("启动应急响应");

        Assert.Equal(new TaskCancelled(routine, "routine", CancelReason.Interrupted), Assert.Single(run.All<TaskCancelled>()));
        Assert.Equal(["respond"], run.OpenTaskElements);
    }

    [Fact]
    public void ErrorBoundary_OnServiceTask_CatchesTheBpmnErrorTheActionThrows()
    {
        var actions = new ServiceActions().Add("verifyIdentity", _ => throw new BpmnErrorException("IDENTITY_INVALID", "身份证号与姓名不符"));
        var run = Load("serviceError", new ExecutionOptions { Services = actions }).Start();

        Assert.Equal(["reject"], run.OpenTaskElements);
        Assert.Contains(run.Effects.OfType<ElementEvent>(), e => e is { ElementId: "verify", Phase: ElementPhase.Cancelled });
        Assert.Equal(["vStart", "invalid"], run.Completed);
        Assert.Empty(run.Incidents);
    }

    [Fact]
    public void ErrorBoundary_OnServiceTask_OtherCodesAreNotCaught()
    {
        var actions = new ServiceActions().Add("verifyIdentity", _ => throw new BpmnErrorException("SERVICE_DOWN", "公安接口不可用"));
        var run = Load("serviceError", new ExecutionOptions { Services = actions }).Start();

        Assert.Empty(run.OpenTasks);
        Assert.Equal(new ProcessErrored("SERVICE_DOWN", "verify"), Assert.Single(run.All<ProcessErrored>()));
        Assert.Equal("verify", Assert.Single(run.Incidents).ElementId);
    }

    [Fact]
    public void ErrorBoundary_OnCallActivity_CatchesTheChildsErrorFromFailChild()
    {
        var run = Load("callError").Start();
        var child = run.Child("callVerify");
        Assert.Equal("identityCheck", child.ProcessKey);

        run.FailChild("callVerify", "IDENTITY_INVALID");

        Assert.Equal(["kReject"], run.OpenTaskElements);
        Assert.Empty(run.Children);
        Assert.Empty(run.All<ChildProcessCancelled>()); // the child ended by itself; nothing to cancel
        Assert.Equal(RejectionCode.TaskNotFound, run.Rejects(new CompleteChild(child.TokenId)));
    }

    [Fact]
    public void FailChild_WithAnUncaughtCode_RaisesAnIncidentAtTheCallActivity()
    {
        var run = Load("callError").Start();

        run.FailChild("callVerify", "TIMEOUT");

        Assert.Equal(new ProcessErrored("TIMEOUT", "callVerify"), Assert.Single(run.All<ProcessErrored>()));
        Assert.Equal("callVerify", Assert.Single(run.Incidents).ElementId);
    }
}
