namespace G2G.Engine.Expressions;

/// <summary>
/// Bounds that keep any expression or script from running long, growing huge values or
/// recursing deeply. Exceeding one at evaluation gives <see cref="EvaluationErrorCode.LimitExceeded"/>;
/// exceeding a parse limit gives a syntax error.
/// </summary>
public sealed record ExpressionLimits
{
    /// <summary>The limits used unless a context or parse call says otherwise.</summary>
    public static ExpressionLimits Default { get; } = new();

    /// <summary>
    /// Evaluation steps (one per expression node evaluated, lambda bodies included) per evaluation or script run.
    /// 100,000 lets one lambda pass over a list of the maximum length finish.
    /// </summary>
    public int MaxSteps { get; init; } = 100_000;

    /// <summary>Longest text an evaluation may produce, in UTF-16 characters.</summary>
    public int MaxStringLength { get; init; } = 100_000;

    /// <summary>Longest list an evaluation may produce.</summary>
    public int MaxListLength { get; init; } = 10_000;

    /// <summary>Deepest nesting of brackets, operators and lambdas in the source, and of lists/records in produced values.</summary>
    public int MaxNestingDepth { get; init; } = 64;

    /// <summary>Longest expression or script source, in characters.</summary>
    public int MaxSourceLength { get; init; } = 4_000;
}
