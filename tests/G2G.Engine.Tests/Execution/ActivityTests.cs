using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;

namespace G2G.Engine.Tests.Execution;

/// <summary>Tasks: user, service, script, send, receive, manual and plain.</summary>
public class ActivityTests
{
    private static ProcessHarness Load(string process, ExecutionOptions? options = null) =>
        ProcessHarness.Load("activities/tasks.bpmn", process, options);

    private static ExecutionOptions With(ServiceActions actions) => new() { Services = actions };

    [Fact]
    public void UserTask_CreatesATaskWithEvaluatedAssignmentFormDeadlineAndReminder()
    {
        var run = Load("userTask").Start(("department", "人事处"));

        var task = run.Task("review");
        Assert.Equal(("科长审核", "position"), (task.Name, task.Assignment!.Kind));
        Assert.Equal(new[] { Value.From("科长"), Value.From("人事处") }, task.Assignment.Arguments.AsEnumerable());
        Assert.Equal("leave/review", task.Task.Settings.FormKey);
        Assert.Equal(OpinionPolicy.Required, task.Task.Settings.Opinion);
        Assert.Equal(ProcessHarness.Monday.AddDays(3), task.DueAt);    // Monday 09:00 + 3 working days = Thursday 09:00
        Assert.Equal(ProcessHarness.Monday.AddDays(2), task.RemindAt); // one working day before
        Assert.Null(task.Signer);
        Assert.Null(task.LoopCounter);
    }

