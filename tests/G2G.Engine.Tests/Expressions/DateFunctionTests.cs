using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class DateFunctionTests
{
    [Fact]
    public void Now_IsTheContextInstant() => Assert.Equal(Now, Date("now()"));

    [Fact]
    public void Today_IsMidnightOfTheOfficeDay()
    {
        // 23:30 UTC on the 21st is already the 22nd in Beijing.
        var context = new EvaluationContext { Now = new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.Zero) };
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 0, 0, 0, China), ((DateValue)Eval("today()", context)).Value);
    }

    [Theory]
    [InlineData("date('2026-11-22')", "@2026-11-22T00:00:00+08:00")]
    [InlineData("date('2026-11-22T09:30:00+08:00')", "@2026-11-22T09:30:00+08:00")]
    [InlineData("date('2026-11-22T09:30:00.1234567Z')", "@2026-11-22T09:30:00.1234567+00:00")]
    [InlineData("date('2026-11-22T18:45')", "@2026-11-22T18:45:00+08:00")]
    [InlineData("date(@2026-11-22T18:45:00+08:00)", "@2026-11-22T00:00:00+08:00")]
    [InlineData("date(@2026-11-21T20:00:00Z)", "@2026-11-22T00:00:00+08:00")]
    [InlineData("date(2024, 2, 29)", "@2024-02-29T00:00:00+08:00")]
    [InlineData("year(@2026-11-22)", "2026")]
    [InlineData("month(@2026-11-22)", "11")]
    [InlineData("day(@2026-11-22)", "22")]
    [InlineData("day(@2026-11-21T20:00:00Z)", "22")]
    [InlineData("weekday(@2026-11-23)", "1")]
    [InlineData("weekday(@2026-11-22)", "7")]
    [InlineData("daysBetween(@2026-11-22, @2026-12-01)", "9")]
    [InlineData("daysBetween(@2026-12-01T23:59:00+08:00, @2026-11-22T00:01:00+08:00)", "-9")]
    [InlineData("daysBetween(@2026-11-22T23:00:00+08:00, @2026-11-23T01:00:00+08:00)", "1")]
    [InlineData("now() + @P2D > today()", "true")]
    public void DateFunctions_WorkInTheOfficeOffset(string source, string expected) => Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("date('22/11/2026')", EvaluationErrorCode.ArgumentError, "Argument 1 of date is not a date: '22/11/2026' (write e.g. '2026-11-22' or '2026-11-22T09:30:00+08:00')")]
    [InlineData("date('2026-11-22+08:00')", EvaluationErrorCode.ArgumentError, "Argument 1 of date is not a date: '2026-11-22+08:00' (write e.g. '2026-11-22' or '2026-11-22T09:30:00+08:00')")]
    [InlineData("date(2026, 2, 29)", EvaluationErrorCode.ArgumentError, "Argument 3 of date must be a day of 2026-02, not 29")]
    [InlineData("date(2026, 13, 1)", EvaluationErrorCode.ArgumentError, "Argument 2 of date must be a whole number from 1 to 12, not 13")]
    [InlineData("date(2026, 1)", EvaluationErrorCode.ArgumentError, "date takes one argument (text or date) or three (year, month, day)")]
    [InlineData("date(5)", EvaluationErrorCode.TypeMismatch, "date expects text or a date as argument 1, not number 5")]
    [InlineData("year('2026')", EvaluationErrorCode.TypeMismatch, "year expects a date as argument 1, not text '2026'")]
    [InlineData("@9999-12-31 + @P1D", EvaluationErrorCode.ArgumentError, null)]
    public void DateFunctions_RejectInvalidInput(string source, EvaluationErrorCode code, string? reason)
    {
        var error = EvalFails(source);
        Assert.Equal(code, error.Code);
        if (reason is not null) Assert.Equal(reason, error.Reason);
    }

    [Theory]
    [InlineData("today()")]
    [InlineData("date(now())")]
    [InlineData("year(@9999-12-31T23:00:00Z)")]
    public void DatesAtTheEdgeOfTime_AreArgumentErrorsNotCrashes(string source) =>
        Assert.Equal(EvaluationErrorCode.ArgumentError, EvalFails(source, new EvaluationContext()).Code);

    [Fact]
    public void DateOnlyLiteralAtTheEdgeOfTime_IsAnArgumentErrorNotACrash() =>
        Assert.Equal(EvaluationErrorCode.ArgumentError, EvalFails("@0001-01-01").Code);
}
