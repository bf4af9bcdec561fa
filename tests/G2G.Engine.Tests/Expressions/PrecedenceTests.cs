using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class PrecedenceTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("(1 + 2) * 3", "9")]
    [InlineData("10 - 4 - 3", "3")]
    [InlineData("2 * 3 % 4", "2")]
    [InlineData("12 / 2 / 3", "2")]
    [InlineData("-2 * 3", "-6")]
    [InlineData("- (2 + 3) * 2", "-10")]
    [InlineData("--2", "2")]
    [InlineData("1 + 2 = 3", "true")]
    [InlineData("1 + 2 > 2 * 1", "true")]
    [InlineData("not 1 = 2", "true")]
    [InlineData("!(1 = 1)", "false")]
    [InlineData("true or false and false", "true")]
    [InlineData("(true or false) and false", "false")]
    [InlineData("true || false && false", "true")]
    [InlineData("not true or true", "true")]
    [InlineData("not false and false", "false")]
    [InlineData("1 < 2 and 3 > 2", "true")]
    [InlineData("2 in [1, 2] and not 3 in [1, 2]", "true")]
    [InlineData("3 not in [1, 2]", "true")]
    [InlineData("if 1 > 2 then 'a' else 'b' + 'c'", "'bc'")]
    [InlineData("1 + (if true then 1 else 2)", "2")]
    [InlineData("if true then if false then 1 else 2 else 3", "2")]
    [InlineData("'a' + 1 + 2", "'a12'")]
    [InlineData("1 + 2 + 'a'", "'3a'")]
    [InlineData("[1, 2][0] + 1", "2")]
    [InlineData("{a: {b: 5}}.a.b * 2", "10")]
    public void Operators_BindByTheDocumentedPrecedence(string source, string expected) =>
        Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("a = 1", true)]
    [InlineData("a == 1", true)]
    [InlineData("a != 1", false)]
    [InlineData("a <> 1", false)]
    [InlineData("a < 2", true)]
    [InlineData("a <= 1", true)]
    [InlineData("a > 0", true)]
    [InlineData("a >= 2", false)]
    public void ComparisonOperators_HaveAllSpellings(string source, bool expected) =>
        Assert.Equal(expected, Bool(source, ("a", 1)));

    [Fact]
    public void And_ShortCircuits_SoTheRightSideIsNotEvaluated() =>
        Assert.False(Bool("false and missing.x > 1"));

    [Fact]
    public void Or_ShortCircuits_SoTheRightSideIsNotEvaluated() =>
        Assert.True(Bool("true || 1 / 0 = 1"));

    [Fact]
    public void If_EvaluatesOnlyTheChosenBranch() =>
        Assert.Equal(1m, Number("if x > 0 then 1 else 1 / 0", ("x", 5)));
}
