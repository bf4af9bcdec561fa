namespace G2G.Runtime.Calendar;

/// <summary>Working-day calendar settings (section <c>Runtime:Calendar</c>).</summary>
public sealed class CalendarOptions
{
    public const string Section = "Runtime:Calendar";

    /// <summary>
    /// Folder of holiday-cn year files (<c>2027.json</c> …) loaded at start, relative to the content root. A file whose
    /// <c>days</c> list is empty means "not announced yet" and is skipped.
    /// </summary>
    public string Path { get; set; } = "App_Data/calendar";

    /// <summary>
    /// How long a node trusts the calendar it read (years and agencies' overrides) before reading it again; a change
    /// made on this node takes effect here at once, one made on another node within this time.
    /// </summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Day and month from which next year's missing schedule is reported to administrators (1 November).</summary>
    public int WarnFromMonth { get; set; } = 11;
}
