using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class ComparisonTests
{
    [Theory]
    [InlineData("1.0 = 1", true)]
    [InlineData("'a' = 'a'", true)]
    [InlineData("'a' = 'A'", false)]
    [InlineData("1 = '1'", false)]
    [InlineData("null = null", true)]
    [InlineData("x.missing = null", true)]
    [InlineData("0 = null", false)]
    [InlineData("[1, [2]] = [1, [2]]", true)]
    [InlineData("[1, 2] = [2, 1]", false)]
    [InlineData("{a: 1, b: 2} = {b: 2, a: 1.00}", true)]
    [InlineData("{a: 1} = {a: 1, b: null}", false)]
    [InlineData("@2026-11-22T09:30:00+08:00 = @2026-11-22T01:30:00Z", true)]
    [InlineData("@P1D = @PT24H", true)]
    [InlineData("@P1W = @P7D", true)]
    [InlineData("@P1Y = @P12M", true)]
    [InlineData("@P1M = @P30D", false)]
    [InlineData("true != false", true)]
    public void Equality_ComparesByMeaning_AndDifferentKindsAreUnequal(string source, bool expected) =>
        Assert.Equal(expected, Bool(source, ("x", Record())));

    [Theory]
    [InlineData("2 > 10", false)]
    [InlineData("'2' > '10'", true)]
    [InlineData("'B' < 'a'", true)]
    [InlineData("@2026-11-22 < @2026-11-23", true)]
    [InlineData("@2026-11-22T09:00:00+08:00 > @2026-11-22T02:00:00Z", false)]
    [InlineData("@PT25H > @P1D", true)]
    [InlineData("@P1W >= @P7D", true)]
    [InlineData("now() > @2026-01-01", true)]
    public void Ordering_WorksForNumbersTextDatesAndFixedDurations(string source, bool expected) =>
        Assert.Equal(expected, Bool(source));

    [Theory]
    [InlineData("1 < 'a'", "Cannot compare number 1 with text 'a' using '<'")]
    [InlineData("x.amount > 1000", "Cannot compare with '>': the left side is null")]
    [InlineData("1 <= null", "Cannot compare with '<=': the right side is null")]
    [InlineData("@P1M > @P30D", "Cannot compare duration @P1M and duration @P30D with '>': durations with years or months have no fixed length")]
    [InlineData("true < false", "Cannot compare boolean true with boolean false using '<'")]
    [InlineData("[1] < [2]", "Cannot compare list [1] with list [2] using '<'")]
    public void OrderingUnorderableValues_IsATypeMismatch(string source, string reason)
    {
        var error = EvalFails(source, ("x", Record()));
        Assert.Equal(EvaluationErrorCode.TypeMismatch, error.Code);
        Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData("'b' in ['a', 'b']", true)]
    [InlineData("2 in [1, 2.0]", true)]
    [InlineData("[1] in [[1], [2]]", true)]
    [InlineData("null in [1, null]", true)]
    [InlineData("'c' in []", false)]
    [InlineData("'审批' in '审批通过'", true)]
    [InlineData("'x' not in 'abc'", true)]
    [InlineData("initiator.department in ['财务处', '办公室']", true)]
    public void In_TestsListMembershipOrSubstring(string source, bool expected) =>
        Assert.Equal(expected, Bool(source, ("initiator", Record(("department", "办公室")))));

    [Theory]
    [InlineData("1 in 5", "'in' needs a list or text on the right, not number 5")]
    [InlineData("1 in 'abc'", "'in' on text needs text on the left, not number 1")]
    [InlineData("'a' in null", "'in' needs a list or text on the right, not null")]
    public void In_WithWrongKinds_IsATypeMismatch(string source, string reason)
    {
        var error = EvalFails(source);
        Assert.Equal(EvaluationErrorCode.TypeMismatch, error.Code);
        Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData("1 and true", 2, "The left of 'and' must be true or false, not number 1")]
    [InlineData("true and null", 5, "The right of 'and' must be true or false, not null")]
    [InlineData("false or 'yes'", 6, "The right of 'or' must be true or false, not text 'yes'")]
    [InlineData("not 0", 0, "'not' needs true or false, not number 0")]
    [InlineData("if 1 then 2 else 3", 0, "The condition of 'if' must be true or false, not number 1")]
    public void LogicOnNonBooleans_IsATypeMismatch(string source, int offset, string reason)
    {
        var error = EvalFails(source);
        Assert.Equal(EvaluationErrorCode.TypeMismatch, error.Code);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(reason, error.Reason);
    }
}
