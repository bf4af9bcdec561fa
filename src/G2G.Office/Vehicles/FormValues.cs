using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Runtime.Handlers;
using G2G.Office.Leave;

namespace G2G.Office.Vehicles;

/// <summary>Reads times and whole numbers from a form's values, refusing what is missing or malformed by
/// field.</summary>
internal static class FormValues
{
    /// <summary>China Standard Time: forms give local dates and times, the tables keep UTC instants.</summary>
    public static readonly TimeSpan ChinaTime = TimeSpan.FromHours(8);

    /// <summary>The instant of a date field and a time field (HH:mm), in UTC.</summary>
    public static DateTimeOffset Instant(ServiceTaskContext context, string dateField, string timeField)
    {
        var day = LeaveVariables.Date(context, dateField);
        var time = context.Variable(timeField) is StringValue { Value: var text }
            && TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw new ServiceTaskRefusedException(OfficeMessages.TimeOfDayExpected(timeField), timeField);
        return new DateTimeOffset(day.ToDateTime(time), ChinaTime).ToUniversalTime();
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public static int Integer(ServiceTaskContext context, string name, int min, int max) =>
        context.Variable(name) is NumberValue { Value: var n } && n == decimal.Truncate(n) && n >= min && n <= max
            ? (int)n
            : throw new ServiceTaskRefusedException(OfficeMessages.WholeNumberExpected(name, min, max), name);

    /// <summary>Required text of at most <paramref name="maxLength"/> characters, trimmed.</summary>
    public static string Text(ServiceTaskContext context, string name, int maxLength)
    {
        var text = LeaveVariables.Text(context, name).Trim();
        return text.Length is > 0 && text.Length <= maxLength ? text
            : throw new ServiceTaskRefusedException(OfficeMessages.LengthExpected(name, maxLength), name);
    }

    /// <summary>"2027-01-05 09:00" in China Standard Time, as messages show an instant.</summary>
    public static string Local(DateTimeOffset at) =>
        at.ToOffset(ChinaTime).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
