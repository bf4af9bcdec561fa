using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

public class LinearFlowTests
{
    [Fact]
    public void Start_CreatesFirstTaskWithEvaluatedAssignment()
    {
        var run = ProcessHarness.Load("approval-5.bpmn").Start(("title", "关于年度预算的请示"));

        var task = Assert.Single(run.OpenTasks);
        Assert.Equal("draft", task.ElementId);
        Assert.Equal("initiator", task.Assignment!.Kind);
        Assert.Equal("approval/draft", task.Task.Settings.FormKey);
        Assert.Equal(ProcessStatus.Running, run.Status);
        Assert.Equal(Value.From("关于年度预算的请示"), run.Variable("title"));
    }

    [Fact]
    public void CompletingEveryStep_EndsTheProcessAlongTheFlow()
    {
        var run = ProcessHarness.Load("approval-5.bpmn").Start();
        foreach (var step in new[] { "draft", "review", "check", "office", "sign" })
            run.Complete(step, "approve");

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Empty(run.OpenTasks);
        Assert.Equal(["start", "draft", "review", "check", "office", "sign", "end"], run.Completed);
        Assert.Single(run.Effects.OfType<ProcessCompleted>());
        Assert.Empty(run.State.Tokens);
    }

    [Fact]
    public void Due_CountsWorkingDays()
    {
        var run = ProcessHarness.Load("approval-5.bpmn").Start();
        run.Now = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.FromHours(8)); // a Friday
        run.Complete("draft");

        // two working days after Friday 10:00 skips the weekend: Tuesday 10:00
        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.FromHours(8)), run.Task("review").DueAt);
    }

    [Fact]
    public void NextStep_StartsWithoutTheSignerStateOfThePreviousStep()
    {
        var run = ProcessHarness.Load("approval-5.bpmn").Start();
        run.Complete("draft").Complete("review");

        run.Do(new AddSigner(run.Task("check").TaskId, "li.si", SignerPosition.Before));

        Assert.Equal("li.si", run.Task("check").Signer!.UserId);
    }

    [Fact]
    public void CompletingATaskTwice_IsRejectedAndChangesNothing()
    {
        var run = ProcessHarness.Load("approval-5.bpmn").Start();
        var draft = run.Task("draft").TaskId;
        run.CompleteTask(draft);
        var before = run.State;

        var error = Assert.Throws<CommandRejectedException>(() => run.CompleteTask(draft));

        Assert.Equal(RejectionCode.TaskNotFound, error.Code);
        Assert.Same(before, run.State);
    }

    [Fact]
    public void State_RoundTripsThroughJson()
    {
        var run = ProcessHarness.Load("approval-5.bpmn").Start(("amount", 1200m), ("tags", new[] { "a", "b" }));
        run.Complete("draft");

        var json = ProcessStateJson.Serialize(run.State);
        var back = ProcessStateJson.Deserialize(json);

        Assert.Equal(json, ProcessStateJson.Serialize(back));
        Assert.Equal(run.State.Tokens.AsEnumerable(), back.Tokens.AsEnumerable()); // item by item: ImmutableArray itself compares by reference
        Assert.Equal(Value.From(1200m), back.Variables["amount"]);
    }
}
