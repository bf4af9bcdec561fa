using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>
    /// Throws an error from a token: the nearest error boundary event or error event subprocess that
    /// matches catches it, walking out through subprocesses and multi-instance bodies. A technical
    /// failure (a failed expression) is caught only by catch-all handlers. Uncaught, it becomes an
    /// incident on the token; an uncaught BPMN error is also reported for a parent call activity.
    /// </summary>
    public void ThrowError(Token token, string? errorCode, string description, bool technical)
    {
        var handler = FindCatcher(token, d => Catches(d, errorCode, technical));
        switch (handler)
        {
            case (Token activityToken, BoundaryEvent boundary, _):
                CancelToken(activityToken, CancelReason.Interrupted);
                Spawn(boundary.Id, activityToken.ScopeId);
                return;
            case (_, StartEvent start, ScopeState scope):
                StartEventSubProcess(scope, (SubProcess)start.Container.Owner, start, null);
                return;
        }
        if (!technical && errorCode is not null)
            Emit(new ProcessErrored(errorCode, token.ElementId));
        var message = technical ? description : $"BPMN error '{errorCode}' thrown by {description} was not caught.";
        if (_tokens.ContainsKey(token.Id))
            RaiseIncident(token, message);
    }

    /// <summary>Whether an error thrown at the token would be caught inside this instance.</summary>
    public bool CanCatch(Token token, string errorCode) =>
        FindCatcher(token, d => Catches(d, errorCode, technical: false)) is not null;

    /// <summary>
    /// An escalation: the nearest matching escalation boundary event or event subprocess start, walking
    /// out as errors do, interrupts or not as it is modelled; uncaught, nothing happens (BPMN 2.0 §10.5.2).
    /// Returns false when the escalation interrupted the thrower's own scope, so the thrower must stop.
    /// </summary>
    public bool Escalate(Token token, string code)
    {
        switch (FindCatcher(token, d => d is EscalationDefinition { EscalationCode: var caught } && (caught is null || caught == code)))
        {
            case (Token activityToken, BoundaryEvent boundary, _):
                if (boundary.CancelActivity)
                    CancelToken(activityToken, CancelReason.Interrupted);
                Spawn(boundary.Id, activityToken.ScopeId);
                break;
            case (_, StartEvent start, ScopeState scope):
                StartEventSubProcess(scope, (SubProcess)start.Container.Owner, start, null);
                break;
        }
        return _tokens.ContainsKey(token.Id);
    }

    /// <summary>The nearest boundary event or event subprocess start around the token whose definition catches.</summary>
    private (Token? ActivityToken, Model.FlowNode Catcher, ScopeState? Scope)? FindCatcher(
        Token token, Func<EventDefinition?, bool> catches)
    {
        var current = token;
        while (true)
        {
            if (_definition.GetNode(current.ElementId) is Activity activity && !IsInstanceToken(current, activity))
            {
                var boundary = activity.BoundaryEvents.FirstOrDefault(b => catches(b.Definition));
                if (boundary is not null)
                    return (current, boundary, null);
            }
            var scope = _scopes[current.ScopeId];
            if (scope.Kind == ScopeKind.MultiInstanceItem)
                scope = _scopes[scope.ParentId!.Value];
            var start = ContainerOf(scope)?.EventSubProcesses
                .SelectMany(e => e.Body.StartEvents)
                .FirstOrDefault(s => catches(s.Definition));
            if (start is not null)
                return (null, start, scope);
            if (scope.OwnerTokenId is not { } owner)
                return null;
            current = _tokens[owner];
        }
    }

    private static bool Catches(EventDefinition? definition, string? errorCode, bool technical) =>
        definition is ErrorDefinition catcher &&
        (catcher.ErrorCode is null || (!technical && catcher.ErrorCode == errorCode));
}
