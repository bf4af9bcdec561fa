using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Calendar;
using G2G.Runtime.Definitions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// The designer's preview on the demo province: a draft run on the engine step by step as 郑凯 (zheng.kai, 预算一科 of
/// 省财政厅), each step showing who the organisation would give it to and its due date on the agency's working-day
/// calendar, a completion checked against the deployed form, a boundary timer fired by hand, and a service task reached
/// without its action running; the database's every table has as many rows afterwards as before. The draft's own forms
/// are used (an unusable one refuses the run); a step is sent back (退回) to the step its definition names, from the top or
/// back to the sender; a signer is added before and after a step (加签) and removed (减签); each signer of a 票签
/// completes on their own, until its rule decides; a process starts at its message or timer start event. A draft with
/// errors is not run; a rule that finds nobody says why; only designers may preview.
/// </summary>
public abstract class DesignerPreviewTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly Caller Designer = new("she.ji", null, null, ClearanceLevel.Unclassified, [], [SystemRoles.Designer], null);
    private static readonly Caller Clerk = new("ke.yuan", null, null, ClearanceLevel.Unclassified, [], [], null);
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    private const string ApproveForm = """
        { "components": [
          { "type": "radio", "key": "decision", "label": "审批结果", "validate": { "required": true },
            "values": [ { "value": "approve", "label": "同意" }, { "value": "reject", "label": "不同意" } ] } ] }
        """;

    private RuntimeHarness _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        // The action exists for the validator, and fails the test if the preview ever runs it.
        _runtime = new RuntimeHarness(database, actions => actions.Add("preview.reserve", _ => throw new InvalidOperationException("The preview ran a service action.")));
        var report = await _runtime.In(s => s.GetRequiredService<OrganisationImporter>().ImportAsync(OrganisationSeed.DemoProvince(), ImportFormat.Json, "seed"));
        Assert.True(report.Applied, string.Join("\n", report.Problems));
        // The form the draft's approval step names is deployed with another procedure, as forms are.
        await _runtime.In(s => s.GetRequiredService<DeploymentService>().DeployAsync(Process("preview-forms", """
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t" g2g:assignee="initiator()" g2g:formKey="preview/approve" />
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
            """), "preview-forms.bpmn", new Dictionary<string, string> { ["preview/approve"] = ApproveForm }));
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    private static string Process(string key, string body) => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="{key}" name="预览 {key}" isExecutable="true">{body}</bpmn:process>
        </bpmn:definitions>
        """;

    /// <summary>填写 (the initiator) → 核对 (a service task) → 处长审批 (the department head, 1 working day, a form, an opinion)
    /// → 同意: 主要领导审批 (the agency's leader, 2 working days, with a 3-day timer that closes the request); 不同意: the end.</summary>
    private static readonly string Draft = Process("preview-leave", """
        <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="toApply" sourceRef="start" targetRef="apply" />
        <bpmn:userTask id="apply" name="填写" g2g:assignee="initiator()" />
        <bpmn:sequenceFlow id="toReserve" sourceRef="apply" targetRef="reserve" />
        <bpmn:serviceTask id="reserve" name="核对" g2g:action="preview.reserve" />
        <bpmn:sequenceFlow id="toHead" sourceRef="reserve" targetRef="head" />
        <bpmn:userTask id="head" name="处长审批" g2g:assignee="departmentHead(initiator.department)" g2g:due="1wd" g2g:escalateAfter="1wd"
                       g2g:formKey="preview/approve" g2g:opinion="required" />
        <bpmn:sequenceFlow id="afterHead" sourceRef="head" targetRef="decided" />
        <bpmn:exclusiveGateway id="decided" default="approved" />
        <bpmn:sequenceFlow id="rejected" sourceRef="decided" targetRef="no"><bpmn:conditionExpression>decision = 'reject'</bpmn:conditionExpression></bpmn:sequenceFlow>
        <bpmn:endEvent id="no" />
        <bpmn:sequenceFlow id="approved" sourceRef="decided" targetRef="principal" />
        <bpmn:userTask id="principal" name="主要领导审批" g2g:assignee="leader(initiator.agency)" g2g:due="2wd" />
        <bpmn:boundaryEvent id="late" name="三日未批" attachedToRef="principal"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
        <bpmn:sequenceFlow id="toClosed" sourceRef="late" targetRef="closed" /><bpmn:endEvent id="closed" />
        <bpmn:sequenceFlow id="toDone" sourceRef="principal" targetRef="done" /><bpmn:endEvent id="done" />
        """);

    private Task<T> As<T>(Caller caller, Func<DesignerPreviewService, Task<T>> work) => _runtime.In(s =>
    {
        s.GetRequiredService<CallerContext>().Current = caller;
        return work(s.GetRequiredService<DesignerPreviewService>());
    });

    /// <summary>The number of rows of every table of the model.</summary>
    private Task<Dictionary<string, int>> RowCountsAsync() => _runtime.Query(async db =>
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var tables = db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null)
            .Select(e => sql.DelimitIdentifier(e.GetTableName()!, e.GetSchema())).Distinct().Order(StringComparer.Ordinal).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var table in tables)
#pragma warning disable EF1002 // the table names come from the model, not from input
            counts[table] = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM {table}").SingleAsync();
#pragma warning restore EF1002
        return counts;
    });

    private static DateTimeOffset Cn(int month, int day, int hour) => new(2026, month, day, hour, 0, 0, China);

    [DatabaseFact]
    public async Task APreview_StepsThroughTheDraft_ShowingWhoGetsEachStepAndWhenItIsDue_AndWritesNothing()
    {
        // 省财政厅 does not work on Tuesday 24 November (an agency's override of the calendar): one working day from Monday is Wednesday.
        await _runtime.In(s => s.GetRequiredService<CalendarService>().SetOverrideAsync("sf-fin", new DateOnly(2026, 11, 24), false, "检修", "admin", default));
        var before = await RowCountsAsync();

        var run = await As(Designer, p => p.StartAsync(new PreviewRequest(Draft, "zheng.kai")));

        Assert.False(run.Refused);
        var apply = Assert.Single(run.OpenTasks);
        Assert.Equal(("apply", "zheng.kai", "initiator()"), (apply.ElementId, apply.Assignment?.Assignee, apply.Rule));
        Assert.Equal(["apply"], run.Current);

        run = await As(Designer, p => p.CompleteTaskAsync(run, apply.TaskId, null, null, null));

        var head = Assert.Single(run.OpenTasks);
        Assert.Equal(("head", "wu.fang", "departmentHead('sf-fin-ysc-1')"), (head.ElementId, head.Assignment?.Assignee, head.Rule));
        Assert.Equal(Cn(11, 25, 9), head.DueAt);
        Assert.Equal(Cn(11, 26, 9), head.EscalateAt);
        Assert.True(head.OpinionRequired);
        Assert.Equal(["decision"], head.Fields?.Select(f => f.Key));
        var reached = Assert.Single(run.Steps[^1].ServicesNotRun);
        Assert.Equal(("reserve", "preview.reserve"), (reached.ElementId, reached.Action));
        Assert.Contains("reserve", run.Steps[^1].Passed);
        Assert.Contains("toHead", run.Taken);

        // Refused as the runtime refuses it: the form's required decision and the step's opinion; the run is as it was.
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p => p.CompleteTaskAsync(run, head.TaskId, null, null, null)));
        Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);
        Assert.Equal(["comment", "decision"], refused.FieldErrors!.Keys.Order(StringComparer.Ordinal));

        run = await As(Designer, p => p.CompleteTaskAsync(run, head.TaskId, new Dictionary<string, Value> { ["decision"] = Value.From("approve") }, "approve", "同意"));

        var principal = Assert.Single(run.OpenTasks);
        Assert.Equal(("principal", "liu.cai"), (principal.ElementId, principal.Assignment?.Assignee));
        Assert.Equal(Cn(11, 26, 9), principal.DueAt); // two working days from Monday without Tuesday
        var timer = Assert.Single(run.Waits);
        Assert.Equal((PreviewWaitKind.Timer, "late", "三日未批"), (timer.Kind, timer.ElementId, timer.ElementName));
        Assert.Equal(Cn(11, 26, 9), timer.DueAt);

        run = await As(Designer, p => p.TriggerAsync(run, timer));

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Empty(run.OpenTasks);
        Assert.Empty(run.Waits);
        Assert.Equal(Cn(11, 26, 9), run.Now);
        Assert.Contains("closed", run.Taken);
        Assert.DoesNotContain("done", run.Taken);
        var fired = run.Steps[^1];
        Assert.Equal(("late", Cn(11, 26, 9)), (fired.ElementId, fired.At));
        Assert.Equal([new PreviewTaskChange("principal", null, CancelReason.Interrupted)], fired.Closed);
        Assert.Equal([PreviewAction.Started, PreviewAction.Completed, PreviewAction.Completed, PreviewAction.TimerFired], run.Steps.Select(s => s.Action));
        Assert.Equal(before, await RowCountsAsync());
    }

    /// <summary>填写 → 处长审批 (may send back to 填写 and add signers) → 主要领导审批 (neither).</summary>
    private static readonly string Operations = Process("preview-ops", """
        <bpmn:startEvent id="start" /><bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="apply" />
        <bpmn:userTask id="apply" name="填写" g2g:assignee="initiator()" />
        <bpmn:sequenceFlow id="f2" sourceRef="apply" targetRef="head" />
        <bpmn:userTask id="head" name="处长审批" g2g:assignee="departmentHead(initiator.department)" g2g:operations="sendBack,addSigner"
                       g2g:sendBackTo="apply" />
        <bpmn:sequenceFlow id="f3" sourceRef="head" targetRef="principal" />
        <bpmn:userTask id="principal" name="主要领导审批" g2g:assignee="leader(initiator.agency)" />
        <bpmn:sequenceFlow id="f4" sourceRef="principal" targetRef="done" /><bpmn:endEvent id="done" />
        """);

    private async Task<(PreviewRun Run, PreviewTask Head)> AtHeadAsync()
    {
        var run = await As(Designer, p => p.StartAsync(new PreviewRequest(Operations, "zheng.kai")));
        run = await As(Designer, p => p.CompleteTaskAsync(run, run.OpenTasks[0].TaskId, null, null, null));
        return (run, Assert.Single(run.OpenTasks));
    }

    [DatabaseFact]
    public async Task TheDraftsOwnForm_IsDrawnAndChecked_AndAnUnusableOneRefusesTheRun()
    {
        // The draft's 处长审批 form asks for a note as well; the deployed one has only the decision.
        const string edited = """
            { "components": [
              { "type": "textfield", "key": "note", "label": "备注", "validate": { "required": true } },
              { "type": "radio", "key": "decision", "label": "审批结果", "validate": { "required": true },
                "values": [ { "value": "approve", "label": "同意" }, { "value": "reject", "label": "不同意" } ] } ] }
            """;
        var request = new PreviewRequest(Draft, "zheng.kai") { Forms = new Dictionary<string, string> { ["preview/approve"] = edited } };
        var run = await As(Designer, p => p.StartAsync(request));
        run = await As(Designer, p => p.CompleteTaskAsync(run, run.OpenTasks[0].TaskId, null, null, null));

        var head = Assert.Single(run.OpenTasks);
        Assert.True(head.FormFromDraft);
        Assert.Equal(["note", "decision"], head.Fields?.Select(f => f.Key));
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p =>
            p.CompleteTaskAsync(run, head.TaskId, new Dictionary<string, Value> { ["decision"] = Value.From("reject") }, "reject", "不同意")));
        Assert.Equal(["note"], refused.FieldErrors!.Keys);

        // 不同意 (reject): the request ends at once.
        run = await As(Designer, p => p.CompleteTaskAsync(run, head.TaskId,
            new Dictionary<string, Value> { ["decision"] = Value.From("reject"), ["note"] = Value.From("材料不全") }, "reject", "不同意"));
        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Contains("no", run.Taken);
        Assert.Equal(("reject", "wu.fang"), (run.Steps[^1].Outcome, run.Steps[^1].By));

        // Without the draft's forms the deployed form is used; a form the deploy would refuse refuses the preview as 校验 does.
        var deployed = await As(Designer, p => p.StartAsync(new PreviewRequest(Draft, "zheng.kai")));
        deployed = await As(Designer, p => p.CompleteTaskAsync(deployed, deployed.OpenTasks[0].TaskId, null, null, null));
        Assert.Equal((false, "decision"), (deployed.OpenTasks[0].FormFromDraft, Assert.Single(deployed.OpenTasks[0].Fields!).Key));
        var broken = await As(Designer, p => p.StartAsync(request with
        {
            Forms = new Dictionary<string, string> { ["preview/approve"] = """{ "components": [ { "type": "textfield" } ] }""" },
        }));
        Assert.True(broken.Refused);
        Assert.Equal("head", Assert.Single(broken.Diagnostics, d => d.Code == DesignerService.FormInvalid).ElementId);
    }

    [DatabaseFact]
    public async Task AStepIsSentBack_ToATargetItsDefinitionAllows_FromTheTopOrBackToTheSender_AndWritesNothing()
    {
        var before = await RowCountsAsync();
        var (run, head) = await AtHeadAsync();
        Assert.Equal([new StepRef("apply", "填写")], head.SendBackTargets);
        Assert.True(head.Operations.HasFlag(TaskOperations.SendBack));

        // Only to what g2g:sendBackTo names: the step itself is no earlier step, and the run is as it was.
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p => p.SendBackAsync(run, head.TaskId, "head", ResumeMode.FromTop)));
        Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);
        Assert.Equal([head], run.OpenTasks);

        var sent = await As(Designer, p => p.SendBackAsync(run, head.TaskId, "apply", ResumeMode.FromTop));

        var apply = Assert.Single(sent.OpenTasks);
        Assert.Equal(("apply", "zheng.kai"), (apply.ElementId, apply.Holder));
        var step = sent.Steps[^1];
        Assert.Equal((PreviewAction.SentBack, "head", "wu.fang", "apply", ResumeMode.FromTop), (step.Action, step.ElementId, step.By, step.Target, step.Resume));
        Assert.Equal([new PreviewTaskChange("apply", "zheng.kai")], step.Opened);
        Assert.Empty(step.Closed); // the sender's own task is the step itself
        sent = await As(Designer, p => p.CompleteTaskAsync(sent, apply.TaskId, null, null, null));
        Assert.Equal("head", Assert.Single(sent.OpenTasks).ElementId); // from the top: through 处长审批 again

        // Back to the sender: once 填写 is done again, the work returns to 处长审批 … and 处长审批 may not skip itself.
        var back = await As(Designer, p => p.SendBackAsync(run, head.TaskId, "apply", ResumeMode.ReturnToSender));
        back = await As(Designer, p => p.CompleteTaskAsync(back, back.OpenTasks[0].TaskId, null, null, null));
        Assert.Equal(("head", "wu.fang"), (back.OpenTasks[0].ElementId, back.OpenTasks[0].Holder));

        // 主要领导审批 allows no send-back.
        back = await As(Designer, p => p.CompleteTaskAsync(back, back.OpenTasks[0].TaskId, null, null, null));
        var principal = Assert.Single(back.OpenTasks);
        Assert.Empty(principal.SendBackTargets);
        var notAllowed = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p => p.SendBackAsync(back, principal.TaskId, "apply", ResumeMode.FromTop)));
        Assert.Equal(RuntimeErrorCode.NotAllowed, notAllowed.Code);
        Assert.Equal(before, await RowCountsAsync());
    }

    [DatabaseFact]
    public async Task SignersAreAddedBeforeAndAfterAStep_AndRemoved_AsItsDefinitionAllows()
    {
        var (run, head) = await AtHeadAsync();

        // Before: 黄强's task takes the place of 吴芳's until he has signed.
        var before = await As(Designer, p => p.AddSignerAsync(run, head.TaskId, "huang.qiang", SignerPosition.Before));
        var signer = Assert.Single(before.OpenTasks);
        Assert.Equal(("head", "huang.qiang", SignerPosition.Before), (signer.ElementId, signer.Holder, signer.Signer?.Position));
        Assert.Equal((PreviewAction.SignerAdded, "wu.fang", "huang.qiang", SignerPosition.Before),
            (before.Steps[^1].Action, before.Steps[^1].By, before.Steps[^1].Target, before.Steps[^1].Position));
        Assert.Equal([new PreviewTaskChange("head", "huang.qiang")], before.Steps[^1].Opened);
        before = await As(Designer, p => p.CompleteTaskAsync(before, signer.TaskId, null, null, null));
        Assert.Equal(("head", "wu.fang"), (before.OpenTasks[0].ElementId, before.OpenTasks[0].Holder));
        Assert.Equal("huang.qiang", before.Steps[^1].By);

        // After: 吴芳 keeps her task, 黄强 waits behind her (减签 would take him off), and signs before the flow moves on.
        var after = await As(Designer, p => p.AddSignerAsync(run, head.TaskId, "huang.qiang", SignerPosition.After));
        Assert.Equal(["huang.qiang"], Assert.Single(after.OpenTasks).PendingSigners);
        var removed = await As(Designer, p => p.RemoveSignerAsync(after, head.TaskId, "huang.qiang"));
        Assert.Empty(removed.OpenTasks[0].PendingSigners);
        Assert.Equal((PreviewAction.SignerRemoved, "huang.qiang"), (removed.Steps[^1].Action, removed.Steps[^1].Target));
        after = await As(Designer, p => p.CompleteTaskAsync(after, head.TaskId, null, null, null));
        Assert.Equal(("head", "huang.qiang"), (after.OpenTasks[0].ElementId, after.OpenTasks[0].Holder));
        after = await As(Designer, p => p.CompleteTaskAsync(after, after.OpenTasks[0].TaskId, null, null, null));
        Assert.Equal("principal", after.OpenTasks[0].ElementId);

        // Nobody of the organisation, or a step that does not allow it: refused, the run as it was.
        var stranger = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p => p.AddSignerAsync(run, head.TaskId, "no.body", SignerPosition.After)));
        Assert.Equal(["signer"], stranger.FieldErrors!.Keys);
        var notAllowed = await Assert.ThrowsAsync<RuntimeException>(() =>
            As(Designer, p => p.AddSignerAsync(after, after.OpenTasks[0].TaskId, "huang.qiang", SignerPosition.After)));
        Assert.Equal(RuntimeErrorCode.NotAllowed, notAllowed.Code);
        Assert.Empty(run.OpenTasks[0].PendingSigners);
    }

    [DatabaseFact]
    public async Task EachSignerOfAVote_CompletesOnTheirOwn_UntilItsRuleDecides()
    {
        // 票签 of three: more than half approving or rejecting decides; the third signer's task is closed then.
        var vote = Process("preview-vote", """
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="vote" />
            <bpmn:userTask id="vote" name="班子票签" g2g:assignee="user(signer)">
              <bpmn:multiInstanceLoopCharacteristics isSequential="false" g2g:collection="signers" g2g:elementVariable="signer">
                <bpmn:completionCondition>nrOfApproved / nrOfInstances &gt; 0.5 or nrOfRejected / nrOfInstances &gt; 0.5</bpmn:completionCondition>
              </bpmn:multiInstanceLoopCharacteristics>
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f2" sourceRef="vote" targetRef="e" /><bpmn:endEvent id="e" />
            """);
        var signers = Value.From(new[] { "liu.cai", "sun.li", "huang.qiang" }.Select(Value.From).ToList());
        var run = await As(Designer, p => p.StartAsync(new PreviewRequest(vote, "zheng.kai") { Variables = new Dictionary<string, Value> { ["signers"] = signers } }));

        Assert.Equal(["liu.cai", "sun.li", "huang.qiang"], run.OpenTasks.Select(t => t.Holder));
        Assert.Equal([0, 1, 2], run.OpenTasks.Select(t => t.LoopCounter));
        Assert.Equal(new PreviewMultiInstance("vote", false, 3, 0, 0, 0, "nrOfApproved / nrOfInstances > 0.5 or nrOfRejected / nrOfInstances > 0.5"),
            Assert.Single(run.MultiInstances));

        run = await As(Designer, p => p.CompleteTaskAsync(run, run.OpenTasks[1].TaskId, null, "reject", null));
        Assert.Equal((3, 1, 0, 1), (run.MultiInstances[0].Instances, run.MultiInstances[0].Completed, run.MultiInstances[0].Approved, run.MultiInstances[0].Rejected));
        Assert.Equal(("sun.li", "reject"), (run.Steps[^1].By, run.Steps[^1].Outcome));
        Assert.Equal(["liu.cai", "huang.qiang"], run.OpenTasks.Select(t => t.Holder));
        run = await As(Designer, p => p.CompleteTaskAsync(run, run.OpenTasks[0].TaskId, null, "reject", null));

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Empty(run.OpenTasks);
        Assert.Empty(run.MultiInstances);
        Assert.Equal([new PreviewTaskChange("vote", null, CancelReason.CompletionConditionMet)], run.Steps[^1].Closed);
    }

    [DatabaseFact]
    public async Task AProcessStartsAtItsMessageOrTimerStartEvent()
    {
        var events = Process("preview-starts", """
            <bpmn:startEvent id="byHand" name="登记" /><bpmn:sequenceFlow id="f1" sourceRef="byHand" targetRef="register" />
            <bpmn:startEvent id="received" name="收到来文"><bpmn:messageEventDefinition messageRef="m" /></bpmn:startEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="received" targetRef="register" />
            <bpmn:startEvent id="daily" name="每日汇总"><bpmn:timerEventDefinition><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:startEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="daily" targetRef="register" />
            <bpmn:userTask id="register" name="登记" g2g:assignee="initiator()" g2g:due="1wd" />
            <bpmn:sequenceFlow id="f4" sourceRef="register" targetRef="e" /><bpmn:endEvent id="e" />
            """).Replace("</bpmn:process>", "</bpmn:process><bpmn:message id=\"m\" name=\"来文\" />", StringComparison.Ordinal);

        var starts = await As(Designer, p => Task.FromResult(p.StartEvents(events)));
        Assert.Equal([
            new PreviewStart("byHand", "登记", PreviewStartKind.None, null),
            new PreviewStart("received", "收到来文", PreviewStartKind.Message, "来文"),
            new PreviewStart("daily", "每日汇总", PreviewStartKind.Timer, "P1D"),
        ], starts);

        var byMessage = await As(Designer, p => p.StartAsync(new PreviewRequest(events, "zheng.kai")
        {
            StartEventId = "received", Variables = new Dictionary<string, Value> { ["docNo"] = Value.From("示财〔2026〕1号") },
        }));
        Assert.Equal((PreviewAction.Started, "received", "zheng.kai"), (byMessage.Steps[0].Action, byMessage.Steps[0].ElementId, byMessage.Steps[0].By));
        Assert.Contains("received", byMessage.Taken);
        Assert.Equal(Value.From("示财〔2026〕1号"), byMessage.Variables["docNo"]);
        Assert.Equal(Cn(11, 23, 9), byMessage.Now);

        // A timer start: the preview's clock is at the timer's time, and the step is due a working day after it.
        var byTimer = await As(Designer, p => p.StartAsync(new PreviewRequest(events, "zheng.kai") { StartEventId = "daily" }));
        Assert.Equal(Cn(11, 24, 9), byTimer.Now);
        Assert.Equal(Cn(11, 25, 9), byTimer.OpenTasks[0].DueAt);

        var unknown = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p => p.StartAsync(new PreviewRequest(events, "zheng.kai") { StartEventId = "nowhere" })));
        Assert.Equal(RuntimeErrorCode.Invalid, unknown.Code);
    }

    [DatabaseFact]
    public async Task ADraftThatDoesNotValidate_IsNotRun_AndCarriesTheValidatorsMessages()
    {
        var broken = Draft.Replace("g2g:action=\"preview.reserve\"", "", StringComparison.Ordinal);

        var run = await As(Designer, p => p.StartAsync(new PreviewRequest(broken, "zheng.kai")));

        Assert.True(run.Refused);
        var error = Assert.Single(run.Diagnostics, d => d.Code == "service.no-action");
        Assert.Equal("reserve", error.ElementId);
        Assert.Empty(run.OpenTasks);
        Assert.Empty(run.Steps);
    }

    [DatabaseFact]
    public async Task ARuleThatFindsNobody_SaysWhy_ATaskNotOpenIsRefused_AndOnlyDesignersMayPreview()
    {
        var vacant = Process("preview-vacant", """
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="t" />
            <bpmn:userTask id="t" name="审核" g2g:assignee="position('不存在的职位')" />
            <bpmn:sequenceFlow id="f2" sourceRef="t" targetRef="e" /><bpmn:endEvent id="e" />
            """);

        var run = await As(Designer, p => p.StartAsync(new PreviewRequest(vacant, "zheng.kai")));

        var task = Assert.Single(run.OpenTasks);
        Assert.Null(task.Assignment);
        Assert.Contains("不存在的职位", task.Unresolved, StringComparison.Ordinal);
        var gone = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p => p.CompleteTaskAsync(run, task.TaskId + 100, null, null, null)));
        Assert.Equal(RuntimeErrorCode.Conflict, gone.Code);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Clerk, p => p.StartAsync(new PreviewRequest(vacant, "zheng.kai"))));
        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
    }
}

public sealed class SqliteDesignerPreviewTests(SqliteTestDatabase database) : DesignerPreviewTests<SqliteTestDatabase>(database);

public sealed class PostgresDesignerPreviewTests(PostgresTestDatabase database) : DesignerPreviewTests<PostgresTestDatabase>(database);
