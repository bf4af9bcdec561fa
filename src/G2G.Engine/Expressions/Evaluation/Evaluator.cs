using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace G2G.Engine.Expressions;

/// <summary>
/// State of one evaluation (or one script run): where variables come from, the context, the step
/// counter and the slots that hold lambda parameters. Created per call, so expressions stay immutable
/// and thread-safe.
/// </summary>
internal sealed class Evaluator
{
    private readonly int _maxSteps;
    private int _steps;

    public Evaluator(IVariableScope scope, EvaluationContext context, string source, int localSlots)
    {
        Scope = scope;
        Context = context;
        Limits = context.Limits;
        Source = source;
        _maxSteps = Limits.MaxSteps;
        Locals = localSlots == 0 ? [] : new Value[localSlots];
    }

    public IVariableScope Scope { get; }
    public EvaluationContext Context { get; }
    public ExpressionLimits Limits { get; }
    public string Source { get; }

    /// <summary>Lambda parameters by nesting level (slot 0 is the outermost lambda's parameter).</summary>
    public Value[] Locals { get; }

    /// <summary>Counts one evaluation step; throws once the step limit is passed.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Step(Node node)
    {
        if (++_steps > _maxSteps) ThrowStepLimit(node);
    }

    private void ThrowStepLimit(Node node) =>
        throw Fail(EvaluationErrorCode.LimitExceeded, node, $"Evaluation took more than {_maxSteps} steps");

    public ExpressionEvaluationException Fail(EvaluationErrorCode code, Node node, string message, Exception? inner = null) =>
        new(code, message, Source, node.Offset, inner);

    public ExpressionEvaluationException FailAt(EvaluationErrorCode code, int offset, string message) =>
        new(code, message, Source, offset);

    public ExpressionEvaluationException TypeMismatch(Node node, string message) =>
        Fail(EvaluationErrorCode.TypeMismatch, node, message);

    /// <summary>Wraps produced text, enforcing the text length limit.</summary>
    public StringValue Text(string text, Node node)
    {
        if (text.Length > Limits.MaxStringLength) throw TextTooLong(node);
        return new StringValue(text);
    }

    public ExpressionEvaluationException TextTooLong(Node node) =>
        Fail(EvaluationErrorCode.LimitExceeded, node, $"Text would be longer than the limit of {Limits.MaxStringLength} characters");

    /// <summary>Throws unless a list of <paramref name="length"/> items is allowed; call before building it.</summary>
    public void CheckListLength(long length, Node node)
    {
        if (length > Limits.MaxListLength)
        {
            throw Fail(EvaluationErrorCode.LimitExceeded, node, $"List would have {length} items; the limit is {Limits.MaxListLength}");
        }
    }

    /// <summary>Wraps produced items, enforcing the list length and nesting limits.</summary>
    public ListValue List(ImmutableArray<Value> items, Node node)
    {
        CheckListLength(items.Length, node);
        return CheckDepth(new ListValue(items), node);
    }

    /// <summary>Throws when a produced list or record nests deeper than allowed.</summary>
    public T CheckDepth<T>(T value, Node node) where T : Value
    {
        if (value.NestingDepth > Limits.MaxNestingDepth)
        {
            throw Fail(EvaluationErrorCode.LimitExceeded, node, $"Value would be nested {value.NestingDepth} levels deep; the limit is {Limits.MaxNestingDepth}");
        }
        return value;
    }
}
