using G2G.Engine.Execution;

namespace G2G.Engine.Tests.Execution;

/// <summary>Escalation events: thrown inside, caught by boundary events or event subprocesses around.</summary>
public class EscalationEventTests
{
    private static ProcessHarness Load(string process) => ProcessHarness.Load("events/escalation-events.bpmn", process);

    [Fact]
    public void IntermediateEscalation_NonInterruptingBoundary_StartsTheNoticeAndTheWorkGoesOn()
    {
        var run = Load("escalationBoundary").Start();

        run.Complete("work", variables: ("result", "overdue"));

        Assert.Equal(["consult", "finish", "notice"], run.OpenTaskElements);
        run.Complete("finish").Complete("consult");
        Assert.Equal(["notice"], run.OpenTaskElements);
        Assert.Equal(1, run.CompletedCount("handle"));
    }

    [Fact]
    public void EscalationEndEvent_InterruptingBoundary_CancelsTheSubProcessAndGoesToTheLeader()
    {
        var run = Load("escalationBoundary").Start();

        run.Complete("work", variables: ("result", "undecided"));

        Assert.Equal(["decide"], run.OpenTaskElements);
        Assert.Contains(run.All<TaskCancelled>(), c => c.ElementId == "consult" && c.Reason == CancelReason.Interrupted);
        Assert.Equal(0, run.CompletedCount("handle"));
        run.Complete("decide");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void Escalation_CaughtByANonInterruptingEventSubProcess_AndAnUncaughtOneChangesNothing()
    {
        var run = Load("escalationEventSubProcess").Start();

        run.Complete("register");

        Assert.Equal(["record", "reply"], run.OpenTaskElements);
        Assert.Empty(run.Incidents);
        run.Complete("reply").Complete("record");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }
}
