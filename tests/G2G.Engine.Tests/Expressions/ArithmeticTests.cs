using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class ArithmeticTests
{
    [Fact]
    public void Division_IsDecimal() => Assert.Equal(1m / 3m, Number("1/3"));

    [Fact]
    public void MultiInstanceCompletion_ComparesTheDecimalRatio() =>
        Assert.True(Bool("nrOfApproved / nrOfInstances > 0.5", ("nrOfApproved", 2), ("nrOfInstances", 3)));

    [Fact]
    public void DecimalArithmetic_HasNoBinaryFloatingPointError() => Assert.True(Bool("0.1 + 0.2 = 0.3"));

    [Theory]
    [InlineData("7 % 3", 1)]
    [InlineData("-7 % 3", -1)]
    [InlineData("7.5 % 2", 1.5)]
    public void Remainder_KeepsTheSignOfTheDividend(string source, double expected) =>
        Assert.Equal((decimal)expected, Number(source));

    [Theory]
    [InlineData("1 / 0", 2)]
    [InlineData("5 % 0", 2)]
    [InlineData("x / (y - y)", 2)]
    public void DivisionByZero_IsAnError_AtTheOperator(string source, int offset)
    {
        var error = EvalFails(source, ("x", 1), ("y", 2));
        Assert.Equal(EvaluationErrorCode.DivisionByZero, error.Code);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(source, error.Source);
    }

    [Fact]
    public void Overflow_IsALimitError()
    {
        var error = EvalFails("79228162514264337593543950335 * 2");
        Assert.Equal(EvaluationErrorCode.LimitExceeded, error.Code);
        Assert.Equal(30, error.Offset);
    }

    [Theory]
    [InlineData("'a' + 'b'", "'ab'")]
    [InlineData("'n=' + 1.50", "'n=1.5'")]
    [InlineData("'ok: ' + true", "'ok: true'")]
    [InlineData("'x' + null", "'x'")]
    [InlineData("'d: ' + @2026-11-22", "'d: 2026-11-22T00:00:00+08:00'")]
    [InlineData("'p: ' + @P3D", "'p: P3D'")]
    [InlineData("'l: ' + [1, 'a']", "'l: [1, \\'a\\']'")]
    [InlineData("[1] + [2, 3]", "[1, 2, 3]")]
    public void Plus_ConcatenatesTextAndLists(string source, string expected) => Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("@2026-11-22 + @P3D", "@2026-11-25T00:00:00+08:00")]
    [InlineData("@P3D + @2026-11-22", "@2026-11-25T00:00:00+08:00")]
    [InlineData("@2026-01-31 + @P1M", "@2026-02-28T00:00:00+08:00")]
    [InlineData("@2026-11-22T09:00:00+08:00 - @PT90M", "@2026-11-22T07:30:00+08:00")]
    [InlineData("@2026-11-25 - @2026-11-22", "@P3D")]
    [InlineData("@2026-11-22 - @2026-11-25T06:00:00+08:00", "@-P3DT6H")]
    [InlineData("@2026-11-22T09:30:00+08:00 - @2026-11-22T01:30:00Z", "@PT0S")]
    [InlineData("@P1D + @PT2H", "@P1DT2H")]
    [InlineData("@P1D - @PT1H", "@PT23H")]
    [InlineData("@PT2H * 3", "@PT6H")]
    [InlineData("2 * @P1W", "@P2W")]
    [InlineData("-@P1D", "@-P1D")]
    public void DatesAndDurations_Combine(string source, string expected) => Assert.Equal(expected, Show(source));

    [Fact]
    public void DurationTimesFraction_IsAnArgumentError()
    {
        var error = EvalFails("@P1D * 1.5");
        Assert.Equal(EvaluationErrorCode.ArgumentError, error.Code);
        Assert.Equal(5, error.Offset);
    }

    [Fact]
    public void DurationsMixingMonthsAndNegativeDays_AreAnArgumentError() =>
        Assert.Equal(EvaluationErrorCode.ArgumentError, EvalFails("@P1M - @P1D").Code);

    [Theory]
    [InlineData("1 + true", 2, "Operator '+' cannot be applied to number 1 and boolean true")]
    [InlineData("null + 1", 5, "Operator '+' cannot be applied to null and number 1")]
    [InlineData("'a' - 1", 4, "Operator '-' cannot be applied to text 'a' and number 1")]
    [InlineData("@2026-11-22 * 2", 12, "Operator '*' cannot be applied to date @2026-11-22T00:00:00+08:00 and number 2")]
    [InlineData("-'a'", 0, "Cannot negate text 'a'; '-' needs a number or a duration")]
    [InlineData("x.amount * 2", 9, "Operator '*' cannot be applied to null and number 2")]
    public void WrongKinds_AreTypeMismatches_AtTheOperator(string source, int offset, string reason)
    {
        var error = EvalFails(source, ("x", Record()));
        Assert.Equal(EvaluationErrorCode.TypeMismatch, error.Code);
        Assert.Equal(offset, error.Offset);
        Assert.Equal(reason, error.Reason);
        Assert.Equal($"{reason} at 1:{offset + 1}", error.Message);
    }
}
