using G2G.Engine.Time;

namespace G2G.Engine.Tests.Time;

/// <summary>Shared helpers: China Standard Time instants and the built-in calendar.</summary>
internal static class CalendarTestData
{
    public static readonly TimeSpan Cst = TimeSpan.FromHours(8);

    public static WorkingCalendar China => WorkingCalendar.ChinaDefault;

    public static DateTimeOffset Cn(int year, int month, int day, int hour = 0, int minute = 0) =>
        new(year, month, day, hour, minute, 0, Cst);

    public static DateOnly D(int year, int month, int day) => new(year, month, day);
}
