namespace G2G.Engine.Expressions;

internal static partial class Functions
{
    private static void AddDateFunctions(List<FunctionDef> f)
    {
        f.Add(new("now", "now()", 0, 0, (ev, _) => new DateValue(ev.Context.Now)));
        f.Add(new("today", "today()", 0, 0, (ev, c) => StartOfDay(ev, c, ev.Context.Now)));
        f.Add(new("date", "date(text) or date(date) or date(year, month, day)", 1, 3, Date));
        f.Add(new("year", "year(date)", 1, 1, (ev, c) => new NumberValue(Local(ev, c, 0).Year)));
        f.Add(new("month", "month(date)", 1, 1, (ev, c) => new NumberValue(Local(ev, c, 0).Month)));
        f.Add(new("day", "day(date)", 1, 1, (ev, c) => new NumberValue(Local(ev, c, 0).Day)));
        // ISO weekday numbers: Monday is 1, Sunday is 7.
        f.Add(new("weekday", "weekday(date)", 1, 1, (ev, c) =>
        {
            var day = Local(ev, c, 0).DayOfWeek;
            return new NumberValue(day == DayOfWeek.Sunday ? 7 : (int)day);
        }));
        f.Add(new("daysBetween", "daysBetween(from, to)", 2, 2, (ev, c) =>
        {
            var from = DateOnly.FromDateTime(Local(ev, c, 0).DateTime);
            var to = DateOnly.FromDateTime(Local(ev, c, 1).DateTime);
            return new NumberValue(to.DayNumber - from.DayNumber);
        }));
    }

    /// <summary>The date argument as seen in the office's offset, where calendar questions are answered.</summary>
    private static DateTimeOffset Local(Evaluator ev, CallNode c, int i) => InOffice(ev, c, c.Date(ev, i));

    // Only instants within hours of year 1 or 9999 can fail to convert; they are argument errors, not crashes.
    private static DateTimeOffset InOffice(Evaluator ev, CallNode c, DateTimeOffset instant)
    {
        try
        {
            return instant.ToOffset(ev.Context.Offset);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw ev.Fail(EvaluationErrorCode.ArgumentError, c, "The date is outside the supported range in the office offset", ex);
        }
    }

    private static DateValue StartOfDay(Evaluator ev, CallNode c, DateTimeOffset instant) =>
        FromLocal(ev, c, InOffice(ev, c, instant).Date, null);

    private static DateValue Date(Evaluator ev, CallNode c)
    {
        if (c.Count == 3)
        {
            var (year, month, day) = (c.Whole(ev, 0, 1, 9999), c.Whole(ev, 1, 1, 12), c.Whole(ev, 2, 1, 31));
            if (day > DateTime.DaysInMonth(year, month)) throw c.ArgumentError(ev, 2, $"must be a day of {year}-{month:00}, not {day}");
            return FromLocal(ev, c, new DateTime(year, month, day, 0, 0, 0, DateTimeKind.Unspecified), null);
        }
        if (c.Count == 2) throw ev.Fail(EvaluationErrorCode.ArgumentError, c, "date takes one argument (text or date) or three (year, month, day)");
        var value = c.Arg(ev, 0);
        switch (value)
        {
            case DateValue d:
                return StartOfDay(ev, c, d.Value);
            case StringValue s when DateText.TryParse(s.Value, out var local, out var offset):
                return FromLocal(ev, c, local, offset);
            case StringValue s:
                throw c.ArgumentError(ev, 0, $"is not a date: '{s.Value}' (write e.g. '2026-11-22' or '2026-11-22T09:30:00+08:00')");
            default:
                throw c.Mismatch(ev, 0, "text or a date", value);
        }
    }

    private static DateValue FromLocal(Evaluator ev, CallNode c, DateTime local, TimeSpan? offset) =>
        DateText.TryCombine(local, offset, ev.Context.Offset, out var result)
            ? new DateValue(result)
            : throw ev.Fail(EvaluationErrorCode.ArgumentError, c, "The date is outside the supported range");
}
