using G2G.Engine.Time;

namespace G2G.Engine.Expressions;

internal static partial class Functions
{
    private static void AddCalendarFunctions(List<FunctionDef> f)
    {
        f.Add(new("addWorkingDays", "addWorkingDays(date, days)", 2, 2, (ev, c) =>
        {
            var start = Local(ev, c, 0);
            var days = c.Whole(ev, 1);
            return new DateValue(WithCalendar(ev, c, calendar => calendar.AddWorkingDays(start, days)));
        }));
        f.Add(new("addWorkingHours", "addWorkingHours(date, hours)", 2, 2, (ev, c) =>
        {
            var start = Local(ev, c, 0);
            var hours = c.Number(ev, 1);
            return new DateValue(WithCalendar(ev, c, calendar => calendar.AddWorkingHours(start, hours)));
        }));
        f.Add(new("isWorkingDay", "isWorkingDay(date)", 1, 1, (ev, c) =>
        {
            var day = DateOnly.FromDateTime(Local(ev, c, 0).DateTime);
            return Value.From(WithCalendar(ev, c, calendar => calendar.IsWorkingDay(day)));
        }));
    }

    /// <summary>Runs a calendar question, turning a missing calendar or missing year data into evaluation errors.</summary>
    private static T WithCalendar<T>(Evaluator ev, CallNode c, Func<IWorkingCalendar, T> ask)
    {
        var calendar = ev.Context.Calendar ?? throw ev.Fail(EvaluationErrorCode.ArgumentError, c,
            $"{c.Function.Name} needs a working calendar, but none is configured for this evaluation");
        try
        {
            return ask(calendar);
        }
        catch (CalendarYearMissingException ex)
        {
            throw ev.Fail(EvaluationErrorCode.CalendarMissing, c, ex.Message, ex);
        }
        catch (ArgumentException ex)
        {
            throw ev.Fail(EvaluationErrorCode.ArgumentError, c, $"{c.Function.Name}: {ex.Message}", ex);
        }
    }
}
