using G2G.Engine.Expressions;
using static G2G.Engine.Tests.Expressions.ExpressionTestKit;

namespace G2G.Engine.Tests.Expressions;

public class CalendarFunctionTests
{
    [Theory]
    [InlineData("addWorkingDays(@2026-11-20, 1)", "@2026-11-23T00:00:00+08:00")]
    [InlineData("addWorkingDays(@2026-11-20T15:00:00+08:00, 5)", "@2026-11-27T15:00:00+08:00")]
    [InlineData("addWorkingDays(@2026-11-23, -1)", "@2026-11-20T00:00:00+08:00")]
    [InlineData("addWorkingDays(now(), 0)", "@2026-11-22T09:30:00+08:00")]
    [InlineData("addWorkingDays(@2026-11-20T07:00:00Z, 1)", "@2026-11-23T15:00:00+08:00")]
    [InlineData("addWorkingHours(@2026-11-20T16:00:00+08:00, 2)", "@2026-11-23T10:00:00+08:00")]
    [InlineData("addWorkingHours(@2026-11-23T09:00:00+08:00, 0.5)", "@2026-11-23T09:30:00+08:00")]
    [InlineData("isWorkingDay(@2026-11-20)", "true")]
    [InlineData("isWorkingDay(@2026-11-22)", "false")]
    [InlineData("isWorkingDay(@2026-11-20T17:00:00Z)", "false")]
    [InlineData("isWorkingDay(today())", "false")]
    public void WorkingDayFunctions_AskTheContextCalendarInOfficeTime(string source, string expected) =>
        Assert.Equal(expected, Show(source));

    [Theory]
    [InlineData("isWorkingDay(@2026-11-20)")]
    [InlineData("addWorkingDays(@2026-11-20, 1)")]
    [InlineData("addWorkingHours(@2026-11-20, 1)")]
    public void WithoutACalendar_WorkingDayFunctionsAreArgumentErrors(string source)
    {
        var error = EvalFails(source, new EvaluationContext { Now = Now });
        Assert.Equal(EvaluationErrorCode.ArgumentError, error.Code);
        Assert.EndsWith("needs a working calendar, but none is configured for this evaluation", error.Reason, StringComparison.Ordinal);
        Assert.Equal(0, error.Offset);
    }

    [Fact]
    public void YearMissingFromTheCalendar_IsACalendarMissingError()
    {
        var error = EvalFails("addWorkingDays(@2027-12-30, 3)");
        Assert.Equal(EvaluationErrorCode.CalendarMissing, error.Code);
        Assert.Contains("2028", error.Reason, StringComparison.Ordinal);
        Assert.IsType<G2G.Engine.Time.CalendarYearMissingException>(error.InnerException);
    }

    [Fact]
    public void CalendarArgumentExceptions_BecomeArgumentErrors() =>
        Assert.Equal(EvaluationErrorCode.ArgumentError, EvalFails("addWorkingHours(@2026-11-20, -1)").Code);

    [Fact]
    public void FractionalWorkingDays_AreAnArgumentError() =>
        Assert.Equal("Argument 2 of addWorkingDays must be a whole number, not 1.5",
            EvalFails("addWorkingDays(@2026-11-20, 1.5)").Reason);
}
