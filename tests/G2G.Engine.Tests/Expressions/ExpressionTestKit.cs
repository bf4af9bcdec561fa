using G2G.Engine.Expressions;
using G2G.Engine.Time;

namespace G2G.Engine.Tests.Expressions;

/// <summary>Shared helpers: a fixed clock, variables from CLR objects, and evaluation shortcuts.</summary>
internal static class ExpressionTestKit
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Sunday 22 November 2026, 09:30 in Beijing.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 30, 0, China);

    public static EvaluationContext Context { get; } = new() { Now = Now, Calendar = new WeekendCalendar() };

    public static IVariableScope Scope(params (string Name, object? Value)[] variables) =>
        new DictionaryVariableScope(variables.ToDictionary(v => v.Name, v => Value.FromObject(v.Value)));

    public static Value Eval(string source, params (string Name, object? Value)[] variables) =>
        Expression.Parse(source).Evaluate(Scope(variables), Context);

    public static Value Eval(string source, EvaluationContext context, params (string Name, object? Value)[] variables) =>
        Expression.Parse(source).Evaluate(Scope(variables), context);

    public static ExpressionEvaluationException EvalFails(string source, params (string Name, object? Value)[] variables) =>
        Assert.Throws<ExpressionEvaluationException>(() => Eval(source, variables));

    public static ExpressionEvaluationException EvalFails(string source, EvaluationContext context, params (string Name, object? Value)[] variables) =>
        Assert.Throws<ExpressionEvaluationException>(() => Eval(source, context, variables));

    public static ExpressionSyntaxError SyntaxError(string source)
    {
        Assert.False(Expression.TryParse(source, out _, out var error));
        return error!;
    }

    /// <summary>The result's literal text, which makes expected values short to write.</summary>
    public static string Show(string source, params (string Name, object? Value)[] variables) =>
        Eval(source, variables).ToString();

    public static decimal Number(string source, params (string Name, object? Value)[] variables) =>
        Assert.IsType<NumberValue>(Eval(source, variables)).Value;

    public static bool Bool(string source, params (string Name, object? Value)[] variables) =>
        Assert.IsType<BooleanValue>(Eval(source, variables)).Value;

    public static string Text(string source, params (string Name, object? Value)[] variables) =>
        Assert.IsType<StringValue>(Eval(source, variables)).Value;

    public static DateTimeOffset Date(string source, params (string Name, object? Value)[] variables) =>
        Assert.IsType<DateValue>(Eval(source, variables)).Value;

    public static Dictionary<string, object?> Record(params (string Key, object? Value)[] fields) =>
        fields.ToDictionary(f => f.Key, f => f.Value);
}

/// <summary>A calendar where Monday to Friday are working days, 09:00–17:00, with data only for 2025–2027.</summary>
internal sealed class WeekendCalendar : IWorkingCalendar
{
    public bool IsWorkingDay(DateOnly day)
    {
        if (day.Year is < 2025 or > 2027) throw new CalendarYearMissingException(day.Year);
        return day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        var step = days < 0 ? -1 : 1;
        var current = start;
        for (var left = Math.Abs(days); left > 0;)
        {
            current = current.AddDays(step);
            if (IsWorkingDay(DateOnly.FromDateTime(current.DateTime))) left--;
        }
        return current;
    }

    public DateTimeOffset AddWorkingHours(DateTimeOffset start, decimal hours)
    {
        if (hours < 0) throw new ArgumentOutOfRangeException(nameof(hours), "Negative hours are not supported.");
        var current = start;
        var left = hours;
        while (left > 0)
        {
            var day = DateOnly.FromDateTime(current.DateTime);
            var open = new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), current.Offset);
            var close = open.AddHours(8);
            if (!IsWorkingDay(day) || current >= close)
            {
                current = new DateTimeOffset(day.AddDays(1).ToDateTime(new TimeOnly(9, 0)), current.Offset);
                continue;
            }
            if (current < open) current = open;
            var available = (decimal)(close - current).TotalHours;
            if (left <= available) return current.AddHours((double)left);
            left -= available;
            current = close;
        }
        return current;
    }
}
