using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;

namespace G2G.Engine.Execution;

public sealed partial class ProcessExecutor
{
    /// <summary>
    /// 退回: the work goes back to an earlier user task of the same scope. Every token downstream of
    /// that step is cancelled (parallel branches that do not pass it keep running); with
    /// <see cref="ResumeMode.ReturnToSender"/> the corrected step jumps straight back to the sender.
    /// </summary>
    private static void SendBack(Run run, SendBack command)
    {
        var (token, task) = TaskToken(run, command.TaskId);
        Require(task, TaskOperations.SendBack);
        if (run.Definition.FindNode(command.TargetElementId) is not UserTask target || target.Container != task.Container)
            throw new CommandRejectedException(RejectionCode.InvalidTarget, $"'{command.TargetElementId}' is not a user task in the same (sub)process as '{task.Id}'.");
        if (!run.Definition.CanReach(target, task))
            throw new CommandRejectedException(RejectionCode.InvalidTarget, $"'{target.Id}' is not an earlier step of '{task.Id}'.");
        var allowed = AllowedSendBackTargets(run, token, task);
        if (allowed is not null && !allowed.Contains(target.Id))
            throw new CommandRejectedException(RejectionCode.NotAllowed, $"Step '{task.Id}' may send work back only to: {string.Join(", ", allowed)}.");

        foreach (var other in run.Tokens.Where(t => t.ScopeId == token.ScopeId).ToList())
        {
            var at = run.Definition.GetNode(other.ElementId);
            if (run.FindToken(other.Id) is not null && (at == target || run.Definition.CanReach(target, at)))
                run.CancelToken(other, CancelReason.SentBack);
        }
        var back = run.Spawn(target.Id, token.ScopeId);
        if (command.Resume == ResumeMode.ReturnToSender)
            run.Update(back with { ReturnTo = task.Id });
    }

    /// <summary>The targets g2g:sendBackTo allows for this task; null means any earlier step.</summary>
    private static HashSet<string>? AllowedSendBackTargets(Run run, Token token, UserTask task)
    {
        var configured = task.Settings.SendBackTargets;
        if (configured.Count == 0)
            return null;
        var allowed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in configured)
        {
            switch (entry)
            {
                case "previous":
                    if (PreviousStep(run.ToState(), token.Id) is { } previous)
                        allowed.Add(previous);
                    break;
                case "initiator":
                    if (InitiatorStep(run.Definition.Root) is { } first)
                        allowed.Add(first.Id);
                    break;
                default:
                    allowed.Add(entry);
                    break;
            }
        }
        return allowed;
    }

    /// <summary>The initiator's step: the first user task after the none start event (the draft or application).</summary>
    public static UserTask? InitiatorStep(FlowContainer container)
    {
        var start = container.NoneStart;
        if (start is null)
            return null;
        var seen = new HashSet<FlowNode>();
        var queue = new Queue<FlowNode>([start]);
        while (queue.TryDequeue(out var node))
        {
            if (node is UserTask userTask)
                return userTask;
            foreach (var flow in node.Outgoing)
            {
                if (seen.Add(flow.Target))
                    queue.Enqueue(flow.Target);
            }
        }
        return null;
    }

    /// <summary>
    /// 撤回: reopens a completed user task while every task its completion produced is still open
    /// and untouched at the same step (the runtime also checks nobody has claimed or opened them).
    /// </summary>
    private static void Withdraw(Run run, Withdraw command)
    {
        if (run.Definition.FindNode(command.ElementId) is not UserTask task)
            throw new CommandRejectedException(RejectionCode.InvalidTarget, $"'{command.ElementId}' is not a user task of this process.");
        Require(task, TaskOperations.Withdraw);
        var record = run.FindCompletion(task.Id);
        var produced = record?.Produced.Select(p => run.FindToken(p.TokenId) is { State: TokenState.Waiting } t && t.ElementId == p.ElementId ? t : null).ToList();
        if (record is null || produced is null || produced.Count == 0 || produced.Any(t => t is null || t.ScopeId != record.ScopeId))
            throw new CommandRejectedException(RejectionCode.NothingToWithdraw, $"Step '{task.Name ?? task.Id}' cannot be withdrawn: the next step has already been acted on.");
        run.ForgetCompletion(record);
        foreach (var next in produced)
            run.CancelToken(next!, CancelReason.Withdrawn);
        run.Spawn(task.Id, record.ScopeId);
    }
}
