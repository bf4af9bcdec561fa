using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class SyntaxErrorTests
{
    [Theory]
    [InlineData("(1 + 2", 6, "Expected ')' but found end of expression")]
    [InlineData("sum([1, 2) + 1", 9, "Expected ',' or ']' but found ')'")]
    [InlineData("'abc", 0, "Unterminated string")]
    [InlineData("x = \"abc", 4, "Unterminated string")]
    [InlineData("1 + then", 4, "Unexpected token 'then'")]
    [InlineData("1 +", 3, "Unexpected end of expression")]
    [InlineData("1 2", 2, "Unexpected token '2'")]
    [InlineData("", 0, "Unexpected end of expression")]
    [InlineData("sumx(lines)", 0, "Unknown function 'sumx' (did you mean 'sum'?)")]
    [InlineData("SUM(lines)", 0, "Unknown function 'SUM' (did you mean 'sum'?)")]
    [InlineData("frobnicate(1)", 0, "Unknown function 'frobnicate'")]
    [InlineData("round(1, 2, 3)", 0, "Function 'round' takes 1 to 2 arguments (round(number, digits?)) but got 3")]
    [InlineData("upper()", 0, "Function 'upper' takes 1 argument (upper(text)) but got 0")]
    [InlineData("filter(lines, 1)", 14, "filter expects a lambda like 'x -> ...' as argument 2 (filter(list, x -> condition))")]
    [InlineData("upper(x -> x)", 6, "upper does not take a lambda as argument 1 (upper(text))")]
    [InlineData("x -> x", 0, "A lambda like 'x -> ...' is only allowed as an argument of functions such as filter or map")]
    [InlineData("exists(1 + 1)", 7, "exists needs a variable or field path like form.amount")]
    [InlineData("1 < 2 < 3", 6, "Comparisons cannot be chained; combine them with 'and'")]
    [InlineData("a & b", 2, "Unexpected character '&' (use 'and' or '&&')")]
    [InlineData("a | b", 2, "Unexpected character '|' (use 'or' or '||')")]
    [InlineData("#", 0, "Unexpected character '#'")]
    [InlineData("if a then b", 11, "Expected 'else' but found end of expression")]
    [InlineData("if a b else c", 5, "Expected 'then' but found 'b'")]
    [InlineData("{a: 1, a: 2}", 7, "Duplicate field 'a' in record")]
    [InlineData("{a 1}", 3, "Expected ':' but found '1'")]
    [InlineData("form.", 5, "Expected a field name after '.' but found end of expression")]
    [InlineData("form.amount(1)", 11, "Only built-in functions can be called, like sum(list)")]
    [InlineData("@2026-02-30", 0, "Invalid date '@2026-02-30' (write e.g. @2026-11-22 or @2026-11-22T09:30:00+08:00)")]
    [InlineData("@tomorrow", 0, "Expected a date like @2026-11-22 or a duration like @P3D after '@'")]
    [InlineData("12abc", 0, "Invalid number '12a'")]
    [InlineData("1e99", 0, "Number 1e99 is out of range")]
    [InlineData(@"'\q'", 1, @"Unknown escape '\q' (use \\, \', \"", \n, \r, \t or \uXXXX)")]
    [InlineData(@"'\u12'", 1, @"Invalid escape: '\u' needs four hex digits")]
    public void SyntaxErrors_SayWhatAndWhere(string source, int offset, string message)
    {
        var error = SyntaxError(source);
        Assert.Equal(message, error.Message);
        Assert.Equal(offset, error.Offset);
        Assert.Equal((1, offset + 1), (error.Line, error.Column));
    }

    [Fact]
    public void InvalidDurationLiteral_QuotesTheDurationParserReason()
    {
        var error = SyntaxError("@P3X");
        Assert.StartsWith("Invalid duration '@P3X': ", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void Parse_ThrowsAFormatExceptionWithThePositionInTheMessage()
    {
        var ex = Assert.Throws<ExpressionSyntaxException>(() => Expression.Parse("round(1, 2"));
        Assert.IsAssignableFrom<FormatException>(ex);
        Assert.Equal("Expected ',' or ')' but found end of expression at 1:11", ex.Message);
        Assert.Equal(new ExpressionSyntaxError("Expected ',' or ')' but found end of expression", 10, 1, 11), ex.Error);
    }

    [Fact]
    public void Positions_CountLinesAndColumns()
    {
        var error = SyntaxError("a > 1 and\r\n  b >");
        Assert.Equal((2, 6, 16), (error.Line, error.Column, error.Offset));
    }

    [Fact]
    public void TryParse_ReturnsTheExpressionWhenValid()
    {
        Assert.True(Expression.TryParse("a + 1", out var expression, out var error));
        Assert.Null(error);
        Assert.Equal("a + 1", expression!.Source);
        Assert.Equal("a + 1", expression.ToString());
    }
}
