using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

/// <summary>Multi-instance user tasks, subprocesses and call activities: 会签, 或签, 票签, 依次审批.</summary>
public class MultiInstanceTests
{
    private static readonly string[] Approvers = ["zhang.san", "li.si", "wang.wu"];

    private static ProcessHarness Load(string process) => ProcessHarness.Load("multi-instance/countersign.bpmn", process);

    private static string[] Assignees(IEnumerable<TaskCreated> tasks) =>
        [.. tasks.Select(t => ((StringValue)t.Assignment!.Arguments[0]).Value)];

    [Fact]
    public void Parallel_CreatesOneTaskPerItem_WithLoopCounterAndTheItemInTheAssignment()
    {
        var run = Load("allApprove").Start(("approvers", Approvers));

        var tasks = run.Tasks("countersign");
        Assert.Equal(Approvers, Assignees(tasks));
        Assert.Equal(new int?[] { 0, 1, 2 }, tasks.Select(t => t.LoopCounter));
        Assert.All(tasks, t => Assert.Equal("user", t.Assignment!.Kind));
        Assert.Equal(3, tasks.Select(t => t.TaskId).Distinct().Count());
    }

    [Fact]
    public void Parallel_Countersign_CompletesOnlyAfterEveryInstance()
    {
        var run = Load("allApprove").Start(("approvers", Approvers));
        var tasks = run.Tasks("countersign");

        run.CompleteTask(tasks[1].TaskId, "approve").CompleteTask(tasks[0].TaskId, "approve");
        Assert.Equal(["countersign"], run.OpenTaskElements);
        var body = Assert.Single(run.State.Scopes, s => s.Kind == ScopeKind.MultiInstanceBody);
        Assert.Equal(Value.From(2), body.Variables["nrOfCompletedInstances"]);
        Assert.Equal(Value.From(1), body.Variables["nrOfActiveInstances"]);

        run.CompleteTask(tasks[2].TaskId, "reject");
        Assert.Equal(["sign"], run.OpenTaskElements);
        Assert.Equal(4, run.CompletedCount("countersign")); // three instances and the activity itself
        Assert.Single(run.State.Scopes);
        Assert.False(run.HasVariable("approver")); // the element variable stayed in the instances
        Assert.Empty(run.Timers);
    }

