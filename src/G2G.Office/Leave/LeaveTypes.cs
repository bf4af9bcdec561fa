namespace G2G.Office.Leave;

/// <summary>The leave types of the 请假 procedure; every type but sick leave draws on a yearly balance.</summary>
public static class LeaveTypes
{
    public const string Annual = "annual", Personal = "personal", Sick = "sick", Marriage = "marriage",
        Maternity = "maternity", Bereavement = "bereavement", HomeVisit = "home-visit";

    /// <summary>Every type with its Chinese name, in the order forms list them.</summary>
    public static readonly IReadOnlyList<(string Code, string Name)> All =
    [
        (Annual, "年休假"), (Personal, "事假"), (Sick, "病假"), (Marriage, "婚假"), (Maternity, "产假"),
        (Bereavement, "丧假"), (HomeVisit, "探亲假"),
    ];

    public static bool Exists(string code) => All.Any(t => t.Code == code);

    public static string Name(string code) => All.FirstOrDefault(t => t.Code == code).Name ?? code;

    /// <summary>Sick leave is recorded but needs no balance (a doctor's certificate decides).</summary>
    public static bool HasBalance(string code) => code != Sick;
}

/// <summary>Routing of 请假 by length (section <c>Office:Leave</c>): who approves depends on the working days asked.</summary>
public sealed class LeaveOptions
{
    public const string Section = "Office:Leave";

    /// <summary>Up to this many days the department head alone approves.</summary>
    public decimal HeadAloneUpToDays { get; set; } = 1;

    /// <summary>Up to this many days the deputy leader (分管领导) approves after the head; longer leave also goes to the principal leader.</summary>
    public decimal DeputyUpToDays { get; set; } = 3;
}
