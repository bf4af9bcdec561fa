using System.Text.RegularExpressions;

namespace G2G.Runtime.Organisation;

/// <summary>
/// What ids look like. Agency, department and group ids are lowercase codes (<c>gd-fin</c>, <c>gd-fin.bgs</c>);
/// user ids may also have capitals and <c>@</c>. No slash (the agency path uses it) and no spaces.
/// </summary>
internal static partial class OrganisationIds
{
    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Code();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex User();

    public static void RequireCode(string? id, RuntimeText what, int maxLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength || !Code().IsMatch(id))
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.InvalidCode(id ?? "", what, maxLength));
        }
    }

    public static void RequireUserId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > OrganisationLimits.UserIdLength || !User().IsMatch(id))
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.InvalidUserId(id ?? "", OrganisationLimits.UserIdLength));
        }
    }

    public static string RequireName(string? name, RuntimeText what, int maxLength = OrganisationLimits.NameLength)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.NameEmpty(what));
        if (trimmed.Length > maxLength)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.TextTooLong(what, trimmed, maxLength));
        return trimmed;
    }

    public static string? Optional(string? text, RuntimeText what, int maxLength)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        return trimmed.Length <= maxLength ? trimmed
            : throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.TextTooLong(what, trimmed, maxLength));
    }
}

/// <summary>Dates of the organisation (delegations) are days in China Standard Time, the calendar's offset.</summary>
internal static class OrganisationClock
{
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(G2G.Engine.Time.WorkingCalendar.ChinaStandardOffset).DateTime);
}
