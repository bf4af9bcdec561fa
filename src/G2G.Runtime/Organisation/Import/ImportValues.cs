using System.Globalization;

namespace G2G.Runtime.Organisation.Import;

/// <summary>Value spellings shared by the CSV and JSON formats.</summary>
internal static class ImportValues
{
    private static readonly (string Text, AgencyKind Kind)[] Kinds =
    [
        ("政府", AgencyKind.Government), ("部门", AgencyKind.Bureau), ("厅局", AgencyKind.Bureau),
        ("办公厅", AgencyKind.Office), ("办公室", AgencyKind.Office), ("其他", AgencyKind.Other),
    ];

    /// <summary>government/bureau/office/other (any case) or 政府/部门/厅局/办公厅/办公室/其他; empty means bureau.</summary>
    public static bool TryKind(string? text, out AgencyKind kind)
    {
        kind = AgencyKind.Bureau;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        var trimmed = text.Trim();
        foreach (var (chinese, value) in Kinds)
        {
            if (trimmed == chinese)
            {
                kind = value;
                return true;
            }
        }
        return Enum.TryParse(trimmed, ignoreCase: true, out kind) && Enum.IsDefined(kind) && !int.TryParse(trimmed, out _);
    }

    public const string KindsAccepted = "government, bureau, office, other (or 政府, 部门, 办公厅, 其他)";

    /// <summary>A clearance; empty means 非密.</summary>
    public static bool TryClearance(string? text, out ClearanceLevel level)
    {
        level = ClearanceLevel.Unclassified;
        if (string.IsNullOrWhiteSpace(text))
            return true;
        if (ClearanceLevels.Parse(text) is { } parsed)
        {
            level = parsed;
            return true;
        }
        return false;
    }

    public static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>Empty text is absent.</summary>
    public static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
