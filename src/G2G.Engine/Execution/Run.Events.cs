using System.Collections.Immutable;
using G2G.Engine.Expressions;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;
using G2G.Engine.Model.Gateways;
using G2G.Engine.Time;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>Arms a catching event for a waiting token (tokenId) or an event subprocess start (scopeId).</summary>
    public void Subscribe(FlowNode node, EventDefinition definition, long? tokenId, long? scopeId, int fired = 0, DateTimeOffset? armedAt = null)
    {
        var subscription = definition switch
        {
            TimerDefinition timer => TimerSubscription(node, timer, fired, armedAt ?? Now),
            MessageDefinition message => new Subscription
            {
                Id = 0, Kind = SubscriptionKind.Message, ElementId = node.Id, Name = message.MessageName,
                CorrelationKey = message.CorrelationKey is null ? null : CorrelationKeyOf(message.CorrelationKey, tokenId, scopeId),
            },
            SignalDefinition signal => new Subscription { Id = 0, Kind = SubscriptionKind.Signal, ElementId = node.Id, Name = signal.SignalName },
            ConditionalDefinition => new Subscription { Id = 0, Kind = SubscriptionKind.Conditional, ElementId = node.Id },
            _ => null, // errors are thrown and caught inside the instance; nothing to arm
        };
        if (subscription is null)
            return;
        subscription = subscription with { Id = NewId(), TokenId = tokenId, ScopeId = scopeId, ArmedAt = armedAt ?? Now };
        _subscriptions.Add(subscription);
        // A condition that holds already triggers at once.
        _conditionsToCheck |= subscription.Kind == SubscriptionKind.Conditional;
        if (subscription.DueAt is { } due)
            Emit(new TimerScheduled(subscription.Id, node.Id, due));
    }

    private string CorrelationKeyOf(Expressions.Expression key, long? tokenId, long? scopeId) =>
        KeyText(Evaluate(key, tokenId is { } t ? _tokens[t].ScopeId : scopeId ?? RootScope.Id));

    /// <summary>A correlation key as text: strings as they are, anything else in its expression-language form.</summary>
    private static string KeyText(Value value) => ValueText.Plain(value);

    private static Subscription? TimerSubscription(FlowNode node, TimerDefinition timer, int fired, DateTimeOffset armedAt)
    {
        var due = timer.Schedule.NextDue(armedAt, fired);
        return due is null
            ? null
            : new Subscription { Id = 0, Kind = SubscriptionKind.Timer, ElementId = node.Id, DueAt = due, Fired = fired };
    }

    private void ArmBoundaryEvents(Token token, Activity activity)
    {
        foreach (var boundary in activity.BoundaryEvents)
        {
            if (!_subscriptions.Exists(s => s.TokenId == token.Id && s.ElementId == boundary.Id))
                Subscribe(boundary, boundary.Definition, token.Id, scopeId: null);
        }
    }

    private void ArmEventSubProcesses(ScopeState scope, FlowContainer container)
    {
        foreach (var eventSubProcess in container.EventSubProcesses)
        {
            foreach (var start in eventSubProcess.Body.StartEvents)
            {
                if (start.Definition is not null)
                    Subscribe(start, start.Definition, tokenId: null, scopeId: scope.Id);
            }
        }
    }

    /// <summary>Removes the subscriptions of a token (its catch event, event gateway or boundary events).</summary>
    public void DisarmSubscriptions(long tokenId) => Disarm(s => s.TokenId == tokenId);

    private void DisarmScopeSubscriptions(long scopeId) => Disarm(s => s.ScopeId == scopeId);

    private void Disarm(Predicate<Subscription> match)
    {
        for (var i = _subscriptions.Count - 1; i >= 0; i--)
        {
            if (!match(_subscriptions[i]))
                continue;
            if (_subscriptions[i].Kind == SubscriptionKind.Timer)
                Emit(new TimerCancelled(_subscriptions[i].Id));
            _subscriptions.RemoveAt(i);
        }
    }

    public IEnumerable<Subscription> Subscriptions => _subscriptions;

    /// <summary>A subscription's event happened: continue whatever waited for it.</summary>
    public void Trigger(Subscription subscription, IReadOnlyDictionary<string, Value>? variables)
    {
        _subscriptions.Remove(subscription);
        var node = _definition.GetNode(subscription.ElementId);
        switch (node)
        {
            case BoundaryEvent boundary:
                TriggerBoundary(subscription, boundary, variables);
                break;
            case StartEvent start:
                TriggerEventSubProcess(subscription, start, variables);
                break;
            default:
                var token = _tokens[subscription.TokenId!.Value];
                SetVariables(token.ScopeId, variables);
                DisarmSubscriptions(token.Id);
                var gateway = _definition.GetNode(token.ElementId) as EventBasedGateway;
                if (gateway is not null)
                {
                    // The first event after an event-based gateway wins; the others were just disarmed.
                    Complete(token, gateway);
                    var flow = gateway.Outgoing.First(f => f.Target == node);
                    Emit(new ElementEvent(flow.Id, flow.Kind, ElementPhase.Taken, token.Id));
                    token = token.MovedTo(node.Id, flow.Id);
                    Update(token);
                    Emit(new ElementEvent(node.Id, node.Kind, ElementPhase.Started, token.Id));
                }
                var waiting = token;
                Guarded(waiting, () => Leave(waiting));
                break;
        }
    }

    private void TriggerBoundary(Subscription subscription, BoundaryEvent boundary, IReadOnlyDictionary<string, Value>? variables)
    {
        var activityToken = _tokens[subscription.TokenId!.Value];
        SetVariables(activityToken.ScopeId, variables);
        if (boundary.CancelActivity)
            CancelToken(activityToken, CancelReason.Interrupted);
        else if (boundary.Definition is TimerDefinition { TimerKind: TimerKind.Cycle })
            Subscribe(boundary, boundary.Definition, activityToken.Id, null, subscription.Fired + 1, subscription.ArmedAt);
        else if (boundary.Definition is not TimerDefinition)
            _subscriptions.Add(subscription); // a non-interrupting message or signal boundary stays armed while the activity runs
        Spawn(boundary.Id, activityToken.ScopeId);
    }

    private void TriggerEventSubProcess(Subscription subscription, StartEvent start, IReadOnlyDictionary<string, Value>? variables)
    {
        var scope = _scopes[subscription.ScopeId!.Value];
        var eventSubProcess = (SubProcess)start.Container.Owner;
        if (!start.IsInterrupting && start.Definition is not null && start.Definition is not ErrorDefinition)
        {
            // Non-interrupting starts stay armed; a timer cycle arms its next occurrence.
            if (start.Definition is TimerDefinition { TimerKind: TimerKind.Cycle })
                Subscribe(start, start.Definition, null, scope.Id, subscription.Fired + 1, subscription.ArmedAt);
            else if (start.Definition is not TimerDefinition)
                _subscriptions.Add(subscription);
        }
        StartEventSubProcess(scope, eventSubProcess, start, variables);
    }

    private void StartEventSubProcess(ScopeState scope, SubProcess eventSubProcess, StartEvent start, IReadOnlyDictionary<string, Value>? variables)
    {
        if (start.IsInterrupting)
        {
            CancelInside(scope, CancelReason.Interrupted);
            DisarmScopeSubscriptions(scope.Id);
        }
        SetVariables(scope.Id, variables);
        var owner = new Token { Id = NewId(), ElementId = eventSubProcess.Id, ScopeId = scope.Id };
        _tokens.Add(owner.Id, owner);
        Emit(new ElementEvent(eventSubProcess.Id, eventSubProcess.Kind, ElementPhase.Started, owner.Id));
        var inner = NewScope(ScopeKind.EventSubProcess, eventSubProcess.Id, scope.Id, owner.Id);
        ArmEventSubProcesses(inner, eventSubProcess.Body);
        Spawn(start.Id, inner.Id);
    }

    public void SendMessage(Token token, FlowNode node, MessageDefinition message)
    {
        // The key's plain text (ValueText.Plain), not its literal form: 'A-1' would keep its quotes.
        var key = message.CorrelationKey is null ? null : Evaluate(message.CorrelationKey, token.ScopeId) switch
        {
            NullValue => null,
            var value => ValueText.Plain(value),
        };
        Emit(new MessageSent(message.MessageName, node.Id, key, VisibleVariables(token.ScopeId)));
    }

    /// <summary>
    /// A throwing event sends its message, signal or escalation. Returns false when what it threw interrupted
    /// the thrower's own scope, so the thrower must stop.
    /// </summary>
    public bool Throw(Token token, FlowNode node, EventDefinition? definition)
    {
        switch (definition)
        {
            case MessageDefinition message:
                SendMessage(token, node, message);
                return true;
            case SignalDefinition signal:
                ThrowSignal(token, node, signal);
                return _tokens.ContainsKey(token.Id);
            case EscalationDefinition escalation:
                return Escalate(token, escalation.EscalationCode ?? "");
            default:
                return true;
        }
    }

    /// <summary>Signals reach every waiting catcher, in this instance too; the runtime delivers to the others.</summary>
    public void ThrowSignal(Token token, FlowNode node, SignalDefinition signal)
    {
        var payload = VisibleVariables(token.ScopeId);
        Emit(new SignalThrown(signal.SignalName, node.Id, payload));
        foreach (var subscription in _subscriptions.Where(s => s.Kind == SubscriptionKind.Signal && s.Name == signal.SignalName).ToList())
        {
            if (_subscriptions.Contains(subscription))
                Trigger(subscription, null);
        }
    }
}
