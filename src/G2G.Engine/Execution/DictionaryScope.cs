using System.Diagnostics.CodeAnalysis;
using G2G.Engine.Expressions;

namespace G2G.Engine.Execution;

/// <summary>Variables from a plain dictionary (a child's result, a message payload, a test).</summary>
public sealed class DictionaryScope(IReadOnlyDictionary<string, Value> variables) : IVariableScope
{
    public bool TryGetVariable(string name, [NotNullWhen(true)] out Value? value) => variables.TryGetValue(name, out value);
}