    [Fact]
    public void Parallel_InterruptedByABoundaryEvent_CancelsEveryInstanceTaskAndNothingElse()
    {
        var run = Load("allApprove").Start(("approvers", Approvers));
        run.CompleteTask(run.Tasks("countersign")[0].TaskId, "approve");
        var open = run.Tasks("countersign").Select(t => t.TaskId).ToList();

        run.Advance(TimeSpan.FromDays(3));

        Assert.Equal(open, run.All<TaskCancelled>().Select(t => t.TaskId).Order());
        Assert.All(run.All<TaskCancelled>(), t => Assert.Equal(CancelReason.Interrupted, t.Reason));
        Assert.Equal(["escalate"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
    }

    [Fact]
    public void ErrorThrownByOneInstance_IsCaughtByTheBoundaryOfTheMultiInstanceActivity_CancellingAllInstances()
    {
        var run = Load("allApprove").Start(("approvers", Approvers));
        var tasks = run.Tasks("countersign").Select(t => t.TaskId).ToList();

        run.Do(new ThrowTaskError(tasks[1], "MAJOR_OBJECTION"));

        Assert.Equal(tasks, run.Last<TaskCancelled>().Select(t => t.TaskId).Order());
        Assert.Equal(["discuss"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
    }

    [Fact]
    public void EmptyCollection_PassesThrough()
    {
        var run = Load("allApprove").Start(("approvers", Array.Empty<string>()));

        Assert.Equal(["sign"], run.OpenTaskElements);
        Assert.Empty(run.Created("countersign"));
        Assert.Empty(run.Timers);
        Assert.Single(run.State.Scopes);
    }

    [Fact]
    public void CollectionThatIsNotAList_RaisesAnIncident()
    {
        var run = Load("allApprove").Start(("approvers", "zhang.san"));

        Assert.Equal("countersign", Assert.Single(run.Incidents).ElementId);
        Assert.Empty(run.OpenTasks);
    }

    [Fact]
    public void OrSign_TheFirstCompletionEndsTheStep_AndCancelsTheOthers()
    {
        var run = Load("anyApprove").Start(("approvers", Approvers));
        var tasks = run.Tasks("anySign");

        run.CompleteTask(tasks[1].TaskId, "approve");

        Assert.Equal(
            [new TaskCancelled(tasks[0].TaskId, "anySign", CancelReason.CompletionConditionMet), new TaskCancelled(tasks[2].TaskId, "anySign", CancelReason.CompletionConditionMet)],
            run.Last<TaskCancelled>().OrderBy(t => t.TaskId));
        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new CompleteTask(tasks[0].TaskId)));
    }

    private static readonly string[] Members = ["m1", "m2", "m3", "m4"];

    [Fact]
    public void Vote_CompletesAsSoonAsMoreThanHalfApprove()
    {
        var run = Load("vote").Start(("members", Members));
        var ballots = run.Tasks("ballot");

        run.CompleteTask(ballots[0].TaskId, "approve").CompleteTask(ballots[1].TaskId, "reject").CompleteTask(ballots[2].TaskId, "approve");
        Assert.Equal(["ballot"], run.OpenTaskElements); // 2 of 4 is not more than half

        run.CompleteTask(ballots[3].TaskId, "approve");
        Assert.Equal(["publish"], run.OpenTaskElements);
        Assert.Empty(run.All<TaskCancelled>());
    }

    [Fact]
    public void Vote_MajorityReachedEarly_CancelsTheRemainingBallots()
    {
        var run = Load("vote").Start(("members", Members.Take(3).ToArray()));
        var ballots = run.Tasks("ballot");

        run.CompleteTask(ballots[2].TaskId, "approve").CompleteTask(ballots[0].TaskId, "approve");

        Assert.Equal(new TaskCancelled(ballots[1].TaskId, "ballot", CancelReason.CompletionConditionMet), Assert.Single(run.All<TaskCancelled>()));
        Assert.Equal(["publish"], run.OpenTaskElements);
    }

    [Fact]
    public void Vote_WithoutMajority_EndsWhenEveryBallotIsIn()
    {
        var run = Load("vote").Start(("members", Members.Take(3).ToArray()));
        var ballots = run.Tasks("ballot");

        run.CompleteTask(ballots[0].TaskId, "reject").CompleteTask(ballots[1].TaskId, "approve");
        var body = Assert.Single(run.State.Scopes, s => s.Kind == ScopeKind.MultiInstanceBody);
        Assert.Equal((Value.From(1), Value.From(1)), (body.Variables["nrOfApproved"], body.Variables["nrOfRejected"]));

        run.CompleteTask(ballots[2].TaskId, "reject");
        Assert.Equal(["publish"], run.OpenTaskElements);
    }

    [Fact]
    public void Sequential_CreatesOneTaskAtATime_InListOrder()
    {
        var run = Load("sequential").Start(("chain", Approvers));

        foreach (var (approver, index) in Approvers.Select((a, i) => (a, i)))
        {
            var task = Assert.Single(run.OpenTasks);
            Assert.Equal(approver, Assignees([task])[0]);
            Assert.Equal(index, task.LoopCounter);
            run.CompleteTask(task.TaskId, "approve");
        }

        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void Sequential_CompletionCondition_StopsTheChainBeforeTheRemainingItems()
    {
        var run = Load("sequential").Start(("chain", Approvers));

        run.Complete("inTurn", "approve").Complete("inTurn", "reject");

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(2, run.Created("inTurn").Count); // wang.wu never got a task
        Assert.Empty(run.All<TaskCancelled>());
    }

    [Fact]
    public void LoopCardinality_CreatesThatManyInstances()
    {
        var run = Load("cardinality").Start(("expertCount", 3));

        Assert.Equal(new int?[] { 0, 1, 2 }, run.Tasks("score").Select(t => t.LoopCounter));
        foreach (var task in run.Tasks("score"))
            run.CompleteTask(task.TaskId);
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void SubProcess_RunsOneScopePerItem_WithTheElementVariableVisibleInside()
    {
        var run = ProcessHarness.Load("multi-instance/scopes.bpmn", "departmentHandling").Start(("departments", new[] { "财务处", "法规处" }));

        var assign = run.Tasks("assign");
        Assert.Equal(new[] { "财务处", "法规处" }, Assignees(assign));
        Assert.All(assign, t => Assert.Null(t.LoopCounter)); // the task is inside the instance's subprocess, not an instance itself
        Assert.Equal(2, run.State.Scopes.Count(s => s.Kind == ScopeKind.MultiInstanceItem));
        Assert.Equal(2, run.State.Scopes.Count(s => s.Kind == ScopeKind.SubProcess));

        run.CompleteTask(assign[1].TaskId);
        var handle = run.Task("handle");
        Assert.Equal(new[] { Value.From("科员"), Value.From("法规处") }, handle.Assignment!.Arguments.AsEnumerable());

        run.CompleteTask(handle.TaskId);
        Assert.Equal(["assign"], run.OpenTaskElements);
        run.Complete("assign").Complete("handle");
        Assert.Equal(["reply"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
    }

    [Fact]
    public void CallActivity_RequestsOneChildPerItem_WithItsInputs_AndContinuesAfterAll()
    {
        var run = ProcessHarness.Load("multi-instance/scopes.bpmn", "cityDispatch").Start(("cities", new[] { "广州", "深圳", "珠海" }), ("deadline", "2026-12-31"));

        var children = run.Children.OrderBy(c => c.TokenId).ToList();
        Assert.Equal(["广州", "深圳", "珠海"], children.Select(c => ((StringValue)c.Variables["city"]).Value));
        Assert.All(children, c => Assert.Equal(("cityHandling", Value.From("2026-12-31")), (c.ProcessKey, c.Variables["deadline"])));

        run.Do(new CompleteChild(children[0].TokenId)).Do(new CompleteChild(children[2].TokenId));
        Assert.Empty(run.OpenTasks);
        run.Do(new CompleteChild(children[1].TokenId));
        Assert.Equal(["summary"], run.OpenTaskElements);
    }

    [Fact]
    public void CallActivity_InterruptedByABoundaryEvent_CancelsEveryRunningChildOnly()
    {
        var run = ProcessHarness.Load("multi-instance/scopes.bpmn", "cityDispatch").Start(("cities", new[] { "广州", "深圳", "珠海" }), ("deadline", "2026-12-31"));
        var children = run.Children.OrderBy(c => c.TokenId).ToList();
        run.Do(new CompleteChild(children[0].TokenId));

        run.Advance(TimeSpan.FromDays(20));

        Assert.Equal(children.Skip(1).Select(c => c.TokenId), run.All<ChildProcessCancelled>().Select(c => c.TokenId).Order());
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }
}
