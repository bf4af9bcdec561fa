using System.Globalization;
using G2G.Engine.Expressions;
using G2G.Runtime;
using G2G.Runtime.Handlers;

namespace G2G.Office.Leave;

/// <summary>Reads the 请假 form's values from a service task's variables, refusing what is missing or malformed.</summary>
internal static class LeaveVariables
{
    public static string Text(ServiceTaskContext context, string name) =>
        context.Variable(name) is StringValue { Value: { Length: > 0 } text }
            ? text
            : throw new ServiceTaskRefusedException(RuntimeMessages.FieldRequired(name), name);

    public static string? OptionalText(ServiceTaskContext context, string name) =>
        context.Variable(name) is StringValue { Value: { Length: > 0 } text } ? text : null;

    /// <summary>A date field: a date value, or text written yyyy-MM-dd (as forms send it), read in China Standard Time.</summary>
    public static DateOnly Date(ServiceTaskContext context, string name) => context.Variable(name) switch
    {
        DateValue date => DateOnly.FromDateTime(date.Value.ToOffset(TimeSpan.FromHours(8)).DateTime),
        StringValue text when DateOnly.TryParseExact(text.Value.Length >= 10 ? text.Value[..10] : text.Value, "yyyy-MM-dd",
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,
        _ => throw new ServiceTaskRefusedException(OfficeMessages.DateExpected(name), name),
    };

    public static long Number(ServiceTaskContext context, string name) =>
        context.Variable(name) is NumberValue number ? (long)number.Value
            : throw new InvalidOperationException($"Variable '{name}' is missing; the procedure's earlier step sets it.");

    public static string Days(int halfDays) => (halfDays / 2m).ToString("0.#", CultureInfo.InvariantCulture);
}
