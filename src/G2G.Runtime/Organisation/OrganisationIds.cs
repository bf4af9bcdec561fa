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

    public static void RequireCode(string? id, string what, int maxLength)
    {
        if (string.IsNullOrEmpty(id) || id.Length > maxLength || !Code().IsMatch(id))
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid,
                $"'{id}' is not a valid {what} id: use 1–{maxLength} lowercase letters, digits, '.', '_' or '-', starting with a letter or digit.");
        }
    }

    public static void RequireUserId(string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Length > OrganisationLimits.UserIdLength || !User().IsMatch(id))
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid,
                $"'{id}' is not a valid user id: use 1–{OrganisationLimits.UserIdLength} letters, digits, '.', '_', '@' or '-', starting with a letter or digit.");
        }
    }

    public static string RequireName(string? name, string what, int maxLength = OrganisationLimits.NameLength)
    {
        var trimmed = name?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new RuntimeException(RuntimeErrorCode.Invalid, $"The {what} must not be empty.");
        if (trimmed.Length > maxLength)
            throw new RuntimeException(RuntimeErrorCode.Invalid, $"The {what} '{trimmed}' is longer than {maxLength} characters.");
        return trimmed;
    }

    public static string? Optional(string? text, string what, int maxLength)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        return trimmed.Length <= maxLength ? trimmed
            : throw new RuntimeException(RuntimeErrorCode.Invalid, $"The {what} '{trimmed}' is longer than {maxLength} characters.");
    }
}

/// <summary>Dates of the organisation (delegations) are days in China Standard Time, the calendar's offset.</summary>
internal static class OrganisationClock
{
    public static DateOnly Today(TimeProvider clock) =>
        DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(G2G.Engine.Time.WorkingCalendar.ChinaStandardOffset).DateTime);
}