    [Fact]
    public void UserTask_CompleteTask_WritesItsVariablesAndMovesOn()
    {
        var run = Load("userTask").Start(("department", "人事处"));

        run.Complete("review", "approve", ("opinion", "同意"));

        Assert.Equal(Value.From("同意"), run.Variable("opinion"));
        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new CompleteTask(1)));
    }

    [Fact]
    public void UserTask_AssignmentArgumentThatFails_RaisesAnIncidentWithoutATask()
    {
        var run = Load("userTask").Start(); // no 'department' variable

        Assert.Empty(run.OpenTasks);
        var incident = Assert.Single(run.Incidents);
        Assert.Equal("review", incident.ElementId);
        Assert.Contains("department", incident.Message);
    }

    [Fact]
    public void UserTask_DueDateInAYearWithoutCalendarData_RaisesAnIncidentRatherThanGuessing()
    {
        var run = Load("userTask");
        run.Now = new DateTimeOffset(2035, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));

        run.Start(("department", "人事处"));

        Assert.Empty(run.OpenTasks);
        Assert.Equal("review", Assert.Single(run.Incidents).ElementId);
    }

    [Fact]
    public void ServiceTask_RegisteredAction_WritesItsOutputsForTheNextSteps()
    {
        ServiceCall? call = null;
        var actions = new ServiceActions().Add("querySocialSecurity", c =>
        {
            call = c;
            c.Variables.TryGetVariable("idNumber", out var id);
            return ProcessHarness.Vars(("months", 8), ("checkedId", id));
        });
        var run = Load("serviceTask", With(actions)).Start(("idNumber", "110101199001011234"));

        Assert.Equal(["approve"], run.OpenTaskElements);
        Assert.Equal(Value.From(8), run.Variable("months"));
        Assert.Equal(Value.From("110101199001011234"), run.Variable("checkedId"));
        Assert.Equal(("query", ProcessHarness.Monday), (call!.ElementId, call.Now));
    }

    [Fact]
    public void ServiceTask_ActionOutputDrivesTheGateway()
    {
        var actions = new ServiceActions().Add("querySocialSecurity", _ => ProcessHarness.Vars(("months", 3)));
        var run = Load("serviceTask", With(actions)).Start();

        Assert.Equal(["refuse"], run.OpenTaskElements);
    }

    [Fact]
    public void ServiceTask_ActionThrowingAPlainException_RaisesAnIncident_AndRetryRunsItAgain()
    {
        var calls = 0;
        var actions = new ServiceActions().Add("querySocialSecurity", _ =>
            ++calls == 1 ? throw new TimeoutException("社保接口超时") : ProcessHarness.Vars(("months", 12)));
        var run = Load("serviceTask", With(actions)).Start();

        var incident = Assert.Single(run.Incidents);
        Assert.Equal("query", incident.ElementId);
        Assert.Contains("社保接口超时", incident.Message);
        Assert.Equal(TokenState.Failed, Assert.Single(run.State.Tokens).State);
        Assert.Empty(run.All<ProcessErrored>()); // a technical failure is not a BPMN error

        run.Retry(incident);

        Assert.Equal(2, calls);
        Assert.Equal(new IncidentResolved(incident.Id), Assert.Single(run.Last<IncidentResolved>()));
        Assert.Empty(run.Incidents);
        Assert.Equal(["approve"], run.OpenTaskElements);
        Assert.Equal(RejectionCode.IncidentNotFound, run.Rejects(new RetryIncident(incident.Id)));
    }

    [Fact]
    public void ServiceTask_UnregisteredAction_RaisesAnIncident()
    {
        var run = Load("serviceTask").Start();

        Assert.Contains("querySocialSecurity", Assert.Single(run.Incidents).Message);
    }

    [Fact]
    public void ScriptTask_AssignsVariablesForTheNextSteps()
    {
        var run = Load("scriptTask").Start();

        run.Complete("fill", null, ("lines", new[]
        {
            ProcessHarness.Record(("item", "机票"), ("amount", 3200m)),
            ProcessHarness.Record(("item", "住宿"), ("amount", 2400m)),
        }));

        Assert.Equal(Value.From(5600m), run.Variable("total"));
        Assert.Equal(Value.True, run.Variable("overLimit"));
        Assert.Equal(["leaderApprove"], run.OpenTaskElements);
    }

    [Fact]
    public void ScriptTask_FailingScript_RaisesAnIncident()
    {
        var run = Load("scriptTask").Start();

        run.Complete("fill"); // no expense lines

        Assert.Equal("calculate", Assert.Single(run.Incidents).ElementId);
        Assert.Empty(run.OpenTasks);
    }

    [Fact]
    public void SendTask_SendsItsMessage_AndReceiveTask_WaitsForTheReply()
    {
        var run = Load("sendReceive").Start(("caseNo", "依申请公开〔2026〕8号"));

        var sent = Assert.Single(run.All<MessageSent>());
        Assert.Equal(("征求意见", "ask", "依申请公开〔2026〕8号"), (sent.MessageName, sent.ElementId, sent.CorrelationKey));
        Assert.Empty(run.OpenTasks);
        Assert.Equal("await", Assert.Single(run.State.Tokens).ElementId);

        run.Message("意见反馈", ("feedback", "同意公开"));

        Assert.Equal(["summarize"], run.OpenTaskElements);
        Assert.Equal(Value.From("同意公开"), run.Variable("feedback"));
        Assert.Empty(run.State.Subscriptions);
    }

    [Fact]
    public void ManualTask_AndPlainTask_PassStraightThrough()
    {
        var run = Load("passThrough").Start();

        Assert.Equal(["pStart", "deliver", "mark"], run.Completed);
        Assert.Equal(["confirm"], run.OpenTaskElements);
    }

    [Fact]
    public void ConditionalFlowsOutOfATask_TakeTheTrueOnes_ElseTheDefault()
    {
        Assert.Equal(["leaderRead"], Load("conditionalFlows").Start().Complete("registerDoc", null, ("urgency", "特急")).OpenTaskElements);
        Assert.Equal(["handleDoc"], Load("conditionalFlows").Start().Complete("registerDoc", null, ("urgency", "平件")).OpenTaskElements);
    }

    [Fact]
    public void ConditionalFlowOutOfATask_ThatCannotBeEvaluated_RaisesAnIncidentInsteadOfFailingTheCommand()
    {
        var run = Load("conditionalFlows").Start();

        run.Complete("registerDoc"); // no 'urgency'

        var incident = Assert.Single(run.Incidents);
        Assert.Equal("registerDoc", incident.ElementId);
        Assert.Contains("urgency", incident.Message);
        Assert.Empty(run.OpenTasks);
    }
}
