namespace G2G.Engine.Time;

/// <summary>
/// An ISO 8601 duration (<c>P1Y2M3DT4H5M6.5S</c>, <c>P2W</c>). Calendar parts stay separate:
/// <c>P1M</c> added to 31 January is the last day of February, not 30 days later.
/// </summary>
/// <remarks>
/// Components are non-negative; the sign of the whole duration is <see cref="Negative"/>
/// (ISO 8601-2 writes it as a leading <c>-</c>). Only seconds carry a fraction.
/// Parsing lives in IsoDuration.Parsing.cs, formatting in IsoDuration.Formatting.cs,
/// arithmetic in IsoDuration.Arithmetic.cs and IsoDuration.Conversion.cs.
/// </remarks>
public readonly partial record struct IsoDuration(
    int Years, int Months, int Weeks, int Days, int Hours, int Minutes, decimal Seconds, bool Negative = false)
{
    /// <summary>The zero duration, written <c>PT0S</c>.</summary>
    public static IsoDuration Zero => default;

    /// <summary>True when every component is zero (whatever the sign flag says).</summary>
    public bool IsZero =>
        Years == 0 && Months == 0 && Weeks == 0 && Days == 0 && Hours == 0 && Minutes == 0 && Seconds == 0m;

    /// <summary>True when the duration has year or month parts, whose length depends on the date it is added to.</summary>
    public bool HasCalendarPart => Years != 0 || Months != 0;
}
