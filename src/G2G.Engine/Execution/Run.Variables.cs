using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using G2G.Engine.Expressions;

namespace G2G.Engine.Execution;

internal sealed partial class Run
{
    public Value Evaluate(Expression expression, long scopeId) =>
        expression.Evaluate(new ScopeView(this, scopeId), _evaluation);

    public bool Condition(Expression expression, long scopeId) =>
        expression.EvaluateCondition(new ScopeView(this, scopeId), _evaluation);

    public IVariableScope View(long scopeId) => new ScopeView(this, scopeId);

    public EvaluationContext EvaluationContext => _evaluation;

    /// <summary>
    /// Writes variables: each goes to the nearest scope that already has it (a multi-instance
    /// element variable stays local), otherwise to the process scope.
    /// </summary>
    public void SetVariables(long scopeId, IEnumerable<KeyValuePair<string, Value>>? variables)
    {
        if (variables is null)
            return;
        foreach (var (name, value) in variables)
        {
            _conditionsToCheck = true;
            var target = FindDeclaringScope(scopeId, name) ?? RootScope;
            _scopes[target.Id] = target with { Variables = target.Variables.SetItem(name, value) };
        }
    }

    public void SetLocalVariable(long scopeId, string name, Value value)
    {
        var scope = _scopes[scopeId];
        _scopes[scopeId] = scope with { Variables = scope.Variables.SetItem(name, value) };
        _conditionsToCheck = true;
    }

    private ScopeState? FindDeclaringScope(long scopeId, string name)
    {
        for (ScopeState? scope = _scopes[scopeId]; scope is not null; scope = scope.ParentId is { } p ? _scopes[p] : null)
        {
            if (scope.Variables.ContainsKey(name))
                return scope;
        }
        return null;
    }

    /// <summary>Every variable visible from a scope, nearer scopes hiding outer ones.</summary>
    public ImmutableDictionary<string, Value> VisibleVariables(long scopeId)
    {
        var scope = _scopes[scopeId];
        if (scope.ParentId is null)
            return scope.Variables;
        var builder = VisibleVariables(scope.ParentId.Value).ToBuilder();
        foreach (var (name, value) in scope.Variables)
            builder[name] = value;
        return builder.ToImmutable();
    }

    /// <summary>Variable lookups for expressions, walking from a scope up to the process.</summary>
    private sealed class ScopeView(Run run, long scopeId) : IVariableScope
    {
        public bool TryGetVariable(string name, [NotNullWhen(true)] out Value? value)
        {
            for (var id = (long?)scopeId; id is { } current;)
            {
                var scope = run._scopes[current];
                if (scope.Variables.TryGetValue(name, out value))
                    return true;
                id = scope.ParentId;
            }
            value = null;
            return false;
        }
    }
}
