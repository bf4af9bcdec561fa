namespace G2G.Engine.Time;

/// <summary>
/// An ISO 8601 duration (<c>P1Y2M3DT4H5M6.5S</c>, <c>P2W</c>). Calendar parts stay separate:
/// <c>P1M</c> added to 31 January is the last day of February, not 30 days later.
/// </summary>
public readonly record struct IsoDuration(
    int Years, int Months, int Weeks, int Days, int Hours, int Minutes, decimal Seconds, bool Negative = false)
{
    // Parse, TryParse, AddTo(DateTimeOffset), ToString() (canonical ISO form) and arithmetic are
    // implemented in IsoDuration.Parsing.cs / IsoDuration.Arithmetic.cs.
}
