using System.Diagnostics.CodeAnalysis;

namespace G2G.Engine.Expressions;

/// <summary>Where an expression reads its root variables from (process variables, form data, ...).</summary>
public interface IVariableScope
{
    /// <summary>Looks up a root variable by its exact (ordinal) name.</summary>
    bool TryGetVariable(string name, [NotNullWhen(true)] out Value? value);
}

/// <summary>Variables from a plain dictionary: a child's result, a message payload, a host's or a test's values.</summary>
public sealed class DictionaryVariableScope(IReadOnlyDictionary<string, Value> variables) : IVariableScope
{
    /// <summary>A scope with no variables.</summary>
    public static DictionaryVariableScope Empty { get; } = new(new Dictionary<string, Value>());

    /// <inheritdoc />
    public bool TryGetVariable(string name, [NotNullWhen(true)] out Value? value) =>
        variables.TryGetValue(name, out value);
}
