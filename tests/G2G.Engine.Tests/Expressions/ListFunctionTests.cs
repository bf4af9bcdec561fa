using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class ListFunctionTests
{
    private static readonly (string, object?)[] Lines =
    [
        ("lines", new[]
        {
            Record(("item", "paper"), ("amount", 30m), ("approved", true)),
            Record(("item", "toner"), ("amount", 120.5m), ("approved", false)),
            Record(("item", "desk"), ("amount", null), ("approved", true)),
        }),
        ("numbers", new object?[] { 3, 1, null, 2 }),
    ];

    [Theory]
    [InlineData("count(lines)", "3")]
    [InlineData("count(lines, l -> l.approved)", "2")]
    [InlineData("count([])", "0")]
    [InlineData("sum(map(lines, l -> l.amount))", "150.5")]
    [InlineData("sum(lines, l -> l.amount)", "150.5")]
    [InlineData("sum(numbers)", "6")]
    [InlineData("sum([])", "0")]
    [InlineData("avg(numbers)", "2")]
    [InlineData("avg([1, 2])", "1.5")]
    [InlineData("avg([])", "null")]
    [InlineData("avg([null])", "null")]
    [InlineData("min(numbers)", "1")]
    [InlineData("max(numbers)", "3")]
    [InlineData("max(lines, l -> l.amount)", "120.5")]
    [InlineData("min(['b', 'a', 'c'])", "'a'")]
    [InlineData("max([@2026-01-01, @2026-03-01, @2026-02-01])", "@2026-03-01T00:00:00+08:00")]
    [InlineData("min([@PT2H, @PT30M])", "@PT30M")]
    [InlineData("min([])", "null")]
    [InlineData("any(lines, l -> l.amount > 100)", "true")]
    [InlineData("any([], x -> true)", "false")]
    [InlineData("all(lines, l -> l.approved)", "false")]
    [InlineData("all([], x -> false)", "true")]
    [InlineData("map(filter(lines, l -> l.approved), l -> l.item)", "['paper', 'desk']")]
    [InlineData("filter(numbers, n -> n != null and n > 1)", "[3, 2]")]
    [InlineData("map([1, 2], n -> n * 10)", "[10, 20]")]
    [InlineData("map([], n -> 1 / 0)", "[]")]
    [InlineData("first(lines).item", "'paper'")]
    [InlineData("last(lines).item", "'desk'")]
    [InlineData("first(lines, l -> l.amount > 100).item", "'toner'")]
    [InlineData("last(numbers, n -> n != null and n < 3)", "2")]
    [InlineData("first([])", "null")]
    [InlineData("first([1], n -> n > 5)", "null")]
    [InlineData("contains(map(lines, l -> l.item), 'desk')", "true")]
    [InlineData("distinct([1, 2, 1.0, '1', [1], [1], {a: 1}, {a: 1}, null, null])", "[1, 2, '1', [1], {a: 1}, null]")]
    [InlineData("sort([3, 1, 2])", "[1, 2, 3]")]
    [InlineData("sort(['b', 'B', 'a'])", "['B', 'a', 'b']")]
    [InlineData("sort([@2026-02-01, @2026-01-01])", "[@2026-01-01T00:00:00+08:00, @2026-02-01T00:00:00+08:00]")]
    [InlineData("map(sort(lines, l -> l.item), l -> l.item)", "['desk', 'paper', 'toner']")]
    [InlineData("map(sort([{k: 1, n: 'a'}, {k: 0, n: 'b'}, {k: 1, n: 'c'}], x -> x.k), x -> x.n)", "['b', 'a', 'c']")]
    [InlineData("sort([])", "[]")]
    public void ListFunctions_ComputeTheDocumentedResults(string source, string expected) =>
        Assert.Equal(expected, Show(source, Lines));

    [Fact]
    public void NestedLambdas_SeeTheirOuterParameter() =>
        Assert.Equal("[[11, 12], [21, 22]]", Show("map([10, 20], a -> map([1, 2], b -> a + b))"));

    [Fact]
    public void LambdaParameters_ShadowVariables_AndAreNotRootVariables()
    {
        var expression = Expression.Parse("map(xs, x -> x + y)");
        Assert.Equal(["xs", "y"], expression.RootVariables);
        Assert.Equal("[11]", expression.Evaluate(Scope(("xs", new[] { 1 }), ("x", 100), ("y", 10)), Context).ToString());
    }

    [Theory]
    [InlineData("count(1)", EvaluationErrorCode.TypeMismatch, "count expects a list as argument 1, not number 1")]
    [InlineData("filter(lines, l -> l.amount)", EvaluationErrorCode.TypeMismatch, "The lambda given to filter must return true or false, not number 30")]
    [InlineData("all(numbers, n -> n > 0)", EvaluationErrorCode.TypeMismatch, "Cannot compare with '>': the left side is null")]
    [InlineData("sum(['a'])", EvaluationErrorCode.TypeMismatch, "sum needs numbers, but item 0 is text 'a'")]
    [InlineData("avg(lines, l -> l.item)", EvaluationErrorCode.TypeMismatch, "avg needs numbers, but item 0 is text 'paper'")]
    [InlineData("max([1, 'a'])", EvaluationErrorCode.TypeMismatch, "max cannot compare text 'a' (item 1) with number 1")]
    [InlineData("min([true])", EvaluationErrorCode.TypeMismatch, "min cannot order boolean true (item 0)")]
    [InlineData("sort([1, 'a'])", EvaluationErrorCode.TypeMismatch, "sort cannot order number 1 and text 'a'; keys must all be numbers, texts, dates or fixed durations")]
    [InlineData("sort(numbers)", EvaluationErrorCode.TypeMismatch, "sort cannot order number 3 and null; keys must all be numbers, texts, dates or fixed durations")]
    public void ListFunctions_RejectWrongKinds(string source, EvaluationErrorCode code, string reason)
    {
        var error = EvalFails(source, Lines);
        Assert.Equal((code, reason), (error.Code, error.Reason));
    }

    [Fact]
    public void LambdaErrors_PointIntoTheLambdaBody()
    {
        var error = EvalFails("filter(lines, l -> l.amount)", Lines);
        Assert.Equal(21, error.Offset); // the field name inside `l -> l.amount`
    }
}
