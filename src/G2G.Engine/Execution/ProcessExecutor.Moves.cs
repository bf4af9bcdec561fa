using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Model.Gateways;

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
            throw Rejections.NotInSameScope(command.TargetElementId, task.Id);
        if (!run.Definition.CanReach(target, task))
            throw Rejections.NotAnEarlierStep(target.Id, task.Id);
        var allowed = AllowedSendBackTargets(run, token, task);
        if (allowed is not null && !allowed.Contains(target.Id))
            throw Rejections.SendBackOnlyTo(task.Id, string.Join(", ", allowed));
        if (command.Resume == ResumeMode.FromTop && StrandedJoin(run, token, target, task) is { } join)
            throw Rejections.SendBackWouldDeadlock(target.Id, join.Id);

        foreach (var other in run.Tokens.Where(t => t.ScopeId == token.ScopeId).ToList())
        {
            if (run.FindToken(other.Id) is not null && IsDownstream(run.Definition, target, other))
                run.CancelToken(other, CancelReason.SentBack);
        }
        var back = run.Spawn(target.Id, token.ScopeId);
        if (command.Resume == ResumeMode.ReturnToSender)
            run.Update(back with { ReturnTo = task.Id });
    }

    /// <summary>
    /// Whether a token got where it is through the target step. A token waiting at a join that it
    /// reached from another parallel branch is not: that branch's work stays done.
    /// </summary>
    private static bool IsDownstream(ProcessDefinition definition, FlowNode target, Token token)
    {
        var at = definition.GetNode(token.ElementId);
        if (at == target)
            return true;
        if (!definition.CanReach(target, at))
            return false;
        var via = token.ArrivedVia is null ? null : at.Incoming.FirstOrDefault(f => f.Id == token.ArrivedVia);
        return via is null || via.Source == target || definition.CanReach(target, via.Source);
    }

    /// <summary>
    /// A parallel join between the target and the sender that the corrected work would reach while
    /// one of its other incoming flows can never get a token again (its branch finished and merged
    /// before the send back): running from the top, the work would wait there forever.
    /// </summary>
    private static ParallelGateway? StrandedJoin(Run run, Token sender, FlowNode target, FlowNode task)
    {
        var definition = run.Definition;
        var kept = run.Tokens.Where(t => t.ScopeId == sender.ScopeId && t.Id != sender.Id && !IsDownstream(definition, target, t)).ToList();
        foreach (var join in task.Container.Nodes.OfType<ParallelGateway>())
        {
            if (join.Incoming.Count < 2 || !definition.CanReach(target, join) || !definition.CanReach(join, task))
                continue;
            foreach (var flow in join.Incoming)
            {
                if (flow.Source == target || definition.CanReach(target, flow.Source))
                    continue; // the corrected work itself brings this one
                var supplied = kept.Exists(t =>
                    (t.ElementId == join.Id && t.ArrivedVia == flow.Id) ||
                    definition.GetNode(t.ElementId) is var at && (at == flow.Source || definition.CanReach(at, flow.Source)));
                if (!supplied)
                    return join;
            }
        }
        return null;
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
            throw Rejections.NotAUserTask(command.ElementId);
        Require(task, TaskOperations.Withdraw);
        var record = run.FindCompletion(task.Id);
        var produced = record?.Produced.Select(p => run.FindToken(p.TokenId) is { State: TokenState.Waiting } t && t.ElementId == p.ElementId ? t : null).ToList();
        // A next step inside a subprocess or a multi-instance (会签) is taken back with the activity that holds it.
        var next = produced?.Select(t => t is null ? null : TokenInScope(run, t, record!.ScopeId)).Distinct().ToList();
        if (record is null || next is null || next.Count == 0 || next.Any(t => t is null))
            throw Rejections.CannotWithdraw(task.Name ?? task.Id);
        run.ForgetCompletion(record);
        foreach (var token in next)
            run.CancelToken(token!, CancelReason.Withdrawn);
        run.Spawn(task.Id, record.ScopeId);
    }

    /// <summary>The token itself when it is in the scope, else the activity token in that scope that (through nested scopes) owns it.</summary>
    private static Token? TokenInScope(Run run, Token token, long scopeId)
    {
        for (var current = (Token?)token; current is not null;)
        {
            if (current.ScopeId == scopeId)
                return current;
            var scope = run.GetScope(current.ScopeId);
            if (scope.Kind == ScopeKind.MultiInstanceItem)
                scope = run.GetScope(scope.ParentId!.Value);
            current = scope.OwnerTokenId is { } owner ? run.FindToken(owner) : null;
        }
        return null;
    }
}
