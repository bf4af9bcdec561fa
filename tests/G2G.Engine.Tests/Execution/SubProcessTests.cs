using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

/// <summary>Embedded subprocesses, call activities and event subprocesses.</summary>
public class SubProcessTests
{
    [Fact]
    public void EmbeddedSubProcess_RunsItsBodyInANestedScope_SeeingTheProcessVariables()
    {
        var run = ProcessHarness.Load("activities/subprocess.bpmn").Start(("handler", "wang.wu"));

        var preCheck = run.Task("preCheck");
        Assert.Equal(new[] { Value.From("wang.wu") }, preCheck.Assignment!.Arguments.AsEnumerable());
        var stageScope = Assert.Single(run.State.Scopes, s => s.ElementId == "stage");
        Assert.Equal(ScopeKind.SubProcess, stageScope.Kind);
        Assert.Equal(run.State.Scopes[0].Id, stageScope.ParentId);

        run.Complete("preCheck");
        var expertsScope = Assert.Single(run.State.Scopes, s => s.ElementId == "experts");
        Assert.Equal(stageScope.Id, expertsScope.ParentId);
        Assert.Equal(["score"], run.OpenTaskElements);
    }

    [Fact]
    public void EmbeddedSubProcess_VariablesWrittenInsideAreVisibleAfterIt_AndItsScopesAreGone()
    {
        var run = ProcessHarness.Load("activities/subprocess.bpmn").Start(("handler", "wang.wu"));

        run.Complete("preCheck").Complete("score", null, ("score", 87));

        Assert.Equal(Value.From(87), run.Variable("score"));
        Assert.Equal(["decide"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
        Assert.Equal(["start", "stageStart", "preCheck", "expertsStart", "score", "expertsEnd", "experts", "stageEnd", "stage"], run.Completed);
        Assert.Empty(run.Timers); // the stage's time limit ended with it
    }

    [Fact]
    public void EmbeddedSubProcess_InterruptingBoundary_CancelsEverythingInside()
    {
        var run = ProcessHarness.Load("activities/subprocess.bpmn").Start(("handler", "wang.wu"));
        run.Complete("preCheck");
        var score = run.Task("score").TaskId;

        run.Advance(TimeSpan.FromDays(10));

        Assert.Equal(new TaskCancelled(score, "score", CancelReason.Interrupted), Assert.Single(run.All<TaskCancelled>()));
        Assert.Equal(["escalate"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
        Assert.Equal(["experts", "score", "stage"], run.Effects.OfType<ElementEvent>().Where(e => e.Phase == ElementPhase.Cancelled).Select(e => e.ElementId).Order());
    }

    private const string WithoutStartEvents = """
        <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
          <process id="review" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="checks"/>
            <subProcess id="checks">
              <userTask id="legal"/>
              <userTask id="finance"/>
              <sequenceFlow id="f2" sourceRef="finance" targetRef="archive"/>
              <userTask id="archive"/>
              <boundaryEvent id="late" attachedToRef="legal" cancelActivity="false"><timerEventDefinition><timeDuration>P5D</timeDuration></timerEventDefinition></boundaryEvent>
              <sequenceFlow id="f5" sourceRef="late" targetRef="urge"/>
              <userTask id="urge"/>
            </subProcess>
            <sequenceFlow id="f3" sourceRef="checks" targetRef="sign"/>
            <userTask id="sign"/>
            <sequenceFlow id="f4" sourceRef="sign" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """;

    [Fact]
    public void SubProcessWithoutStartEvents_BeginsAtEveryNodeNoFlowLeadsTo_AndEndsWhenAllAreDone()
    {
        var run = ProcessHarness.FromXml(WithoutStartEvents).Start();

        Assert.Equal(["finance", "legal"], run.OpenTaskElements); // not the boundary event, not archive
        run.Complete("legal").Complete("finance");
        Assert.Equal(["archive"], run.OpenTaskElements);

        run.Complete("archive");
        Assert.Equal(["sign"], run.OpenTaskElements);
        Assert.Empty(run.Incidents);
    }

    [Fact]
    public void EmptySubProcess_DrawnCollapsed_CompletesAtOnce_WithAWarning()
    {
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="repair" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="emergency"/>
                <subProcess id="emergency" name="Perform emergency repair"/>
                <sequenceFlow id="f2" sourceRef="emergency" targetRef="report"/>
                <userTask id="report"/>
              </process>
            </definitions>
            """;

        var warning = Assert.Single(G2G.Engine.Parsing.BpmnParser.Parse(xml).Diagnostics, d => d.Code == "subprocess.empty");
        Assert.Equal(("emergency", G2G.Engine.Validation.DiagnosticSeverity.Warning), (warning.ElementId, warning.Severity));
        var run = ProcessHarness.FromXml(xml).Start();
        Assert.Equal(["report"], run.OpenTaskElements);
        Assert.Contains("emergency", run.Completed);
    }

    [Fact]
    public void SubProcessWithNothingToBeginAt_IsRefusedNamingIt()
    {
        var xml = """
            <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="t">
              <process id="loop" isExecutable="true">
                <startEvent id="start"/>
                <sequenceFlow id="f1" sourceRef="start" targetRef="checks"/>
                <subProcess id="checks">
                  <userTask id="a"/>
                  <sequenceFlow id="ab" sourceRef="a" targetRef="b"/>
                  <userTask id="b"/>
                  <sequenceFlow id="ba" sourceRef="b" targetRef="a"/>
                </subProcess>
                <sequenceFlow id="f2" sourceRef="checks" targetRef="end"/>
                <endEvent id="end"/>
              </process>
            </definitions>
            """;

        var error = Assert.Single(G2G.Engine.Parsing.BpmnParser.Parse(xml).Diagnostics, d => d.Code == "subprocess.no-start");
        Assert.Equal("checks", error.ElementId);
    }

    [Fact]
    public void CallActivity_RequestsTheChildWithItsInputMappingsAndPinnedVersion()
    {
        var run = ProcessHarness.Load("activities/call-activity.bpmn", "purchase").Start(("orderNo", "CG-2026-017"), ("amount", 480000m), ("supplier", "某公司"));

        var child = run.Child("contract");
        Assert.Equal(("contractSigning", 2), (child.ProcessKey, child.Version));
        Assert.Equal(["contractAmount", "title"], child.Variables.Keys.Order());
        Assert.Equal(Value.From("采购-CG-2026-017"), child.Variables["title"]);
        Assert.Equal(Value.From(480000m), child.Variables["contractAmount"]);
        Assert.Empty(run.OpenTasks);
    }

    [Fact]
    public void CallActivity_CompleteChild_MapsTheOutputsBackAndContinues()
    {
        var run = ProcessHarness.Load("activities/call-activity.bpmn", "purchase").Start(("orderNo", "CG-2026-017"), ("amount", 480000m));

        run.CompleteChild("contract", ("contractNo", "HT-88"), ("signedAmount", 475000m), ("internalNote", "不回传"));

        Assert.Equal(Value.From("HT-88"), run.Variable("contractNo"));
        Assert.Equal(Value.From(475000m), run.Variable("finalAmount"));
        Assert.False(run.HasVariable("internalNote"));
        Assert.False(run.HasVariable("signedAmount"));
        Assert.Empty(run.Timers); // the contract's time limit is disarmed
    }

    // Found by the fuzzer (Fuzzing/BpmnFuzzTests): the condition failed while the body's last token was already gone with
    // its scope, and looking for an error catcher from that token threw KeyNotFoundException out of Execute.
    [Fact]
    public void EmbeddedSubProcess_ConditionThatFailsOnTheWayOut_IsAnIncidentOfTheSubProcess()
    {
        var run = ProcessHarness.FromXml(Parsing.Bpmn.Process("""
            <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="file" />
            <bpmn:subProcess id="file">
              <bpmn:startEvent id="in" /><bpmn:sequenceFlow id="g1" sourceRef="in" targetRef="shelve" />
              <bpmn:userTask id="shelve" /><bpmn:sequenceFlow id="g2" sourceRef="shelve" targetRef="out" /><bpmn:endEvent id="out" />
            </bpmn:subProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="file" targetRef="end" />
            <bpmn:sequenceFlow id="f3" sourceRef="file" targetRef="end"><bpmn:conditionExpression>needsSignature</bpmn:conditionExpression></bpmn:sequenceFlow>
            <bpmn:endEvent id="end" />
            """)).Start();

        run.Complete("shelve");

        var incident = Assert.Single(run.Incidents);
        Assert.Equal("file", incident.ElementId);
        Assert.Contains("needsSignature", incident.Message, StringComparison.Ordinal);
        Assert.Equal(ProcessStatus.Running, run.State.Status);
    }

    [Fact]
    public void CallActivity_OutputMappingThatFails_RaisesAnIncidentInsteadOfFailingTheCommand()
    {
        var run = ProcessHarness.Load("activities/call-activity.bpmn", "purchase").Start(("orderNo", "CG-2026-017"), ("amount", 480000m));

        run.CompleteChild("contract", ("contractNo", "HT-88")); // no signedAmount

        var incident = Assert.Single(run.Incidents);
        Assert.Equal("contract", incident.ElementId);
        Assert.Contains("signedAmount", incident.Message);
        Assert.Empty(run.Children);
    }

    [Fact]
    public void CallActivity_WithoutMappings_PassesEveryVariableAndCopiesEveryResultBack()
    {
        var run = ProcessHarness.Load("activities/call-activity.bpmn", "purchase").Start(("orderNo", "CG-2026-017"), ("amount", 480000m));
        run.CompleteChild("contract", ("contractNo", "HT-88"), ("signedAmount", 475000m));

        var child = run.Child("acceptance");
        Assert.Null(child.Version); // latest
        Assert.Equal(["amount", "contractNo", "finalAmount", "orderNo"], child.Variables.Keys.Order());

        run.CompleteChild("acceptance", ("accepted", true));
        Assert.Equal(Value.True, run.Variable("accepted"));
        Assert.Equal(["pay"], run.OpenTaskElements);
    }

    [Fact]
    public void CallActivity_InterruptedByABoundaryEvent_CancelsTheChild()
    {
        var run = ProcessHarness.Load("activities/call-activity.bpmn", "purchase").Start(("orderNo", "CG-2026-017"), ("amount", 480000m));
        var child = run.Child("contract");

        run.Advance(TimeSpan.FromDays(30));

        Assert.Equal(new ChildProcessCancelled(child.TokenId, "contract"), Assert.Single(run.All<ChildProcessCancelled>()));
        Assert.Equal(["rebid"], run.OpenTaskElements);
        Assert.Equal(RejectionCode.TaskNotFound, run.Rejects(new CompleteChild(child.TokenId)));
    }

    [Fact]
    public void CallActivity_CancelProcess_CancelsTheChild()
    {
        var run = ProcessHarness.Load("activities/call-activity.bpmn", "purchase").Start(("orderNo", "CG-2026-017"), ("amount", 480000m));
        var child = run.Child("contract");

        run.Do(new CancelProcess("采购取消"));

        Assert.Equal(new ChildProcessCancelled(child.TokenId, "contract"), Assert.Single(run.All<ChildProcessCancelled>()));
        Assert.Equal(ProcessStatus.Cancelled, run.Status);
    }

    private static ProcessHarness Disclosure() => ProcessHarness.Load("activities/event-subprocess.bpmn").Start(("applicant", "赵六"));

    [Fact]
    public void EventSubProcess_StartsAreArmedWithTheirScope()
    {
        var run = Disclosure();

        Assert.Equal(ProcessHarness.Monday.AddDays(15), run.Timer("overdueStart").DueAt);
        Assert.Equal(["撤回申请", "进度查询"], run.State.Subscriptions.Where(s => s.Kind == SubscriptionKind.Message).Select(s => s.Name!).Order());
        run.Complete("register");
        Assert.Contains(run.State.Subscriptions, s => s.Name == "变更材料");
    }

    [Fact]
    public void EventSubProcess_NonInterruptingTimer_RunsAlongsideTheMainFlow()
    {
        var run = Disclosure();
        run.Complete("register");

        run.Advance(TimeSpan.FromDays(15));

        Assert.Equal(["review", "urge"], run.OpenTaskElements);
        Assert.Empty(run.All<TaskCancelled>());
        Assert.Empty(run.Timers); // a duration fires once

        run.Complete("review").Complete("reply");
        Assert.Equal(ProcessStatus.Running, run.Status); // the urging task still runs
        run.Complete("urge");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void EventSubProcess_NonInterruptingMessage_StartsAnInstanceForEveryMessage()
    {
        var run = Disclosure();

        run.Message("进度查询").Message("进度查询");

        Assert.Equal(2, run.Tasks("answer").Count);
        Assert.Single(run.Tasks("register"));
    }

    [Fact]
    public void EventSubProcess_InterruptingMessage_CancelsTheRestOfTheScope()
    {
        var run = Disclosure();
        run.Complete("register").Message("进度查询");
        var review = run.Task("review").TaskId;
        var answer = run.Task("answer").TaskId;
        var overdue = run.Timer("overdueStart").SubscriptionId;

        run.Message("撤回申请", ("reason", "已通过其他途径获取"));

        Assert.Equal(
            [new TaskCancelled(review, "review", CancelReason.Interrupted), new TaskCancelled(answer, "answer", CancelReason.Interrupted)],
            run.Last<TaskCancelled>().OrderBy(t => t.TaskId));
        Assert.Contains(new TimerCancelled(overdue), run.LastEffects);
        Assert.Equal(["close"], run.OpenTaskElements);
        Assert.Empty(run.State.Subscriptions); // the interrupted scope's other event subprocesses cannot start any more
    }

    [Fact]
    public void EventSubProcess_InsideASubProcess_InterruptsOnlyThatSubProcess()
    {
        var run = Disclosure();
        run.Complete("register");
        var review = run.Task("review").TaskId;

        run.Message("变更材料");

        Assert.Equal(new TaskCancelled(review, "review", CancelReason.Interrupted), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Equal(["recheck"], run.OpenTaskElements);
        Assert.Contains(run.State.Subscriptions, s => s.Name == "撤回申请"); // the process-level starts stay armed

        run.Complete("recheck");
        Assert.Equal(ProcessStatus.Completed, run.Status); // the stage ended with its event subprocess, and the process with it
    }

    [Fact]
    public void ProcessCompletion_DisarmsEventSubProcessStarts_WithTimerCancelled()
    {
        var run = Disclosure();
        var overdue = run.Timer("overdueStart").SubscriptionId;

        run.Complete("register").Complete("review").Complete("reply");

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Contains(new TimerCancelled(overdue), run.LastEffects);
        Assert.Empty(run.State.Subscriptions);
    }
}
