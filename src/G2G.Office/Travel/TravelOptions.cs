namespace G2G.Office.Travel;

/// <summary>
/// Who approves a 出差申请 besides the department head, per installation (section <c>Office:Travel</c>): the deputy
/// leader (分管领导) from an estimated cost (whole yuan) and, when set, for every trip out of the province.
/// </summary>
public sealed class TravelOptions
{
    public const string Section = "Office:Travel";

    /// <summary>From this estimate the deputy leader approves after the department head.</summary>
    public long LeaderFrom { get; set; } = 5_000;

    /// <summary>A trip to a city out of the province goes to the deputy leader whatever its cost.</summary>
    public bool LeaderOutOfProvince { get; set; } = true;
}
