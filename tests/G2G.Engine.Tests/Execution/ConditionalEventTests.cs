using G2G.Engine.Execution;
using G2G.Engine.Parsing;
using G2G.Engine.Tests.Parsing;

namespace G2G.Engine.Tests.Execution;

/// <summary>Conditional events: checked whenever variables change, triggered when the condition becomes true.</summary>
public class ConditionalEventTests
{
    private static ProcessHarness Load(string process) => ProcessHarness.Load("events/conditional-events.bpmn", process);

    [Fact]
    public void ConditionalCatch_WaitsUntilAVariableChangeMakesItTrue()
    {
        var run = Load("conditionalCatch").Start(("feePaid", false));
        Assert.Equal(["cashier"], run.OpenTaskElements);

        run.Complete("cashier", variables: ("feePaid", true));

        Assert.Equal(["issue"], run.OpenTaskElements);
        Assert.Empty(run.State.Subscriptions);
    }

    [Fact]
    public void ConditionalCatch_WhoseConditionHoldsAlready_PassesAtOnce()
    {
        var run = Load("conditionalCatch").Start(("feePaid", true));

        Assert.Equal(["cashier", "issue"], run.OpenTaskElements);
    }

    [Fact]
    public void ConditionalCatch_OnAVariableNotSetYet_Waits()
    {
        var run = Load("conditionalCatch").Start();

        Assert.Equal(["cashier"], run.OpenTaskElements);
        Assert.Empty(run.Incidents);
    }

    [Fact]
    public void NonInterruptingConditionalBoundary_FiresEachTimeTheConditionBecomesTrue()
    {
        var run = Load("conditionalBoundary").Start(("urgent", false), ("withdrawn", false), ("finished", false));

        run.Complete("update", variables: ("urgent", true));
        Assert.Single(run.Created("alert"));
        run.Complete("update", variables: ("note", "补充身份证")); // still urgent: no new alert
        Assert.Single(run.Created("alert"));
        run.Complete("update", variables: ("urgent", false)).Complete("update", variables: ("urgent", true));

        Assert.Equal(2, run.Created("alert").Count);
        Assert.Contains("review", run.OpenTaskElements);
    }

    [Fact]
    public void InterruptingConditionalBoundary_CancelsTheTask()
    {
        var run = Load("conditionalBoundary").Start(("urgent", false), ("withdrawn", false), ("finished", false));

        run.Complete("update", variables: [("withdrawn", true), ("finished", true)]);

        Assert.Empty(run.OpenTasks);
        Assert.Contains(run.All<TaskCancelled>(), c => c.ElementId == "review" && c.Reason == CancelReason.Interrupted);
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void ConditionalStartOfAnInterruptingEventSubProcess_EndsTheRest()
    {
        var run = Load("conditionalEventSubProcess").Start(("cancelled", false));

        run.Complete("edit", variables: ("cancelled", true));

        Assert.Equal(["archive"], run.OpenTaskElements);
        Assert.Contains(run.All<TaskCancelled>(), c => c.ElementId == "assess");
    }

    [Fact]
    public void ConditionalStartOfATopLevelProcess_IsRefusedByName()
    {
        var error = Assert.Single(BpmnParser.Parse(Bpmn.Process("""
                <bpmn:startEvent id="s"><bpmn:conditionalEventDefinition><bpmn:condition>ready</bpmn:condition></bpmn:conditionalEventDefinition></bpmn:startEvent>
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
            """)).Diagnostics);

        Assert.Equal("s", error.ElementId);
        Assert.Contains("conditionalEventDefinition", error.Message);
    }
}
