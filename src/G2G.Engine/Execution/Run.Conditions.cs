using G2G.Engine.Expressions;
using G2G.Engine.Model.Events;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>Set when variables changed or a condition was armed since the last check.</summary>
    private bool _conditionsToCheck;

    /// <summary>
    /// Checks the armed conditional events: one triggers when its condition is true and was not at
    /// the previous check (BPMN: "when the condition becomes true"). Returns whether any triggered.
    /// </summary>
    private bool TriggerConditions()
    {
        if (!_conditionsToCheck)
            return false;
        _conditionsToCheck = false;
        var triggered = false;
        foreach (var subscription in _subscriptions.Where(s => s.Kind == SubscriptionKind.Conditional).ToList())
        {
            var index = _subscriptions.IndexOf(subscription);
            if (index < 0)
                continue; // disarmed by an earlier trigger of this check
            var holds = Holds(subscription);
            if (holds == subscription.ConditionHeld)
                continue;
            var updated = subscription with { ConditionHeld = holds };
            _subscriptions[index] = updated;
            if (!holds)
                continue;
            Trigger(updated, null);
            triggered = true;
        }
        return triggered;
    }

    /// <summary>A condition that cannot be evaluated yet (a variable not set) does not hold.</summary>
    private bool Holds(Subscription subscription)
    {
        var definition = _definition.GetNode(subscription.ElementId) switch
        {
            BoundaryEvent b => b.Definition,
            IntermediateCatchEvent c => c.Definition,
            StartEvent s => s.Definition,
            _ => null,
        };
        var scopeId = subscription.TokenId is { } tokenId ? _tokens[tokenId].ScopeId : subscription.ScopeId!.Value;
        try
        {
            return definition is ConditionalDefinition conditional && Condition(conditional.Condition, scopeId);
        }
        catch (ExpressionEvaluationException)
        {
            return false;
        }
    }
}
