using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class PathTests
{
    private static readonly (string, object?)[] Variables =
    [
        ("form", Record(("amount", 1200m), ("address", null), ("tags", new[] { "urgent", "finance" }))),
        ("initiator", Record(("department", "财务处"), ("manager", Record(("name", "王主任"))))),
        ("lines", new[] { Record(("amount", 10)), Record(("amount", 20)) }),
        ("申请人", "李雷"),
    ];

    [Theory]
    [InlineData("form.amount", "1200")]
    [InlineData("initiator.department", "'财务处'")]
    [InlineData("initiator.manager.name", "'王主任'")]
    [InlineData("lines[0].amount", "10")]
    [InlineData("lines[-1].amount", "20")]
    [InlineData("lines[1 + 0].amount", "20")]
    [InlineData("form.tags[1]", "'finance'")]
    [InlineData("form['amount']", "1200")]
    [InlineData("申请人", "'李雷'")]
    public void Paths_ReadFieldsAndIndexes(string source, string expected) =>
        Assert.Equal(expected, Show(source, Variables));

    [Theory]
    [InlineData("form.missing")]
    [InlineData("form.address")]
    [InlineData("form['no such']")]
    [InlineData("lines[5]")]
    [InlineData("lines[-3]")]
    [InlineData("form.address?.city")]
    [InlineData("form.address?['city']")]
    [InlineData("form.missing?.a?.b")]
    public void MissingFieldsAndOutOfRangeIndexes_ReadAsNull(string source) =>
        Assert.Same(Value.Null, Eval(source, Variables));

    [Fact]
    public void MissingRootVariable_IsAnError_NamingIt()
    {
        var error = EvalFails("1 + applicant.age", Variables);
        Assert.Equal(EvaluationErrorCode.MissingVariable, error.Code);
        Assert.Equal("Variable 'applicant' is not defined", error.Reason);
        Assert.Equal(4, error.Offset);
        Assert.Equal((1, 5), (error.Line, error.Column));
    }

    [Fact]
    public void FieldOfNull_IsAMissingFieldError_SuggestingNullSafeAccess()
    {
        var error = EvalFails("form.address.city", Variables);
        Assert.Equal(EvaluationErrorCode.MissingField, error.Code);
        Assert.Equal("Cannot read field 'city' because 'form.address' is null (write '?.' to get null instead)", error.Reason);
        Assert.Equal(13, error.Offset);
    }

    [Fact]
    public void IndexOfNull_IsAMissingFieldError()
    {
        var error = EvalFails("form.address[0]", Variables);
        Assert.Equal(EvaluationErrorCode.MissingField, error.Code);
        Assert.Equal(12, error.Offset);
    }

    [Theory]
    [InlineData("form.amount.value", "Cannot read field 'value' of number 1200")]
    [InlineData("lines['a']", "A list index must be a number, not text 'a'")]
    [InlineData("form[0]", "A record key must be text, not number 0")]
    [InlineData("initiator.department[0]", "Cannot index text '财务处'; only lists and records have items")]
    public void AccessOnTheWrongKind_IsATypeMismatch(string source, string reason)
    {
        var error = EvalFails(source, Variables);
        Assert.Equal(EvaluationErrorCode.TypeMismatch, error.Code);
        Assert.Equal(reason, error.Reason);
    }

    [Fact]
    public void FractionalListIndex_IsAnArgumentError() =>
        Assert.Equal(EvaluationErrorCode.ArgumentError, EvalFails("lines[0.5]", Variables).Code);

    [Fact]
    public void KeywordsCanBeFieldNames() => Assert.Equal(1m, Number("x.in + x.if", ("x", Record(("in", 0), ("if", 1)))));

    [Fact]
    public void ErrorsOnLaterLines_ReportLineAndColumn()
    {
        var error = EvalFails("form.amount > 0 and\n  applicant.age > 18", Variables);
        Assert.Equal((2, 3), (error.Line, error.Column));
        Assert.EndsWith("at 2:3", error.Message, StringComparison.Ordinal);
    }
}
