using System.Collections.Immutable;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Activities;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    /// <summary>
    /// Expands a multi-instance activity: a body scope with the counters (nrOfInstances,
    /// nrOfActiveInstances, nrOfCompletedInstances, nrOfApproved, nrOfRejected) and one item scope per
    /// instance holding loopCounter and the element variable.
    /// </summary>
    private void StartMultiInstance(Token token, Activity activity)
    {
        var loop = activity.MultiInstance!;
        Park(token);
        var items = LoopItems(loop, token.ScopeId);
        var body = NewScope(ScopeKind.MultiInstanceBody, activity.Id, token.ScopeId, token.Id);
        _scopes[body.Id] = body = WithCounters(body, new MultiInstanceState { Items = items });
        if (items.Length == 0)
        {
            RemoveScope(body);
            Leave(token);
            return;
        }
        var first = loop.IsSequential ? 1 : items.Length;
        for (var i = 0; i < first; i++)
            StartInstance(body.Id, activity);
    }

    private ImmutableArray<Value> LoopItems(MultiInstance loop, long scopeId)
    {
        if (loop.Collection is not null)
        {
            return Evaluate(loop.Collection, scopeId) switch
            {
                ListValue list => list.Items,
                NullValue => [],
                var other => throw new InvalidOperationException($"The multi-instance collection '{loop.Collection.Source}' must be a list, not {other.Kind}."),
            };
        }
        var count = Evaluate(loop.Cardinality!, scopeId) is NumberValue { Value: >= 0 and <= 10_000 } n
            ? (int)n.Value
            : throw new InvalidOperationException($"The loop cardinality '{loop.Cardinality!.Source}' must be a number from 0 to 10000.");
        return [.. Enumerable.Range(1, count).Select(i => Value.From(i))];
    }

    private void StartInstance(long bodyId, Activity activity)
    {
        var body = _scopes[bodyId];
        var state = body.Loop!;
        var index = state.Started;
        var locals = ImmutableDictionary<string, Value>.Empty.Add("loopCounter", Value.From(index));
        if (activity.MultiInstance!.ElementVariable is { } name)
            locals = locals.SetItem(name, state.Items[index]);
        var item = NewScope(ScopeKind.MultiInstanceItem, activity.Id, bodyId, null, locals);
        _scopes[bodyId] = WithCounters(body, state with { Started = index + 1, Active = state.Active + 1 });
        Spawn(activity.Id, item.Id);
    }

    /// <summary>One instance finished: count it, check the completion condition, start the next or finish the activity.</summary>
    private void CompleteInstance(Token token, Activity activity, string? outcome)
    {
        var item = _scopes[token.ScopeId];
        var body = _scopes[item.ParentId!.Value];
        var state = body.Loop!;
        var outcomes = outcome is null ? state.Outcomes : state.Outcomes.SetItem(outcome, state.Outcomes.GetValueOrDefault(outcome) + 1);
        state = state with { Active = state.Active - 1, Completed = state.Completed + 1, Outcomes = outcomes };
        _scopes[body.Id] = body = WithCounters(body, state);
        Complete(token, activity);
        var condition = activity.MultiInstance!.CompletionCondition;
        var done = state.Completed == state.Items.Length || (condition is not null && Condition(condition, item.Id));
        _tokens.Remove(token.Id);
        CancelScope(item, CancelReason.CompletionConditionMet);
        if (done)
        {
            foreach (var other in _scopes.Values.Where(s => s.ParentId == body.Id).ToList())
                CancelScope(other, CancelReason.CompletionConditionMet);
            RemoveScope(body);
            Leave(_tokens[body.OwnerTokenId!.Value]);
        }
        else if (activity.MultiInstance.IsSequential)
        {
            StartInstance(body.Id, activity);
        }
    }

    private static ScopeState WithCounters(ScopeState body, MultiInstanceState state)
    {
        var approved = state.Outcomes.GetValueOrDefault("approve") + state.Outcomes.GetValueOrDefault("approved");
        var rejected = state.Outcomes.GetValueOrDefault("reject") + state.Outcomes.GetValueOrDefault("rejected");
        var variables = body.Variables
            .SetItem("nrOfInstances", Value.From(state.Items.Length))
            .SetItem("nrOfActiveInstances", Value.From(state.Active))
            .SetItem("nrOfCompletedInstances", Value.From(state.Completed))
            .SetItem("nrOfApproved", Value.From(approved))
            .SetItem("nrOfRejected", Value.From(rejected))
            .SetItem("outcomes", Value.From(state.Outcomes.Select(o => KeyValuePair.Create(o.Key, Value.From(o.Value)))));
        return body with { Loop = state, Variables = variables };
    }
}
