using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

/// <summary>退回 send back, 撤回 withdraw, 加签/减签 add/remove signer, task errors and 终止 cancel.</summary>
public class HumanOperationTests
{
    /// <summary>起草 → 科长审核 → 处长审核 → 办公室核稿 → 领导签发, driven up to (not including) <paramref name="step"/>.</summary>
    private static ProcessHarness ApprovalAt(string step)
    {
        var run = ProcessHarness.Load("approval-5.bpmn").Start(("title", "关于年度预算的请示"));
        foreach (var done in new[] { "draft", "review", "check", "office", "sign" }.TakeWhile(s => s != step))
            run.Complete(done, "approve");
        Assert.Equal([step], run.OpenTaskElements);
        return run;
    }

    private static ProcessHarness Joint() => ProcessHarness.Load("human/joint-issue.bpmn", "jointIssue").Start().Complete("draft");

    // ---- 退回 send back ----

    [Fact]
    public void SendBack_FromTop_ReopensTheTargetAndRepeatsTheStepsInBetween()
    {
        var run = ApprovalAt("office");
        var office = run.Task("office").TaskId;

        run.SendBack("office", "review");

        Assert.Equal(new TaskCancelled(office, "office", CancelReason.SentBack), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Equal(["review"], run.OpenTaskElements);
        run.Complete("review");
        Assert.Equal(["check"], run.OpenTaskElements);
        run.Complete("check");
        Assert.Equal(["office"], run.OpenTaskElements);
        Assert.Equal(2, run.Created("check").Count);
    }

    [Fact]
    public void SendBack_ReturnToSender_JumpsStraightBackToTheSendingStep()
    {
        var run = ApprovalAt("office");

        run.SendBack("office", "review", ResumeMode.ReturnToSender).Complete("review");

        Assert.Equal(["office"], run.OpenTaskElements);
        Assert.Single(run.Created("check"));
        run.Complete("office").Complete("sign");
        Assert.Equal(ProcessStatus.Completed, run.Status);
    }

    [Fact]
    public void SendBack_ReturnToSender_AppliesOnceOnly()
    {
        var run = ApprovalAt("office");
        run.SendBack("office", "review", ResumeMode.ReturnToSender).Complete("review");

        run.SendBack("office", "check").Complete("check"); // from the top this time

        Assert.Equal(["office"], run.OpenTaskElements);
        run.Complete("office");
        Assert.Equal(["sign"], run.OpenTaskElements);
    }

    [Fact]
    public void SendBack_StepWithoutTheOperation_IsNotAllowed()
    {
        var run = Joint(); // 财务处审核 allows withdraw only

        Assert.Equal(RejectionCode.NotAllowed, run.Rejects(new SendBack(run.Task("financeReview").TaskId, "draft")));
    }

    [Fact]
    public void SendBack_ToALaterOrUnknownStep_IsAnInvalidTarget()
    {
        var run = ApprovalAt("check");
        var check = run.Task("check").TaskId;

        Assert.Equal(RejectionCode.InvalidTarget, run.Rejects(new SendBack(check, "office")));
        Assert.Equal(RejectionCode.InvalidTarget, run.Rejects(new SendBack(check, "start")));
        Assert.Equal(RejectionCode.InvalidTarget, run.Rejects(new SendBack(check, "nope")));
        Assert.Equal(RejectionCode.TaskNotFound, run.Rejects(new SendBack(999, "review")));
    }

    [Fact]
    public void SendBackTo_PreviousAndInitiator_AllowOnlyThoseSteps()
    {
        var run = ApprovalAt("sign");
        var sign = run.Task("sign").TaskId;

        Assert.Equal(RejectionCode.NotAllowed, run.Rejects(new SendBack(sign, "review")));
        Assert.Equal(RejectionCode.NotAllowed, run.Rejects(new SendBack(sign, "check")));

        run.SendBack("sign", "office"); // previous
        Assert.Equal(["office"], run.OpenTaskElements);
        run.Complete("office").SendBack("sign", "draft"); // initiator
        Assert.Equal(["draft"], run.OpenTaskElements);
    }

    [Fact]
    public void SendBack_WithinOneParallelBranch_LeavesTheOtherBranchRunning()
    {
        var run = Joint().Complete("financeReview");
        var legal = run.Task("legalReview").TaskId;

        run.SendBack("financeRecheck", "financeReview");

        Assert.Equal(["financeReview", "legalReview"], run.OpenTaskElements);
        Assert.Equal(legal, run.Task("legalReview").TaskId);
        Assert.Single(run.Last<TaskCancelled>());
    }

    [Fact]
    public void SendBack_WithinOneParallelBranch_KeepsTheOtherBranchsTokenWaitingAtTheJoin()
    {
        var run = Joint().Complete("legalReview").Complete("financeReview");
        Assert.Equal("join", Assert.Single(run.State.Tokens, t => t.ElementId != "financeRecheck").ElementId);

        run.SendBack("financeRecheck", "financeReview");

        Assert.Contains(run.State.Tokens, t => t.ElementId == "join");
        run.Complete("financeReview").Complete("financeRecheck");
        Assert.Equal(["officeCheck"], run.OpenTaskElements);
    }

    [Fact]
    public void SendBack_FromAfterTheJoin_ReturnToSender_SkipsTheJoin()
    {
        var run = Joint().Complete("legalReview").Complete("financeReview").Complete("financeRecheck");

        run.SendBack("officeCheck", "legalReview", ResumeMode.ReturnToSender).Complete("legalReview");

        Assert.Equal(["officeCheck"], run.OpenTaskElements);
        Assert.Single(run.State.Tokens);
    }

    [Fact]
    public void SendBack_FromAfterTheJoin_FromTopIntoOneBranch_IsRefusedBecauseTheJoinWouldWaitForever()
    {
        var run = Joint().Complete("legalReview").Complete("financeReview").Complete("financeRecheck");

        Assert.Equal(RejectionCode.InvalidTarget, run.Rejects(new SendBack(run.Task("officeCheck").TaskId, "legalReview")));

        run.SendBack("officeCheck", "draft"); // before the fork both branches run again
        Assert.Equal(["draft"], run.OpenTaskElements);
        run.Complete("draft");
        Assert.Equal(["financeReview", "legalReview"], run.OpenTaskElements);
    }

    // ---- 撤回 withdraw ----

    [Fact]
    public void Withdraw_WhileTheNextTaskIsOpen_ReopensTheStepAndCancelsTheNextTask()
    {
        var run = ApprovalAt("check");
        var check = run.Task("check").TaskId;
        var firstReview = run.Created("review")[0].TaskId;

        run.Withdraw("review");

        Assert.Equal(new TaskCancelled(check, "check", CancelReason.Withdrawn), Assert.Single(run.Last<TaskCancelled>()));
        var review = run.Task("review");
        Assert.NotEqual(firstReview, review.TaskId);
        Assert.Equal(["review"], run.OpenTaskElements);
        run.Complete("review");
        Assert.Equal(["check"], run.OpenTaskElements);
    }

    [Fact]
    public void Withdraw_AfterTheNextStepActed_IsRefused()
    {
        var run = ApprovalAt("office");

        Assert.Equal(RejectionCode.NothingToWithdraw, run.Rejects(new Withdraw("review")));
    }

    [Fact]
    public void Withdraw_Twice_IsRefusedTheSecondTime()
    {
        var run = ApprovalAt("check").Withdraw("review");

        Assert.Equal(RejectionCode.NothingToWithdraw, run.Rejects(new Withdraw("review")));
    }

    [Fact]
    public void Withdraw_StepNotCompletedYet_OrWithoutTheOperation_OrUnknown_IsRefused()
    {
        var run = ApprovalAt("check");

        Assert.Equal(RejectionCode.NothingToWithdraw, run.Rejects(new Withdraw("check")));
        Assert.Equal(RejectionCode.NotAllowed, run.Rejects(new Withdraw("draft")));
        Assert.Equal(RejectionCode.InvalidTarget, run.Rejects(new Withdraw("nope")));
    }

    [Fact]
    public void Withdraw_ABranchWaitingAtAParallelJoin_TakesItBack()
    {
        var run = Joint().Complete("legalReview");

        run.Withdraw("legalReview");

        Assert.Equal(["financeReview", "legalReview"], run.OpenTaskElements);
        Assert.DoesNotContain(run.State.Tokens, t => t.ElementId == "join");
        run.Complete("legalReview").Complete("financeReview").Complete("financeRecheck");
        Assert.Equal(["officeCheck"], run.OpenTaskElements);
    }

    [Fact]
    public void Withdraw_IntoACountersignNobodyActedOn_CancelsEveryCountersignTask()
    {
        var run = ProcessHarness.Load("human/withdraw-nested.bpmn", "countersignWithdraw").Start(("approvers", new[] { "a", "b", "c" })).Complete("draft");
        var countersign = run.Tasks("countersign").Select(t => t.TaskId).ToList();

        run.Withdraw("draft");

        Assert.Equal(countersign, run.Last<TaskCancelled>().Select(t => t.TaskId).Order());
        Assert.All(run.Last<TaskCancelled>(), t => Assert.Equal(CancelReason.Withdrawn, t.Reason));
        Assert.Equal(["draft"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
        run.Complete("draft");
        Assert.Equal(3, run.Tasks("countersign").Count);
    }

    [Fact]
    public void Withdraw_IntoACountersignSomeoneActedOn_IsRefused()
    {
        var run = ProcessHarness.Load("human/withdraw-nested.bpmn", "countersignWithdraw").Start(("approvers", new[] { "a", "b", "c" })).Complete("draft");
        run.CompleteTask(run.Tasks("countersign")[1].TaskId, "approve");

        Assert.Equal(RejectionCode.NothingToWithdraw, run.Rejects(new Withdraw("draft")));
    }

    [Fact]
    public void Withdraw_IntoASubProcessWhoseFirstTaskIsUntouched_CancelsTheSubProcess()
    {
        var run = ProcessHarness.Load("human/withdraw-nested.bpmn", "stageWithdraw").Start().Complete("register");
        var first = run.Task("firstCheck").TaskId;

        run.Withdraw("register");

        Assert.Equal(new TaskCancelled(first, "firstCheck", CancelReason.Withdrawn), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Equal(["register"], run.OpenTaskElements);
        Assert.Single(run.State.Scopes);
        Assert.Single(run.State.Tokens);

        run.Complete("register").Complete("firstCheck");
        Assert.Equal(RejectionCode.NothingToWithdraw, run.Rejects(new Withdraw("register")));
    }

    // ---- 加签 / 减签 add and remove signers ----

    private static string Assignee(TaskCreated task) => ((StringValue)task.Assignment!.Arguments[0]).Value;

    [Fact]
    public void AddSigner_Before_CancelsTheTaskGivesTheSignerATask_ThenTheOwnersTaskComesBack()
    {
        var run = ApprovalAt("check");
        var owner = run.Task("check");

        run.AddSigner("check", "zhao.liu", SignerPosition.Before);

        Assert.Equal(new TaskCancelled(owner.TaskId, "check", CancelReason.SignerAdded), Assert.Single(run.Last<TaskCancelled>()));
        var signer = run.Task("check");
        Assert.Equal(new AddedSigner("zhao.liu", SignerPosition.Before), signer.Signer);
        Assert.Equal(("user", "zhao.liu"), (signer.Assignment!.Kind, Assignee(signer)));

        run.CompleteTask(signer.TaskId, "approve");
        var again = run.Task("check");
        Assert.Null(again.Signer);
        Assert.Equal("departmentHead", again.Assignment!.Kind);

        run.CompleteTask(again.TaskId, "approve");
        Assert.Equal(["office"], run.OpenTaskElements);
    }

    [Fact]
    public void AddSigner_After_TheOwnerCompletes_ThenTheSigner_ThenTheFlowContinues()
    {
        var run = ApprovalAt("check");
        var owner = run.Task("check").TaskId;

        run.AddSigner("check", "zhao.liu", SignerPosition.After).AddSigner("check", "qian.qi", SignerPosition.After);
        Assert.Empty(run.LastEffects);
        Assert.Equal(owner, run.Task("check").TaskId);

        run.CompleteTask(owner, "approve");
        Assert.Equal("zhao.liu", Assignee(run.Task("check")));
        Assert.Equal(SignerPosition.After, run.Task("check").Signer!.Position);
        run.Complete("check", "approve");
        Assert.Equal("qian.qi", Assignee(run.Task("check")));
        run.Complete("check", "approve");
        Assert.Equal(["office"], run.OpenTaskElements);
    }

    [Fact]
    public void RemoveSigner_APendingSignerAfter_IsDroppedBeforeActing()
    {
        var run = ApprovalAt("check").AddSigner("check", "zhao.liu", SignerPosition.After);

        run.RemoveSigner("check", "zhao.liu").Complete("check");

        Assert.Equal(["office"], run.OpenTaskElements);
    }

    [Fact]
    public void RemoveSigner_TheSignerBeforeWhileTheirTaskIsOpen_GivesTheTaskBackToTheOwner()
    {
        var run = ApprovalAt("check").AddSigner("check", "zhao.liu", SignerPosition.Before);
        var signerTask = run.Task("check").TaskId;

        run.RemoveSigner("check", "zhao.liu");

        Assert.Equal(new TaskCancelled(signerTask, "check", CancelReason.SignerRemoved), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Null(run.Task("check").Signer);
        run.Complete("check");
        Assert.Equal(["office"], run.OpenTaskElements);
    }

    [Fact]
    public void AddSigner_WithoutTheOperation_OrRemovingSomeoneNotAdded_IsRefused()
    {
        var review = ApprovalAt("review"); // 科长审核 allows sendBack and withdraw only
        var check = ApprovalAt("check");

        Assert.Equal(RejectionCode.NotAllowed, review.Rejects(new AddSigner(review.Task("review").TaskId, "x", SignerPosition.Before)));
        Assert.Equal(RejectionCode.NotAllowed, check.Rejects(new RemoveSigner(check.Task("check").TaskId, "nobody")));
        check.AddSigner("check", "zhao.liu", SignerPosition.Before);
        Assert.Equal(RejectionCode.NotAllowed, check.Rejects(new AddSigner(check.Task("check").TaskId, "qian.qi", SignerPosition.Before))); // only one signer before, while the owner has not acted
    }

    // ---- task errors and cancellation ----

    [Fact]
    public void ThrowTaskError_IsCaughtByTheErrorBoundaryOfTheTask()
    {
        var run = ProcessHarness.Load("human/joint-issue.bpmn", "letterIntake").Start();
        var screen = run.Task("screen").TaskId;

        run.Do(new ThrowTaskError(screen, "NOT_OUR_DUTY", ProcessHarness.Vars(("competentAgency", "市场监管局"))));

        Assert.Equal(["transfer"], run.OpenTaskElements);
        Assert.Equal(new TaskCancelled(screen, "screen", CancelReason.Interrupted), Assert.Single(run.Last<TaskCancelled>()));
        Assert.Equal(Value.From("市场监管局"), run.Variable("competentAgency"));
    }

    [Fact]
    public void ThrowTaskError_NothingCatchesTheCode_IsRefused()
    {
        var run = ProcessHarness.Load("human/joint-issue.bpmn", "letterIntake").Start();

        Assert.Equal(RejectionCode.NotAllowed, run.Rejects(new ThrowTaskError(run.Task("screen").TaskId, "OTHER")));
        run.Complete("screen");
        Assert.Equal(RejectionCode.NotAllowed, run.Rejects(new ThrowTaskError(run.Task("handle").TaskId, "NOT_OUR_DUTY")));
    }

    [Fact]
    public void CancelProcess_CancelsEveryTask_AndTheInstanceTakesNoMoreCommands()
    {
        var run = Joint();
        var tasks = run.OpenTasks.Select(t => t.TaskId).Order().ToList();

        run.Do(new CancelProcess("撤销发文"));

        Assert.Equal(tasks, run.Last<TaskCancelled>().Select(t => t.TaskId).Order());
        Assert.All(run.Last<TaskCancelled>(), t => Assert.Equal(CancelReason.ProcessCancelled, t.Reason));
        Assert.Equal(new ProcessCancelled("撤销发文"), Assert.Single(run.Last<ProcessCancelled>()));
        Assert.Equal(ProcessStatus.Cancelled, run.Status);
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new CompleteTask(tasks[0])));
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new Withdraw("draft")));
    }

    [Fact]
    public void CommandsOnACompletedInstance_AreRefusedAsNotRunning()
    {
        var run = ApprovalAt("sign").Complete("sign");

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new Withdraw("review")));
        Assert.Equal(RejectionCode.NotRunning, run.Rejects(new BroadcastSignal("x")));
        Assert.Equal(RejectionCode.AlreadyStarted, run.Rejects(new StartProcess()));
    }
}
