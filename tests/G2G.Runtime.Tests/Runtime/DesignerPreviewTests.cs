using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Runtime.Calendar;
using G2G.Runtime.Definitions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Persistence;
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
/// without its action running; the database's every table has as many rows afterwards as before. A draft with errors is
/// not run; a rule that finds nobody says why; only designers may preview.
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

        var run = await As(Designer, p => p.StartAsync(Draft, "zheng.kai"));

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
        Assert.Equal([PreviewAction.Started, PreviewAction.Completed, PreviewAction.Completed, PreviewAction.TimerFired], run.Steps.Select(s => s.Action));
        Assert.Equal(before, await RowCountsAsync());
    }

    [DatabaseFact]
    public async Task ADraftThatDoesNotValidate_IsNotRun_AndCarriesTheValidatorsMessages()
    {
        var broken = Draft.Replace("g2g:action=\"preview.reserve\"", "", StringComparison.Ordinal);

        var run = await As(Designer, p => p.StartAsync(broken, "zheng.kai"));

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

        var run = await As(Designer, p => p.StartAsync(vacant, "zheng.kai"));

        var task = Assert.Single(run.OpenTasks);
        Assert.Null(task.Assignment);
        Assert.Contains("不存在的职位", task.Unresolved, StringComparison.Ordinal);
        var gone = await Assert.ThrowsAsync<RuntimeException>(() => As(Designer, p => p.CompleteTaskAsync(run, task.TaskId + 100, null, null, null)));
        Assert.Equal(RuntimeErrorCode.Conflict, gone.Code);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => As(Clerk, p => p.StartAsync(vacant, "zheng.kai")));
        Assert.Equal(RuntimeErrorCode.NotAllowed, refused.Code);
    }
}

public sealed class SqliteDesignerPreviewTests(SqliteTestDatabase database) : DesignerPreviewTests<SqliteTestDatabase>(database);

public sealed class PostgresDesignerPreviewTests(PostgresTestDatabase database) : DesignerPreviewTests<PostgresTestDatabase>(database);
