using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class LiteralTests
{
    [Theory]
    [InlineData("12", "12")]
    [InlineData("0.5", "0.5")]
    [InlineData("1e3", "1000")]
    [InlineData("1.5E-2", "0.015")]
    [InlineData("2.50", "2.50")]
    [InlineData("-3", "-3")]
    [InlineData("79228162514264337593543950335", "79228162514264337593543950335")]
    public void Numbers_AreDecimals(string source, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Number(source));

    [Theory]
    [InlineData("'text'", "text")]
    [InlineData("\"text\"", "text")]
    [InlineData(@"'it\'s'", "it's")]
    [InlineData(@"""say \""hi\""""", "say \"hi\"")]
    [InlineData(@"'a\nb\tc\\d\/e\r'", "a\nb\tc\\d/e\r")]
    [InlineData(@"'\u4e2d\u6587'", "中文")]
    [InlineData("'审批通过'", "审批通过")]
    [InlineData("''", "")]
    [InlineData("'double \" inside single'", "double \" inside single")]
    public void Strings_UseEitherQuoteAndBackslashEscapes(string source, string expected) =>
        Assert.Equal(expected, Text(source));

    [Fact]
    public void Booleans_AndNull_AreKeywords()
    {
        Assert.Same(Value.True, Eval("true"));
        Assert.Same(Value.False, Eval("false"));
        Assert.Same(Value.Null, Eval("null"));
    }

    [Fact]
    public void DateOnlyLiteral_IsMidnightAtTheContextOffset()
    {
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, China), Date("@2026-11-22"));
        var utc = new EvaluationContext { Now = Now, Offset = TimeSpan.Zero };
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, TimeSpan.Zero), ((DateValue)Eval("@2026-11-22", utc)).Value);
    }

    [Theory]
    [InlineData("@2026-11-22T09:30:00+08:00", "2026-11-22T09:30:00+08:00")]
    [InlineData("@2026-11-22T01:30:00Z", "2026-11-22T01:30:00+00:00")]
    [InlineData("@2026-11-22T09:30", "2026-11-22T09:30:00+08:00")]
    [InlineData("@2026-11-22T09:30:15.25-05:00", "2026-11-22T09:30:15.25-05:00")]
    public void DateTimeLiterals_KeepTheirOffset_OrTakeTheContextOffset(string source, string expected) =>
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), Date(source));

    [Fact]
    public void DateTimeLiteral_KeepsItsOwnOffsetForDisplay() =>
        Assert.Equal("@2026-11-22T01:30:00+00:00", Show("@2026-11-22T01:30:00Z"));

    [Theory]
    [InlineData("@P3D", "@P3D")]
    [InlineData("@PT4H", "@PT4H")]
    [InlineData("@-P1D", "@-P1D")]
    [InlineData("@P2W", "@P2W")]
    [InlineData("@P1Y2M3DT4H5M6.5S", "@P1Y2M3DT4H5M6.5S")]
    [InlineData("duration('PT30M')", "@PT30M")]
    public void DurationLiterals_AreWrittenWithAt(string source, string expected) =>
        Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("[1, 2, 3]", "[1, 2, 3]")]
    [InlineData("[]", "[]")]
    [InlineData("[1, 'a', [true, null]]", "[1, 'a', [true, null]]")]
    [InlineData("[1, 2,]", "[1, 2]")]
    public void Lists_HoldAnyValues(string source, string expected) => Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("{ amount: 3, name: 'x' }", "{amount: 3, name: 'x'}")]
    [InlineData("{}", "{}")]
    [InlineData("{'full name': 'Li Lei', in: 1}", "{'full name': 'Li Lei', 'in': 1}")]
    [InlineData("{b: 1, a: {c: [2]}}", "{a: {c: [2]}, b: 1}")]
    [InlineData("{金额: 5}", "{金额: 5}")]
    public void Records_TakeNameOrQuotedKeys(string source, string expected) => Assert.Equal(expected, Show(source));

    [Fact]
    public void Comments_RunToTheEndOfTheLine() => Assert.Equal(3m, Number("1 + // the base\n 2"));

    [Fact]
    public void Whitespace_IncludesNewLinesAndFullWidthSpaces() => Assert.Equal(3m, Number("1\r\n+\t2\u3000"));
}
