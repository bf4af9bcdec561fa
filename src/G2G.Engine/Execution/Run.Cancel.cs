using G2G.Engine.Model.Activities;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>Cancels a token with everything it owns: its task or child instance, nested scopes and subscriptions.</summary>
    public void CancelToken(Token token, CancelReason reason)
    {
        // Decided before the owned scopes go: a multi-instance owner is not a task once its body is removed either.
        var hasTaskOrChild = HasTaskOrChild(token);
        foreach (var owned in _scopes.Values.Where(s => s.OwnerTokenId == token.Id).ToList())
            CancelScope(owned, reason);
        var node = _definition.GetNode(token.ElementId);
        if (hasTaskOrChild && node is UserTask)
            Emit(new TaskCancelled(token.Id, node.Id, reason));
        else if (hasTaskOrChild && node is CallActivity)
            Emit(new ChildProcessCancelled(token.Id, node.Id));
        DisarmSubscriptions(token.Id);
        _tokens.Remove(token.Id);
        foreach (var incident in _incidents.Where(i => i.TokenId == token.Id).ToList())
            ResolveIncident(incident); // with IncidentResolved: the runtime closes its incident row
        Emit(new ElementEvent(node.Id, node.Kind, ElementPhase.Cancelled, token.Id));
    }

    /// <summary>
    /// Gives a token a new id (a new task or call id for the runtime) keeping its boundary
    /// subscriptions and owned scopes; the old id disappears without effects.
    /// </summary>
    public Token Rekey(Token old, Token replacement)
    {
        var fresh = replacement with { Id = NewId() };
        _tokens.Remove(old.Id);
        _tokens.Add(fresh.Id, fresh);
        for (var i = 0; i < _subscriptions.Count; i++)
        {
            if (_subscriptions[i].TokenId == old.Id)
                _subscriptions[i] = _subscriptions[i] with { TokenId = fresh.Id };
        }
        foreach (var owned in _scopes.Values.Where(s => s.OwnerTokenId == old.Id).ToList())
            _scopes[owned.Id] = owned with { OwnerTokenId = fresh.Id };
        return fresh;
    }

    /// <summary>
    /// Whether the outside world holds a task or child instance for the token: it rests at its step
    /// (not queued to enter it, not stopped by an incident) and is not a multi-instance owner.
    /// </summary>
    private bool HasTaskOrChild(Token token) =>
        token.State == TokenState.Waiting && !_agenda.Contains(token.Id) && IsTaskToken(token);

    /// <summary>A token that is itself the task (or call), not the waiting owner of a multi-instance body.</summary>
    public bool IsTaskToken(Token token) =>
        !_scopes.Values.Any(s => s.OwnerTokenId == token.Id && s.Kind == ScopeKind.MultiInstanceBody);

    /// <summary>Cancels every token and nested scope of a scope and removes the scope.</summary>
    private void CancelScope(ScopeState scope, CancelReason reason)
    {
        CancelInside(scope, reason);
        RemoveScope(scope);
    }

    /// <summary>Cancels everything inside a scope but keeps the scope itself (terminate, interrupting event subprocess).</summary>
    public void CancelInside(ScopeState scope, CancelReason reason)
    {
        foreach (var token in _tokens.Values.Where(t => t.ScopeId == scope.Id).ToList())
        {
            if (_tokens.ContainsKey(token.Id))
                CancelToken(token, reason);
        }
        foreach (var child in _scopes.Values.Where(s => s.ParentId == scope.Id).ToList())
        {
            if (_scopes.ContainsKey(child.Id))
                CancelScope(child, reason);
        }
    }

    /// <summary>Cancels the whole instance (终止).</summary>
    public void CancelProcess(string? reason)
    {
        var root = RootScope;
        CancelInside(root, CancelReason.ProcessCancelled);
        DisarmScopeSubscriptions(root.Id);
        Status = ProcessStatus.Cancelled;
        Emit(new ProcessCancelled(reason));
    }
}
