using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class TextFunctionTests
{
    [Theory]
    [InlineData("len('abc')", "3")]
    [InlineData("len('审批')", "2")]
    [InlineData("len('')", "0")]
    [InlineData("len([1, 2])", "2")]
    [InlineData("upper('abc')", "'ABC'")]
    [InlineData("lower('ÀBC')", "'àbc'")]
    [InlineData("upper('istanbul')", "'ISTANBUL'")]
    [InlineData("trim('  a b \n')", "'a b'")]
    [InlineData("contains('财务处', '财务')", "true")]
    [InlineData("contains('abc', 'B')", "false")]
    [InlineData("contains([1, 2], 2)", "true")]
    [InlineData("contains([1, 2], '2')", "false")]
    [InlineData("startsWith('G2G-001', 'G2G')", "true")]
    [InlineData("startsWith('abc', 'b')", "false")]
    [InlineData("endsWith('report.pdf', '.pdf')", "true")]
    [InlineData("endsWith('report.pdf', '.PDF')", "false")]
    [InlineData("substring('abcdef', 2)", "'cdef'")]
    [InlineData("substring('abcdef', 2, 3)", "'cde'")]
    [InlineData("substring('abcdef', 4, 10)", "'ef'")]
    [InlineData("substring('abc', 5)", "''")]
    [InlineData("replace('a-b-c', '-', '/')", "'a/b/c'")]
    [InlineData("replace('aaa', 'a', 'bb')", "'bbbbbb'")]
    [InlineData("split('a,b,,c', ',')", "['a', 'b', '', 'c']")]
    [InlineData("split('a::b', '::')", "['a', 'b']")]
    [InlineData("split('', ',')", "['']")]
    [InlineData("join(['a', 'b'], ', ')", "'a, b'")]
    [InlineData("join([1, null, true])", "'1true'")]
    [InlineData("join([])", "''")]
    [InlineData("concat('No.', 12, '-', null, true)", "'No.12-true'")]
    [InlineData("concat('x')", "'x'")]
    public void TextFunctions_ComputeTheDocumentedResults(string source, string expected) =>
        Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("upper(1)", EvaluationErrorCode.TypeMismatch, 6, "upper expects text as argument 1, not number 1")]
    [InlineData("len(null)", EvaluationErrorCode.TypeMismatch, 4, "len expects text or a list as argument 1, not null")]
    [InlineData("contains(1, 1)", EvaluationErrorCode.TypeMismatch, 9, "contains expects text or a list as argument 1, not number 1")]
    [InlineData("contains('a', 1)", EvaluationErrorCode.TypeMismatch, 14, "contains expects text as argument 2, not number 1")]
    [InlineData("substring('abc', -1)", EvaluationErrorCode.ArgumentError, 17, "Argument 2 of substring must be a whole number of at least 0, not -1")]
    [InlineData("substring('abc', 1.5)", EvaluationErrorCode.ArgumentError, 17, "Argument 2 of substring must be a whole number of at least 0, not 1.5")]
    [InlineData("replace('abc', '', 'x')", EvaluationErrorCode.ArgumentError, 15, "Argument 2 of replace must not be empty text")]
    [InlineData("split('abc', '')", EvaluationErrorCode.ArgumentError, 13, "Argument 2 of split must not be empty text")]
    [InlineData("join('abc')", EvaluationErrorCode.TypeMismatch, 5, "join expects a list as argument 1, not text 'abc'")]
    public void TextFunctions_RejectWrongArguments(string source, EvaluationErrorCode code, int offset, string reason)
    {
        var error = EvalFails(source);
        Assert.Equal((code, offset, reason), (error.Code, error.Offset, error.Reason));
    }
}
