using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class ExpressionApiTests
{
    [Theory]
    [InlineData("form.amount > limit and initiator.department = '办公室'", new[] { "form", "limit", "initiator" })]
    [InlineData("sum(map(lines, l -> l.amount)) > max(caps, c -> c * rate)", new[] { "lines", "caps", "rate" })]
    [InlineData("count(xs) + count(xs)", new[] { "xs" })]
    [InlineData("exists(a.b) or coalesce(c, d) = 1", new[] { "a", "c", "d" })]
    [InlineData("lines[i].amount", new[] { "lines", "i" })]
    [InlineData("now() > @2026-01-01 and 1 = 1", new string[0])]
    [InlineData("{count: 1}.count", new string[0])]
    public void RootVariables_ListReadRootsOnce_WithoutFunctionsOrLambdaParameters(string source, string[] expected) =>
        Assert.Equal(expected, Expression.Parse(source).RootVariables);

    [Fact]
    public void EvaluateCondition_ReturnsTheBoolean()
    {
        var condition = Expression.Parse("nrOfApproved / nrOfInstances > 0.5");
        Assert.True(condition.EvaluateCondition(Scope(("nrOfApproved", 2), ("nrOfInstances", 3)), Context));
        Assert.False(condition.EvaluateCondition(Scope(("nrOfApproved", 1), ("nrOfInstances", 3)), Context));
    }

    [Theory]
    [InlineData("form.approved", "A condition must be true or false, but this one gave null")]
    [InlineData("1 + 1", "A condition must be true or false, but this one gave number 2")]
    [InlineData("'true'", "A condition must be true or false, but this one gave text 'true'")]
    public void EvaluateCondition_RejectsNonBooleans(string source, string reason)
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() =>
            Expression.Parse(source).EvaluateCondition(Scope(("form", Record())), Context));
        Assert.Equal((EvaluationErrorCode.TypeMismatch, reason), (error.Code, error.Reason));
    }

    [Fact]
    public void EvaluationErrors_CarryTheSourceAndPosition()
    {
        var error = Assert.Throws<ExpressionEvaluationException>(() => Eval("a +\n  b / 0", ("a", 1), ("b", 2)));
        Assert.Equal("a +\n  b / 0", error.Source);
        Assert.Equal((8, 2, 5), (error.Offset, error.Line, error.Column));
        Assert.Equal("Division by zero (2 / 0) at 2:5", error.Message);
    }

    [Fact]
    public void AnExpression_CanBeEvaluatedFromManyThreadsAtOnce()
    {
        var expression = Expression.Parse("sum(map(xs, x -> x * k)) + count(filter(xs, x -> x > 2))");
        var results = new decimal[64];
        Parallel.For(0, results.Length, i =>
        {
            var scope = Scope(("xs", new[] { 1, 2, 3, 4 }), ("k", i));
            results[i] = ((NumberValue)expression.Evaluate(scope, Context)).Value;
        });
        for (var i = 0; i < results.Length; i++) Assert.Equal((10m * i) + 2, results[i]);
    }

    [Fact]
    public void ManyEvaluations_RunWithoutPathologicalCost()
    {
        // A smoke check, not a benchmark: 100k gateway-style evaluations must simply finish.
        var condition = Expression.Parse("form.amount > 1000 and initiator.department in ['财务处', '办公室'] or nrOfApproved / nrOfInstances >= 0.5");
        var scope = Scope(
            ("form", Record(("amount", 800))),
            ("initiator", Record(("department", "办公室"))),
            ("nrOfApproved", 1),
            ("nrOfInstances", 2));
        var trueCount = 0;
        for (var i = 0; i < 100_000; i++)
        {
            if (condition.EvaluateCondition(scope, Context)) trueCount++;
        }
        Assert.Equal(100_000, trueCount);
    }

    [Fact]
    public void NullArguments_AreRejected()
    {
        Assert.Throws<ArgumentNullException>(() => Expression.Parse(null!));
        var expression = Expression.Parse("1");
        Assert.Throws<ArgumentNullException>(() => expression.Evaluate(null!, Context));
        Assert.Throws<ArgumentNullException>(() => expression.Evaluate(DictionaryVariableScope.Empty, null!));
    }
}
