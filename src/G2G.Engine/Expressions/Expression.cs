using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace G2G.Engine.Expressions;

/// <summary>
/// A parsed expression: gateway and completion conditions, assignment rules, input/output mappings.
/// Parse once (at deployment) and evaluate many times; an instance is immutable and thread-safe.
/// </summary>
/// <example><code>
/// var condition = Expression.Parse("nrOfApproved / nrOfInstances > 0.5");
/// bool done = condition.EvaluateCondition(scope, context);
/// </code></example>
public sealed class Expression
{
    private readonly Node _root;
    private readonly int _localSlots;

    private Expression(string source, Node root, IReadOnlyList<string> roots, int localSlots)
    {
        Source = source;
        _root = root;
        _localSlots = localSlots;
        RootVariables = [.. roots];
    }

    /// <summary>The text the expression was parsed from.</summary>
    public string Source { get; }

    /// <summary>
    /// Root variable names the expression reads, in order of first appearance; function names and
    /// lambda parameters are not included. Deployment validation checks these against the process.
    /// </summary>
    public IReadOnlyCollection<string> RootVariables { get; }

    /// <summary>Parses with the default limits.</summary>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid expression; the error says where.</exception>
    public static Expression Parse(string source) => Parse(source, ExpressionLimits.Default);

    /// <summary>Parses, enforcing <paramref name="limits"/>' source length and nesting depth.</summary>
    /// <exception cref="ExpressionSyntaxException">The text is not a valid expression; the error says where.</exception>
    public static Expression Parse(string source, ExpressionLimits limits) =>
        TryParse(source, limits, out var expression, out var error) ? expression : throw new ExpressionSyntaxException(error);

    /// <summary>Parses with the default limits; on failure returns false and the positioned error.</summary>
    public static bool TryParse(string source, [NotNullWhen(true)] out Expression? expression, [NotNullWhen(false)] out ExpressionSyntaxError? error) =>
        TryParse(source, ExpressionLimits.Default, out expression, out error);

    /// <summary>Parses with <paramref name="limits"/>; on failure returns false and the positioned error.</summary>
    public static bool TryParse(string source, ExpressionLimits limits,
        [NotNullWhen(true)] out Expression? expression, [NotNullWhen(false)] out ExpressionSyntaxError? error)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        try
        {
            var (root, roots, slots) = Parser.ParseExpression(source, limits);
            expression = new Expression(source, root, roots, slots);
            error = null;
            return true;
        }
        catch (SyntaxErrorException ex)
        {
            expression = null;
            error = ExpressionSyntaxError.At(source, ex.Offset, ex.Message);
            return false;
        }
    }

    /// <summary>Evaluates against <paramref name="scope"/>'s variables.</summary>
    /// <exception cref="ExpressionEvaluationException">A variable is missing, kinds do not fit, a limit was hit, ...; see its <see cref="ExpressionEvaluationException.Code"/>.</exception>
    public Value Evaluate(IVariableScope scope, EvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(context);
        return _root.Evaluate(new Evaluator(scope, context, Source, _localSlots));
    }

    /// <summary>Evaluates and requires a boolean result (null included is a <see cref="EvaluationErrorCode.TypeMismatch"/>).</summary>
    /// <exception cref="ExpressionEvaluationException">Evaluation failed, or the result is not true or false.</exception>
    public bool EvaluateCondition(IVariableScope scope, EvaluationContext context)
    {
        var result = Evaluate(scope, context);
        if (result is BooleanValue b) return b.Value;
        throw new ExpressionEvaluationException(EvaluationErrorCode.TypeMismatch,
            $"A condition must be true or false, but this one gave {ValueText.Describe(result)}", Source, _root.Offset);
    }

    /// <summary>The source text.</summary>
    public override string ToString() => Source;
}
