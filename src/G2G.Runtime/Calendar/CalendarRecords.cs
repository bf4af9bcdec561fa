namespace G2G.Runtime.Calendar;

/// <summary>
/// One year's official holiday schedule as loaded into the installation (table <c>calendar_years</c>): the file in
/// the holiday-cn format as it was given, so that every node builds the same calendar from it.
/// </summary>
public sealed class CalendarYearRecord
{
    public int Year { get; set; }

    /// <summary>The file as given (holiday-cn JSON).</summary>
    public required string Content { get; set; }

    /// <summary>SHA-256 of <see cref="Content"/>, hex; loading the same file again changes nothing.</summary>
    public required string ContentHash { get; set; }

    /// <summary>How many days the schedule lists (holidays and make-up workdays).</summary>
    public int DayCount { get; set; }

    /// <summary>Where it came from: <see cref="CalendarSources.Api"/> or <see cref="CalendarSources.Folder"/>.</summary>
    public required string Source { get; set; }

    public DateTimeOffset LoadedAt { get; set; }
    public required string LoadedBy { get; set; }
}

/// <summary>An agency's own working day or closure (table <c>calendar_overrides</c>), e.g. 本市防汛停工.</summary>
public sealed class CalendarOverrideRecord
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }
    public DateOnly Date { get; set; }
    public bool IsWorkingDay { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}

/// <summary>Values of <see cref="CalendarYearRecord.Source"/>.</summary>
public static class CalendarSources
{
    /// <summary>Uploaded through the administration API.</summary>
    public const string Api = "api";

    /// <summary>Read from the calendar folder at start (<see cref="CalendarOptions.Path"/>).</summary>
    public const string Folder = "folder";

    /// <summary>Built into the engine (2023–2026); never stored.</summary>
    public const string BuiltIn = "built-in";
}
