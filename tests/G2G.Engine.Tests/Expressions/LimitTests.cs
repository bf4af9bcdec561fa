using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class LimitTests
{
    private static EvaluationContext With(ExpressionLimits limits) => new() { Now = Now, Limits = limits };

    [Fact]
    public void DefaultLimits_AreDocumentedValues() =>
        Assert.Equal(new ExpressionLimits { MaxSteps = 100_000, MaxStringLength = 100_000, MaxListLength = 10_000, MaxNestingDepth = 64, MaxSourceLength = 4_000 },
            ExpressionLimits.Default);

    [Theory]
    [InlineData(64, true)]
    [InlineData(65, false)]
    public void DeepParenthesisNesting_IsASyntaxError(int depth, bool ok)
    {
        var source = new string('(', depth - 1) + "1" + new string(')', depth - 1);
        Assert.Equal(ok, Expression.TryParse(source, out _, out var error));
        if (!ok) Assert.Equal("The expression is nested more than 64 levels deep", error!.Message);
    }

    [Theory]
    [InlineData("[")]
    [InlineData("-")]
    [InlineData("not ")]
    [InlineData("f(")]
    public void PathologicalNesting_NeverOverflowsTheStack(string opener)
    {
        var source = string.Concat(Enumerable.Repeat(opener.Replace("f(", "abs(", StringComparison.Ordinal), 900)) + "1";
        var error = SyntaxError(source);
        Assert.Contains("nested more than 64 levels deep", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongOperatorChains_AreBoundedByTreeHeight()
    {
        var limits = new ExpressionLimits { MaxSourceLength = 100_000 };
        var ok = string.Join(" + ", Enumerable.Repeat("1", 999));
        Assert.Equal(999m, ((NumberValue)Expression.Parse(ok, limits).Evaluate(DictionaryVariableScope.Empty, Context)).Value);
        var tooLong = string.Join(" + ", Enumerable.Repeat("1", 1_001));
        Assert.False(Expression.TryParse(tooLong, limits, out _, out var error));
        Assert.StartsWith("The expression is too long a chain of operations", error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LongSource_IsASyntaxError()
    {
        var error = SyntaxError(new string(' ', 4_001) + "1");
        Assert.Equal("The text is longer than the limit of 4000 characters", error.Message);
        Assert.Equal(4_000, error.Offset);
    }

    [Fact]
    public void HugeList_IsALimitError()
    {
        var big = Enumerable.Range(0, 6_000).ToArray();
        var error = EvalFails("big + big", ("big", big));
        Assert.Equal(EvaluationErrorCode.LimitExceeded, error.Code);
        Assert.Equal("List would have 12000 items; the limit is 10000", error.Reason);
        Assert.Equal(4, error.Offset);
    }

    [Theory]
    [InlineData("map(big, x -> x)")]
    [InlineData("split(text, ',')")]
    public void ProducingListsBeyondTheLimit_IsALimitError(string source)
    {
        var context = With(new ExpressionLimits { MaxListLength = 100 });
        var error = EvalFails(source, context, ("big", Enumerable.Range(0, 101).ToArray()), ("text", new string(',', 100)));
        Assert.Equal(EvaluationErrorCode.LimitExceeded, error.Code);
    }

    [Theory]
    [InlineData("t + t")]
    [InlineData("concat(t, t)")]
    [InlineData("replace(t, 'a', 'aa')")]
    [InlineData("join([t, t])")]
    [InlineData("string([t, t])")]
    public void ProducingTextBeyondTheLimit_IsALimitError(string source)
    {
        var context = With(new ExpressionLimits { MaxStringLength = 100 });
        var error = EvalFails(source, context, ("t", new string('a', 60)));
        Assert.Equal(EvaluationErrorCode.LimitExceeded, error.Code);
        Assert.Equal("Text would be longer than the limit of 100 characters", error.Reason);
    }

    [Fact]
    public void RunawayNestedLambdas_HitTheStepLimit()
    {
        var big = Enumerable.Range(0, 5_000).ToArray();
        var error = EvalFails("count(big, a -> any(big, b -> a + b < 0))", ("big", big));
        Assert.Equal(EvaluationErrorCode.LimitExceeded, error.Code);
        Assert.Equal("Evaluation took more than 100000 steps", error.Reason);
    }

    [Fact]
    public void StepLimit_CanBeLowered()
    {
        var context = With(new ExpressionLimits { MaxSteps = 3 });
        Assert.Equal(2m, ((NumberValue)Eval("1 + 1", context)).Value);
        Assert.Equal(EvaluationErrorCode.LimitExceeded, EvalFails("1 + 1 + 1", context).Code);
    }

    [Fact]
    public void DeeplyNestedProducedValues_AreALimitError()
    {
        var context = With(new ExpressionLimits { MaxNestingDepth = 3 });
        Assert.Equal("[[[1]]]", Eval("[[[1]]]", context).ToString());
        Assert.Equal(EvaluationErrorCode.LimitExceeded, EvalFails("[[[[1]]]]", context).Code);
        Assert.Equal(EvaluationErrorCode.LimitExceeded, EvalFails("map([1], x -> {a: v})", context, ("v", new[] { new[] { 1 } })).Code);
    }

    [Fact]
    public void EvaluationContext_RejectsImpossibleOffsets() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new EvaluationContext { Offset = TimeSpan.FromHours(15) });
}
