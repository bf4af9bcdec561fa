using System.Text.Json;
using Bunit;
using G2G.Engine.Expressions;
using G2G.Engine.Validation;
using G2G.Runtime;
using G2G.Runtime.Assignment;
using G2G.Runtime.Definitions;
using G2G.Runtime.Forms;
using G2G.Runtime.Organisation;
using G2G.Web.Components.Design;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The designer's preview panel: an open step shows who would get it (by name), its rule and its deadlines; a decision
/// field becomes its buttons and completes with the choice as outcome; a refusal shows at the fields and the opinion it
/// names; waits are triggered by hand; a rule that finds nobody says why; a refused diagram is not run; start variables
/// must be a JSON object.
/// </summary>
public sealed class PreviewPanelTests : WorkContext
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    private const string ApproveForm = """
        { "components": [
          { "type": "textfield", "key": "note", "label": "备注 Note", "validate": { "required": true } },
          { "type": "radio", "key": "decision", "label": "审批结果 Decision", "validate": { "required": true },
            "values": [ { "value": "approve", "label": "同意 Approve" }, { "value": "reject", "label": "不同意 Reject" } ] } ] }
        """;

    private static readonly DirectoryNames Names = new(new Dictionary<string, string> { ["wu.fang"] = "吴芳", ["liu.cai"] = "刘财" },
        new Dictionary<string, string>(), new Dictionary<string, string>());

    private readonly List<(long TaskId, IReadOnlyDictionary<string, Value>? Values, string? Outcome, string? Opinion)> _completed = [];
    private readonly List<PreviewWait> _triggered = [];
    private readonly List<IReadOnlyDictionary<string, Value>?> _started = [];

    /// <summary>What the next completion does: null completes it, a refusal is thrown.</summary>
    private RuntimeException? _refusal;

    private static PreviewTask Head(TaskAssignment? assignment, string? unresolved = null)
    {
        using var json = JsonDocument.Parse(ApproveForm);
        return new PreviewTask(7, "head", "处长审批 Head", "leave/approve", "departmentHead('sf-fin-ysc-1')", assignment, unresolved,
            Monday, Monday.AddDays(2), false, Monday.AddDays(2).AddHours(-2), Monday.AddDays(3), true, FormSchema.Parse(ApproveForm).Fields)
        {
            FormJson = json.RootElement.Clone(),
        };
    }

    private static readonly PreviewWait Timer = new(PreviewWaitKind.Timer, 12, "late", "三日未批", null, Monday.AddDays(3));

    private IRenderedComponent<PreviewPanel> Render(PreviewRun? run) =>
        Context.Render<PreviewPanel>(p => p.Add(c => c.Run, run).Add(c => c.Names, Names)
            .Add(c => c.Start, (_, variables) =>
            {
                _started.Add(variables);
                return Task.CompletedTask;
            })
            .Add(c => c.Complete, (taskId, values, outcome, opinion) =>
            {
                if (_refusal is { } refusal)
                {
                    _refusal = null;
                    throw refusal;
                }
                _completed.Add((taskId, values, outcome, opinion));
                return Task.CompletedTask;
            })
            .Add(c => c.Trigger, wait =>
            {
                _triggered.Add(wait);
                return Task.CompletedTask;
            }));

    private static PreviewRun Running(params PreviewTask[] tasks) => new([])
    {
        OpenTasks = tasks, Waits = [Timer], Now = Monday,
        Steps = [new PreviewStep(PreviewAction.Started, null, null, Monday, ["start"], [new PreviewServiceCall("reserve", "leave.reserve")])],
    };

    [Fact]
    public void AnOpenStep_ShowsWhoWouldGetIt_ItsRule_AndItsDeadlines_AndAServiceTaskNotRun()
    {
        var panel = Render(Running(Head(new TaskAssignment("wu.fang", [], []))));

        var task = panel.Find("article[data-element-id=head]");
        Assert.Contains("处长审批", task.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Head", task.QuerySelector("h4")!.TextContent, StringComparison.Ordinal); // the Chinese half of the label
        Assert.Equal("吴芳", task.QuerySelector("[data-testid=preview-assignee]")!.TextContent.Trim());
        Assert.Equal("2026-11-25 09:00", task.QuerySelector("[data-testid=preview-due]")!.TextContent.Trim());
        Assert.Contains("departmentHead('sf-fin-ysc-1')", task.TextContent, StringComparison.Ordinal);
        Assert.Contains("2026-11-25 07:00", task.TextContent, StringComparison.Ordinal); // the reminder
        Assert.Contains("2026-11-26 09:00", task.TextContent, StringComparison.Ordinal); // the escalation
        Assert.Equal(["approve", "reject"], task.QuerySelectorAll("button[data-choice]").Select(b => b.GetAttribute("data-choice")));
        Assert.Contains("服务任务 reserve（leave.reserve）未执行", panel.Find("[data-testid=preview-steps]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ADecision_CompletesWithTheChoiceAsOutcome_AfterARefusalShownAtItsFieldsAndOpinion()
    {
        var panel = Render(Running(Head(new TaskAssignment("wu.fang", [], []))));
        _refusal = new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.SubmissionInvalid(7, 2))
        {
            FieldErrors = new Dictionary<string, RuntimeText[]>
            {
                ["note"] = [RuntimeMessages.FieldRequired("备注")], ["comment"] = [RuntimeMessages.OpinionRequired()],
            },
        };

        panel.Find("button[data-choice=approve]").Click();

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindAll("#preview-opinion-7-error, .mud-input-control-helper-container .mud-input-error")), Patience);
        Assert.Contains("请修改标出的内容", panel.Find("article[data-element-id=head]").TextContent, StringComparison.Ordinal);
        Assert.Contains("备注", panel.Find("article[data-element-id=head]").TextContent, StringComparison.Ordinal);
        Assert.Empty(_completed);

        panel.Find("#field-note").Input("请假期间由张三代办");
        Typing.Type(panel, "#preview-opinion-7", "同意");
        panel.Find("button[data-choice=approve]").Click();

        panel.WaitForAssertion(() => Assert.Single(_completed), Patience);
        var (taskId, values, outcome, opinion) = _completed[0];
        Assert.Equal((7L, "approve", "同意"), (taskId, outcome, opinion));
        Assert.Equal(Value.From("approve"), values!["decision"]);
        Assert.Equal(Value.From("请假期间由张三代办"), values["note"]);
    }

    [Fact]
    public void AWait_IsTriggeredByHand()
    {
        var panel = Render(Running(Head(new TaskAssignment("wu.fang", [], []))));

        Assert.Contains("2026-11-26 09:00", panel.Find("li[data-element-id=late]").TextContent, StringComparison.Ordinal);
        panel.Find("li[data-element-id=late] button").Click();

        panel.WaitForAssertion(() => Assert.Equal([Timer], _triggered), Patience);
    }

    [Fact]
    public void ARuleThatFindsNobody_SaysWhy_AndCandidatesAreNamed()
    {
        var nobody = Render(Running(Head(null, "nobody holds 处长 in sf-fin-ysc-1.")));
        Assert.Contains("无人可办: nobody holds 处长", nobody.Find("[data-testid=preview-assignee]").TextContent, StringComparison.Ordinal);

        var candidates = Render(Running(Head(new TaskAssignment(null, ["wu.fang", "liu.cai"], ["收发室"]))));
        Assert.Equal("候选人: 吴芳、刘财；候选组: 收发室", candidates.Find("[data-testid=preview-assignee]").TextContent.Trim());
    }

    [Fact]
    public void ARefusedDiagram_IsNotRun()
    {
        var panel = Render(new PreviewRun([new Diagnostic(DiagnosticSeverity.Error, "service.no-action", "reserve", "serviceTask", 9, 5, "No action.")]));

        Assert.Contains("没有运行", panel.Find("[data-testid=preview-refused]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("article"));
    }

    [Fact]
    public void StartVariables_MustBeAJsonObject()
    {
        var panel = Render(null);

        Typing.Type(panel, "#preview-variables", "[1, 2]");
        panel.Find("[data-testid=preview-start]").Click();
        panel.WaitForAssertion(() => Assert.Contains("JSON 对象", panel.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(_started);

        Typing.Type(panel, "#preview-variables", """{"approvalLevel": 2, "skipHead": false}""");
        panel.Find("[data-testid=preview-start]").Click();

        panel.WaitForAssertion(() => Assert.Single(_started), Patience);
        Assert.Equal(Value.From(2), _started[0]!["approvalLevel"]);
        Assert.Equal(Value.False, _started[0]!["skipHead"]);
    }
}
