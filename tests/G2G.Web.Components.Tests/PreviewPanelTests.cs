using System.Text.Json;
using Bunit;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Validation;
using G2G.Runtime;
using G2G.Runtime.Assignment;
using G2G.Runtime.Definitions;
using G2G.Runtime.Forms;
using G2G.Runtime.Organisation;
using G2G.Runtime.Queries;
using G2G.Web.Components.Design;

namespace G2G.Web.Components.Tests;

/// <summary>
/// The designer's preview panel: an open step shows who would get it (by name), its rule and its deadlines; a decision
/// field becomes its buttons and completes with the choice as outcome; a refusal shows at the fields and the opinion it
/// names; waits are triggered by hand; a rule that finds nobody says why; a refused diagram is not run; start variables
/// must be a JSON object. Exactly the operations a step allows are offered: 退回 to a chosen step and how it resumes, 加签
/// with its position, 减签 of a signer still to act (the others named as not previewed); a start event is chosen; the
/// trace says who did what, the tasks each step opened and closed, and a 会签's progress; in English too.
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

    private static readonly DirectoryNames Names = new(new Dictionary<string, string> { ["wu.fang"] = "吴芳", ["liu.cai"] = "刘财", ["zheng.kai"] = "郑凯" },
        new Dictionary<string, string>(), new Dictionary<string, string>());

    private readonly List<(long TaskId, IReadOnlyDictionary<string, Value>? Values, string? Outcome, string? Opinion)> _completed = [];
    private readonly List<PreviewWait> _triggered = [];
    private readonly List<IReadOnlyDictionary<string, Value>?> _started = [];
    private readonly List<string?> _startedAt = [];
    private readonly List<(long TaskId, string Target, ResumeMode Resume)> _sentBack = [];
    private readonly List<(long TaskId, string Signer)> _removed = [];

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

    private IRenderedComponent<PreviewPanel> Render(PreviewRun? run, IReadOnlyList<PreviewStart>? starts = null) =>
        Context.Render<PreviewPanel>(p => p.Add(c => c.Run, run).Add(c => c.Names, Names).Add(c => c.Starts, starts ?? [])
            .Add(c => c.Start, (_, at, variables) =>
            {
                _started.Add(variables);
                _startedAt.Add(at);
                return Task.CompletedTask;
            })
            .Add(c => c.SendBack, (taskId, target, resume) =>
            {
                _sentBack.Add((taskId, target, resume));
                return Task.CompletedTask;
            })
            .Add(c => c.AddSigner, (_, _, _) => Task.CompletedTask)
            .Add(c => c.RemoveSigner, (taskId, signer) =>
            {
                _removed.Add((taskId, signer));
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
        var panel = Render(new PreviewRun([new Diagnostic(DiagnosticSeverity.Error, "service.no-action", "reserve", "serviceTask", 9, 5, DiagnosticTexts.ServiceWithoutAction("reserve"))]));

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
    /// <summary>处长审批 as leave draws it: it may send back to 填写 or 科长审核, add signers, transfer and copy.</summary>
    private static PreviewTask Sending(params string[] pending) => Head(new TaskAssignment("wu.fang", [], [])) with
    {
        Operations = TaskOperations.SendBack | TaskOperations.AddSigner | TaskOperations.Transfer | TaskOperations.Copy,
        SendBackTargets = [new StepRef("apply", "填写 Apply"), new StepRef("check", "科长审核")],
        PendingSigners = pending,
    };

    [Fact]
    public void ExactlyTheOperationsTheStepAllows_AreOffered_AndTheOthersNamedAsNotPreviewed()
    {
        var allowing = Render(Running(Sending())).Find("article[data-element-id=head]");
        Assert.NotNull(allowing.QuerySelector("[data-testid=preview-send-back]"));
        Assert.NotNull(allowing.QuerySelector("[data-testid=preview-add-signer]"));
        Assert.Contains("本步还允许转办、抄送", allowing.TextContent, StringComparison.Ordinal);

        var plain = Render(Running(Head(new TaskAssignment("wu.fang", [], [])))).Find("article[data-element-id=head]");
        Assert.Null(plain.QuerySelector("[data-testid=preview-send-back]"));
        Assert.Null(plain.QuerySelector("[data-testid=preview-add-signer]"));
        Assert.DoesNotContain("本步还允许", plain.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ASendBack_GoesToTheStepChosen_ResumingAsChosen()
    {
        var panel = Render(Running(Sending()));

        panel.Find("[data-testid=preview-send-back]").Click();
        var form = panel.Find("[data-testid=preview-send-back-form]");
        Assert.Contains("填写", form.TextContent, StringComparison.Ordinal);
        Assert.Contains("科长审核", form.TextContent, StringComparison.Ordinal);
        panel.Find("input[data-target=check]").Click();
        var radios = panel.FindAll("[data-testid=preview-send-back-form] input[type=radio]");
        radios[^1].Click(); // 直接回到本环节
        panel.Find("[data-testid=preview-send-back-confirm]").Click();

        panel.WaitForAssertion(() => Assert.Equal([(7L, "check", ResumeMode.ReturnToSender)], _sentBack), Patience);
    }

    [Fact]
    public void AddingASigner_AsksForThePersonAndWhen_AndASignerStillToActIsRemoved()
    {
        var panel = Render(Running(Sending("liu.cai")));

        panel.Find("[data-testid=preview-add-signer]").Click();
        var form = panel.Find("[data-testid=preview-add-signer-form]");
        Assert.Contains("在本环节办理人之前", form.TextContent, StringComparison.Ordinal);
        Assert.Contains("在本环节办理人之后", form.TextContent, StringComparison.Ordinal);
        Assert.True(panel.Find("[data-testid=preview-add-signer-confirm]").HasAttribute("disabled")); // nobody picked yet

        Assert.Contains("之后由 刘财 加签办理", panel.Find("article[data-element-id=head]").TextContent, StringComparison.Ordinal);
        panel.Find("[data-testid=preview-remove-signer]").Click();
        panel.WaitForAssertion(() => Assert.Equal([(7L, "liu.cai")], _removed), Patience);
    }

    [Fact]
    public void AStartEvent_IsChosen()
    {
        var panel = Render(null, [
            new PreviewStart("start", "提出申请", PreviewStartKind.None, null),
            new PreviewStart("received", "收到来文", PreviewStartKind.Message, "来文"),
            new PreviewStart("daily", "每日汇总", PreviewStartKind.Timer, "P1D"),
        ]);

        var starts = panel.Find("[data-testid=preview-starts]").TextContent;
        Assert.Contains("收到消息“来文”（收到来文）", starts, StringComparison.Ordinal);
        Assert.Contains("定时发起 P1D（每日汇总）", starts, StringComparison.Ordinal);
        panel.Find("input[data-start=daily]").Click();
        panel.Find("[data-testid=preview-start]").Click();

        panel.WaitForAssertion(() => Assert.Equal(["daily"], _startedAt), Patience);
    }

    [Fact]
    public void ACanvasThatCannotGiveTheDiagram_IsSaidSo_NotThrownAtThePage()
    {
        var panel = Context.Render<PreviewPanel>(p => p.Add(c => c.Start, (_, _, _) => throw new Microsoft.JSInterop.JSException("The circuit's canvas is gone."))
            .Add(c => c.Complete, (_, _, _, _) => Task.CompletedTask).Add(c => c.SendBack, (_, _, _) => Task.CompletedTask)
            .Add(c => c.AddSigner, (_, _, _) => Task.CompletedTask).Add(c => c.RemoveSigner, (_, _) => Task.CompletedTask)
            .Add(c => c.Trigger, _ => Task.CompletedTask));

        panel.Find("[data-testid=preview-start]").Click();

        panel.WaitForAssertion(() => Assert.Contains("画布没能给出流程图", panel.Find("[data-testid=preview-problem]").TextContent, StringComparison.Ordinal), Patience);
    }

    /// <summary>A run after 处长审批 was sent back, a signer added, and a 票签 decided by two rejections.</summary>
    private static PreviewRun Traced() => new([])
    {
        Now = Monday,
        Steps =
        [
            new PreviewStep(PreviewAction.Started, null, null, Monday, [], []) { By = "zheng.kai" },
            new PreviewStep(PreviewAction.SentBack, "head", null, Monday, [], [])
            {
                By = "wu.fang", Target = "apply", Resume = ResumeMode.ReturnToSender, Opened = [new PreviewTaskChange("apply", "zheng.kai")],
            },
            new PreviewStep(PreviewAction.SignerAdded, "head", null, Monday, [], []) { By = "wu.fang", Target = "liu.cai", Position = SignerPosition.Before },
            new PreviewStep(PreviewAction.Completed, "vote", "reject", Monday, [], [])
            {
                By = "liu.cai", Closed = [new PreviewTaskChange("vote", null, CancelReason.CompletionConditionMet)],
            },
            new PreviewStep(PreviewAction.TimerFired, "late", null, Monday.AddDays(3), [], [])
            {
                Closed = [new PreviewTaskChange("principal", null, CancelReason.Interrupted)],
            },
        ],
    };

    [Fact]
    public void TheTrace_SaysWhoDidWhatAndWhatEachStepOpenedAndClosed()
    {
        var steps = Render(Traced()).FindAll("[data-testid=preview-steps] li").Select(li => li.TextContent).ToList();

        Assert.Contains("郑凯 发起", steps[0], StringComparison.Ordinal);
        Assert.Contains("head：吴芳 退回到“apply”（改正后直接回到本环节）", steps[1], StringComparison.Ordinal);
        Assert.Contains("新待办：apply → 郑凯", steps[1], StringComparison.Ordinal);
        Assert.Contains("head：吴芳 加签 刘财（在办理人之前）", steps[2], StringComparison.Ordinal);
        Assert.Contains("vote：刘财 办理完成 · 不同意", steps[3], StringComparison.Ordinal);
        Assert.Contains("撤销：vote（完成条件已满足）", steps[3], StringComparison.Ordinal);
        Assert.Contains("2026-11-26 09:00", steps[4], StringComparison.Ordinal);
        Assert.Contains("时间推进到到期时间：late 的定时器触发", steps[4], StringComparison.Ordinal);
        Assert.Contains("撤销：principal（被边界事件中断）", steps[4], StringComparison.Ordinal);
    }
}

/// <summary>The preview's trace and operations in an English page.</summary>
public sealed class EnglishPreviewPanelTests() : WorkContext("en")
{
    [Fact]
    public void TheTraceAndTheOperations_AreEnglish()
    {
        var names = new DirectoryNames(new Dictionary<string, string> { ["wu.fang"] = "Wu Fang", ["zheng.kai"] = "Zheng Kai" },
            new Dictionary<string, string>(), new Dictionary<string, string>());
        var at = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
        var task = new PreviewTask(7, "head", "处长审批 Head", null, null, new TaskAssignment("wu.fang", [], []), null, at, null, false, null, null,
            false, null) { Operations = TaskOperations.SendBack | TaskOperations.AddSigner | TaskOperations.Urge, SendBackTargets = [new StepRef("apply", null)] };
        var run = new PreviewRun([])
        {
            Now = at, OpenTasks = [task],
            Steps =
            [
                new PreviewStep(PreviewAction.SentBack, "head", null, at, [], [])
                {
                    By = "wu.fang", Target = "apply", Resume = ResumeMode.FromTop, Opened = [new PreviewTaskChange("apply", "zheng.kai")],
                },
            ],
        };

        var panel = Context.Render<PreviewPanel>(p => p.Add(c => c.Run, run).Add(c => c.Names, names)
            .Add(c => c.Start, (_, _, _) => Task.CompletedTask).Add(c => c.Complete, (_, _, _, _) => Task.CompletedTask)
            .Add(c => c.SendBack, (_, _, _) => Task.CompletedTask).Add(c => c.AddSigner, (_, _, _) => Task.CompletedTask)
            .Add(c => c.RemoveSigner, (_, _) => Task.CompletedTask).Add(c => c.Trigger, _ => Task.CompletedTask));

        Assert.Equal("Send back…", panel.Find("[data-testid=preview-send-back]").TextContent.Trim());
        Assert.Equal("Add a signer…", panel.Find("[data-testid=preview-add-signer]").TextContent.Trim());
        Assert.Contains("The step also allows Urge", panel.Find("article").TextContent, StringComparison.Ordinal);
        var trace = panel.Find("[data-testid=preview-steps]").TextContent;
        Assert.Contains("head: Wu Fang sent it back to “apply” (once corrected, it runs again step by step)", trace, StringComparison.Ordinal);
        Assert.Contains("New task: apply → Zheng Kai", trace, StringComparison.Ordinal);
    }
}
