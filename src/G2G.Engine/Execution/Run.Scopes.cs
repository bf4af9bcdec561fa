using System.Collections.Immutable;
using G2G.Engine.Expressions;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    public ScopeState NewScope(ScopeKind kind, string elementId, long? parentId, long? ownerTokenId,
        ImmutableDictionary<string, Value>? variables = null)
    {
        var scope = new ScopeState
        {
            Id = NewId(),
            Kind = kind,
            ElementId = elementId,
            ParentId = parentId,
            OwnerTokenId = ownerTokenId,
            Variables = variables ?? ImmutableDictionary<string, Value>.Empty,
        };
        _scopes.Add(scope.Id, scope);
        return scope;
    }

    public ScopeState GetScope(long id) => _scopes[id];

    public ScopeState RootScope => _scopes.Values.First(s => s.Kind == ScopeKind.Process);

    /// <summary>Starts the process: root scope, event subprocess subscriptions, a token at the start event.</summary>
    public void StartProcess(FlowNode start, IReadOnlyDictionary<string, Value>? variables)
    {
        var root = NewScope(ScopeKind.Process, _definition.Id, null, null,
            variables is null ? null : variables.ToImmutableDictionary(StringComparer.Ordinal));
        Status = ProcessStatus.Running;
        ArmEventSubProcesses(root, _definition.Root);
        Spawn(start.Id, root.Id);
    }

    /// <summary>
    /// An embedded subprocess starts: a child scope with a token at its none start event, or, in a subprocess drawn
    /// without start events, a token at each node that no sequence flow leads to. An empty one completes at once.
    /// </summary>
    public void StartSubProcess(Token token, SubProcess subProcess)
    {
        Park(token);
        var scope = NewScope(ScopeKind.SubProcess, subProcess.Id, token.ScopeId, token.Id);
        ArmEventSubProcesses(scope, subProcess.Body);
        if (subProcess.Body.Nodes.Count == 0)
        {
            CompleteScopeIfDone(scope.Id); // drawn collapsed with nothing inside: done at once, like an abstract task
            return;
        }
        IReadOnlyList<FlowNode> starts = subProcess.Body.NoneStart is { } start ? [start] : subProcess.Body.ImplicitStarts;
        if (starts.Count == 0)
            RaiseIncident(token, $"{subProcess} has no none start event to begin with.");
        foreach (var node in starts)
            Spawn(node.Id, scope.Id);
    }

    /// <summary>When a scope has no tokens left, it completes: the process ends, or the owning activity continues.</summary>
    public void CompleteScopeIfDone(long scopeId)
    {
        if (!_scopes.TryGetValue(scopeId, out var scope) || _tokens.Values.Any(t => t.ScopeId == scopeId))
            return;
        switch (scope.Kind)
        {
            case ScopeKind.Process:
                if (Status != ProcessStatus.Running)
                    return;
                DisarmScopeSubscriptions(scopeId); // emits TimerCancelled, so the runtime drops the jobs
                Status = ProcessStatus.Completed;
                Emit(new ProcessCompleted(scope.Variables));
                break;
            case ScopeKind.SubProcess:
                RemoveScope(scope);
                // Guarded by the subprocess's own token: the token that ended the body is gone with its scope, so a
                // failing condition on the way out is the subprocess's incident.
                var subProcess = _tokens[scope.OwnerTokenId!.Value];
                Guarded(subProcess, () => Leave(subProcess));
                break;
            case ScopeKind.EventSubProcess:
                RemoveScope(scope);
                var owner = _tokens[scope.OwnerTokenId!.Value];
                Complete(owner, _definition.GetNode(owner.ElementId));
                Consume(owner);
                break;
        }
    }

    private void RemoveScope(ScopeState scope)
    {
        _scopes.Remove(scope.Id);
        DisarmScopeSubscriptions(scope.Id);
    }

    /// <summary>The container whose event subprocesses belong to a scope instance.</summary>
    private FlowContainer? ContainerOf(ScopeState scope) => scope.Kind switch
    {
        ScopeKind.Process => _definition.Root,
        ScopeKind.SubProcess or ScopeKind.EventSubProcess => ((SubProcess)_definition.GetNode(scope.ElementId)).Body,
        _ => null,
    };
}
