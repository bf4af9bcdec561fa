using G2G.Engine.Expressions;
using G2G.Engine.Time;

namespace G2G.Engine.Model.Extensions;

/// <summary>Human operations a user task may allow (<c>g2g:operations</c>).</summary>
[Flags]
public enum TaskOperations
{
    None = 0,
    SendBack = 1,
    Withdraw = 2,
    AddSigner = 4,
    Transfer = 8,
    Delegate = 16,
    Copy = 32,
    Urge = 64,
}

/// <summary>Whether a decision needs a written opinion (审批意见).</summary>
public enum OpinionPolicy { Optional, Required, None }

/// <summary>
/// The G2G extensions of a user task (docs/bpmn-extensions.md): who does it, with which form,
/// by when, which human operations are allowed and whether an opinion is required.
/// </summary>
public sealed record HumanTaskSettings
{
    public static HumanTaskSettings Default { get; } = new();

    public AssignmentRule? Assignment { get; init; }
    public string? FormKey { get; init; }
    public DeadlineSpec? Due { get; init; }

    /// <summary><c>g2g:due="${…}"</c>: the deadline as an expression, evaluated when the task is created (<see cref="Deadline"/>).</summary>
    public Expression? DueExpression { get; init; }

    public DeadlineSpec? RemindBefore { get; init; }

    /// <summary><c>g2g:remindBefore="${…}"</c>, as <see cref="DueExpression"/>.</summary>
    public Expression? RemindBeforeExpression { get; init; }
    public DeadlineSpec? RemindEvery { get; init; }
    public DeadlineSpec? EscalateAfter { get; init; }
    public AssignmentRule? EscalateTo { get; init; }
    public TaskOperations Operations { get; init; }

    /// <summary>Elements a send back may target; "previous" and "initiator" are keywords; empty with SendBack allowed means any earlier user task.</summary>
    public IReadOnlyList<string> SendBackTargets { get; init; } = [];

    public OpinionPolicy Opinion { get; init; }
}

/// <summary>Deadlines written as expressions (<c>g2g:due="${coalesce(deadlines.signFor, '1wd')}"</c>).</summary>
public static class Deadline
{
    /// <summary>
    /// The written deadline, or the one the expression gives: text such as <c>'1wd'</c>, <c>'4wh'</c> or <c>'P3D'</c>, or null
    /// for none.
    /// </summary>
    /// <exception cref="ExpressionEvaluationException">The expression fails or gives something that is not a deadline.</exception>
    public static DeadlineSpec? Resolve(DeadlineSpec? written, Expression? expression, IVariableScope scope, EvaluationContext context)
    {
        if (expression is null)
            return written;
        var value = expression.Evaluate(scope, context);
        try
        {
            return value switch
            {
                NullValue => null,
                StringValue { Value: var text } => DeadlineSpec.Parse(text),
                _ => throw new FormatException($"it gave {ValueText.Describe(value)}"),
            };
        }
        catch (FormatException e)
        {
            throw new ExpressionEvaluationException(EvaluationErrorCode.TypeMismatch,
                $"A deadline must be text such as '3wd', '4wh' or 'P3D' (or null for none), but {e.Message}", expression.Source, 0);
        }
    }
}
