using G2G.Engine.Model;
using G2G.Engine.Model.Activities;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>Arms boundary events, expands a multi-instance, or runs the activity's own behaviour.</summary>
    public void EnterActivity(Token token, Activity activity)
    {
        // One instance of a multi-instance, or the next iteration of a loop: boundary events are armed already.
        if (IsInstanceToken(token, activity) || token.LoopCounter is not null)
        {
            activity.Execute(this, token);
            return;
        }
        ArmBoundaryEvents(token, activity);
        if (activity.MultiInstance is not null)
            StartMultiInstance(token, activity);
        else if (activity.Loop is { } loop)
            StartLoop(token, activity, loop);
        else
            activity.Execute(this, token);
    }

    /// <summary>True when the token is one instance of a multi-instance activity (inside its item scope).</summary>
    private bool IsInstanceToken(Token token, Activity activity) =>
        activity.MultiInstance is not null &&
        _scopes.TryGetValue(token.ScopeId, out var scope) &&
        scope.Kind == ScopeKind.MultiInstanceItem && scope.ElementId == activity.Id;

    /// <summary>The token's activity or event is done: follow its outgoing flows.</summary>
    public void Leave(Token token, string? outcome = null)
    {
        var node = _definition.GetNode(token.ElementId);
        if (node is Activity activity)
        {
            if (IsInstanceToken(token, activity))
            {
                CompleteInstance(token, activity, outcome);
                return;
            }
            if (token.LoopCounter is not null && ContinueLoop(ref token, activity))
                return;
            DisarmSubscriptions(token.Id);
            if (token.ReturnTo is { } sender)
            {
                // 退回 with "return to sender": skip the steps in between.
                Complete(token, node);
                Schedule(token.MovedTo(sender, arrivedVia: null));
                return;
            }
        }
        Complete(token, node);
        if (node.Outgoing.Count == 0)
        {
            Consume(token);
            return;
        }
        var taken = new List<SequenceFlow>(node.Outgoing.Count);
        foreach (var flow in node.Outgoing)
        {
            if (flow != node.DefaultFlow && (flow.Condition is null || Condition(flow.Condition, token.ScopeId)))
                taken.Add(flow);
        }
        if (taken.Count == 0 && node.DefaultFlow is not null)
            taken.Add(node.DefaultFlow);
        if (taken.Count == 0)
            RaiseIncident(token, $"No outgoing flow of {node} has a true condition and there is no default flow.");
        else
            TakeAll(token, taken);
    }

    /// <summary>A link throw: the token continues at the catching link event of the same name.</summary>
    public void Jump(Token token, FlowNode link, FlowNode target)
    {
        Complete(token, link);
        Schedule(token.MovedTo(target.Id, arrivedVia: null));
    }

    public void Complete(Token token, FlowNode node) =>
        Emit(new ElementEvent(node.Id, node.Kind, ElementPhase.Completed, token.Id));

    public void Take(Token token, SequenceFlow flow)
    {
        Emit(new ElementEvent(flow.Id, flow.Kind, ElementPhase.Taken, token.Id));
        Schedule(token.MovedTo(flow.Target.Id, flow.Id));
    }

    /// <summary>Sends the token down every given flow: the first keeps its id, the others are new tokens.</summary>
    public void TakeAll(Token token, IReadOnlyList<SequenceFlow> flows)
    {
        Take(token, flows[0]);
        for (var i = 1; i < flows.Count; i++)
        {
            Emit(new ElementEvent(flows[i].Id, flows[i].Kind, ElementPhase.Taken, token.Id));
            Spawn(flows[i].Target.Id, token.ScopeId, flows[i].Id);
        }
    }

    /// <summary>The token ends here; its scope completes when it was the last one.</summary>
    public void Consume(Token token)
    {
        _tokens.Remove(token.Id);
        CompleteScopeIfDone(token.ScopeId);
    }

    /// <summary>
    /// Parallel join: the arriving token waits until every incoming flow has a token, then one token
    /// per flow is merged into the arriving one, which continues. Returns whether it continues.
    /// </summary>
    public bool TryJoin(Token token, FlowNode gateway, IReadOnlyList<SequenceFlow> incoming)
    {
        Wait(token);
        var chosen = new List<Token>(incoming.Count);
        foreach (var flow in incoming)
        {
            var arrival = _tokens.Values
                .Where(t => t.ScopeId == token.ScopeId && t.ElementId == gateway.Id && t.ArrivedVia == flow.Id)
                .MinBy(t => t.Id);
            if (arrival is null)
                return false;
            chosen.Add(arrival);
        }
        foreach (var other in chosen)
        {
            if (other.Id != token.Id)
                _tokens.Remove(other.Id);
        }
        _produced?.RemoveAll(p => chosen.Exists(c => c.Id == p.TokenId));
        return true;
    }

    /// <summary>The incoming flows of a gateway that already hold a waiting token in the scope.</summary>
    public HashSet<string> ArrivedFlows(FlowNode gateway, long scopeId) =>
        [.. _tokens.Values.Where(t => t.ScopeId == scopeId && t.ElementId == gateway.Id && t.ArrivedVia is not null).Select(t => t.ArrivedVia!)];

    /// <summary>Whether any other token of the scope could still arrive on one of the given flows.</summary>
    public bool AnyTokenCanReach(long scopeId, FlowNode gateway, IReadOnlyList<SequenceFlow> flows)
    {
        foreach (var other in _tokens.Values)
        {
            if (other.ScopeId != scopeId || other.ElementId == gateway.Id)
                continue;
            var at = _definition.GetNode(other.ElementId);
            foreach (var flow in flows)
            {
                if (ProcessDefinition.CanReachAvoiding(at, flow.Source, gateway))
                    return true;
            }
        }
        return false;
    }

    /// <summary>Inclusive join fires: the other tokens waiting at the gateway merge into this one.</summary>
    public void MergeArrivals(Token token, FlowNode gateway)
    {
        var merged = _tokens.Values.Where(t => t.Id != token.Id && t.ScopeId == token.ScopeId && t.ElementId == gateway.Id).Select(t => t.Id).ToList();
        foreach (var id in merged)
            _tokens.Remove(id);
        _produced?.RemoveAll(p => merged.Contains(p.TokenId));
    }

    /// <summary>Terminate end event: everything else in the scope stops; the process ends as terminated.</summary>
    public void Terminate(Token token, FlowNode end)
    {
        Complete(token, end);
        _tokens.Remove(token.Id);
        var scope = _scopes[token.ScopeId];
        CancelInside(scope, CancelReason.Terminated);
        if (scope.Kind == ScopeKind.Process)
        {
            DisarmScopeSubscriptions(scope.Id); // event subprocess starts of the process, with TimerCancelled for their timers
            Status = ProcessStatus.Terminated;
            Emit(new ProcessTerminated(end.Id));
        }
        else
        {
            CompleteScopeIfDone(scope.Id);
        }
    }
}
