using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class NumberNullConversionFunctionTests
{
    private static readonly (string, object?)[] Form =
        [("form", Record(("amount", 12.5m), ("note", null), ("address", null))), ("discount", null)];

    [Theory]
    [InlineData("round(2.5)", "3")]
    [InlineData("round(-2.5)", "-3")]
    [InlineData("round(1.005, 2)", "1.01")]
    [InlineData("round(1 / 3, 4)", "0.3333")]
    [InlineData("round(7)", "7")]
    [InlineData("floor(2.7)", "2")]
    [InlineData("floor(-2.1)", "-3")]
    [InlineData("ceil(2.1)", "3")]
    [InlineData("ceil(-2.7)", "-2")]
    [InlineData("abs(-4.5)", "4.5")]
    [InlineData("abs(4)", "4")]
    public void NumberFunctions_RoundHalfAwayFromZero(string source, string expected) => Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("round(1.5, 29)", EvaluationErrorCode.ArgumentError, "Argument 2 of round must be a whole number from 0 to 28, not 29")]
    [InlineData("round(1.5, -1)", EvaluationErrorCode.ArgumentError, "Argument 2 of round must be a whole number from 0 to 28, not -1")]
    [InlineData("floor('1')", EvaluationErrorCode.TypeMismatch, "floor expects a number as argument 1, not text '1'")]
    [InlineData("abs(null)", EvaluationErrorCode.TypeMismatch, "abs expects a number as argument 1, not null")]
    public void NumberFunctions_RejectWrongArguments(string source, EvaluationErrorCode code, string reason)
    {
        var error = EvalFails(source);
        Assert.Equal((code, reason), (error.Code, error.Reason));
    }

    [Theory]
    [InlineData("coalesce(form.note, 'none')", "'none'")]
    [InlineData("coalesce(form.amount, 0)", "12.5")]
    [InlineData("coalesce(null, null)", "null")]
    [InlineData("coalesce(discount, 0)", "0")]
    [InlineData("coalesce(notDefinedYet, 5)", "5")]
    [InlineData("coalesce(form.address.city, '-')", "'-'")]
    [InlineData("coalesce(1, 1 / 0)", "1")]
    [InlineData("exists(form.amount)", "true")]
    [InlineData("exists(form.note)", "false")]
    [InlineData("exists(form.missing)", "false")]
    [InlineData("exists(form.address.city)", "false")]
    [InlineData("exists(notDefined)", "false")]
    [InlineData("exists(notDefined.x[0])", "false")]
    [InlineData("exists(discount)", "false")]
    [InlineData("exists(form['amount'])", "true")]
    [InlineData("exists(form.amount.x)", "false")]
    [InlineData("any([{a: 1}, {}], r -> exists(r.a))", "true")]
    [InlineData("isNull(form.note)", "true")]
    [InlineData("isNull(form.amount)", "false")]
    public void NullFunctions_TolerateMissingPaths(string source, string expected) => Assert.Equal(expected, Show(source, Form));

    [Fact]
    public void IsNull_StillRequiresTheRootVariable() =>
        Assert.Equal(EvaluationErrorCode.MissingVariable, EvalFails("isNull(nope)", Form).Code);

    [Fact]
    public void Coalesce_StillReportsRealErrors() =>
        Assert.Equal(EvaluationErrorCode.DivisionByZero, EvalFails("coalesce(null, 1 / 0)", Form).Code);

    [Theory]
    [InlineData("number('12.5')", "12.5")]
    [InlineData("number(' -3 ')", "-3")]
    [InlineData("number('1e3')", "1000")]
    [InlineData("number(7)", "7")]
    [InlineData("string(1.50)", "'1.5'")]
    [InlineData("string(0.0000001)", "'0.0000001'")]
    [InlineData("string(true)", "'true'")]
    [InlineData("string(null)", "''")]
    [InlineData("string('x')", "'x'")]
    [InlineData("string(@2026-11-22)", "'2026-11-22T00:00:00+08:00'")]
    [InlineData("string(@PT1H30M)", "'PT1H30M'")]
    [InlineData("string([1, 'a'])", "'[1, \\'a\\']'")]
    [InlineData("string({b: 1, a: 'x'})", "'{a: \\'x\\', b: 1}'")]
    [InlineData("duration('P3D')", "@P3D")]
    [InlineData("duration(@PT1M)", "@PT1M")]
    public void Conversions_ProduceTheDocumentedForms(string source, string expected) => Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("number('12,5')", EvaluationErrorCode.ArgumentError, "Argument 1 of number is not a number: '12,5'")]
    [InlineData("number('')", EvaluationErrorCode.ArgumentError, "Argument 1 of number is not a number: ''")]
    [InlineData("number(true)", EvaluationErrorCode.TypeMismatch, "number expects text or a number as argument 1, not boolean true")]
    [InlineData("duration(3)", EvaluationErrorCode.TypeMismatch, "duration expects text or a duration as argument 1, not number 3")]
    public void Conversions_RejectInvalidInput(string source, EvaluationErrorCode code, string reason)
    {
        var error = EvalFails(source);
        Assert.Equal((code, reason), (error.Code, error.Reason));
    }

    [Fact]
    public void DurationOfInvalidText_IsAnArgumentErrorWithTheParserReason()
    {
        var error = EvalFails("duration('3 days')");
        Assert.Equal(EvaluationErrorCode.ArgumentError, error.Code);
        Assert.StartsWith("Argument 1 of duration is not a duration: Invalid ISO 8601 duration", error.Reason, StringComparison.Ordinal);
    }
}
