namespace G2G.Office.Travel;

/// <summary>
/// Who approves a 出差申请 besides the department head, per installation (section <c>Office:Travel</c>): the deputy
/// leader (分管领导) from an estimated cost (whole yuan) and, when set, for every trip out of the province; how long an
/// approved trip's hold waits for its reimbursement.
/// </summary>
public sealed class TravelOptions
{
    public const string Section = "Office:Travel";

    /// <summary>From this estimate the deputy leader approves after the department head.</summary>
    public long LeaderFrom { get; set; } = 5_000;

    /// <summary>A trip to a city out of the province goes to the deputy leader whatever its cost.</summary>
    public bool LeaderOutOfProvince { get; set; } = true;

    /// <summary>Calendar days after an approved trip's last day within which it is claimed (差旅报销); after them, with no
    /// claim under way, its hold goes back to the budget line and the trip lapses.</summary>
    public int ClaimWithinDays { get; set; } = 30;
}
