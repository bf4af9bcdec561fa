using G2G.Engine.Expressions;

namespace G2G.Engine.Model.Activities;

/// <summary>
/// Multi-instance loop characteristics: one instance per item of <see cref="Collection"/> (or
/// <see cref="Cardinality"/> times), in parallel or one after another, until all are done or the
/// completion condition holds (会签 all, 或签 any, 票签 a share).
/// </summary>
public sealed record MultiInstance(
    bool IsSequential,
    Expression? Collection,
    Expression? Cardinality,
    string? ElementVariable,
    Expression? CompletionCondition);
