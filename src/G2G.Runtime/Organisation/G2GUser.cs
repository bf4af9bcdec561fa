using Microsoft.AspNetCore.Identity;

namespace G2G.Runtime.Organisation;

/// <summary>
/// A person who works in the system. Password hash, lockout, security stamp and the normalised user name
/// come from ASP.NET Core Identity; the id is the stable user code used everywhere else (task assignees,
/// candidates, audit actors), e.g. <c>zhang.san</c>.
/// </summary>
public sealed class G2GUser : IdentityUser
{
    /// <summary>The name shown to people (姓名).</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The home department; rules without a unit default to it (<c>position('科长')</c>, <c>departmentHead()</c>).</summary>
    public string? DepartmentId { get; set; }

    /// <summary>The agency the user works for; <c>leader()</c> defaults to it.</summary>
    public string? AgencyId { get; set; }

    /// <summary>The highest secrecy level the user may see.</summary>
    public ClearanceLevel Clearance { get; set; }

    /// <summary>False once deactivated: the user receives no work and their open tasks moved to others.</summary>
    public bool IsActive { get; set; } = true;
}

/// <summary>
/// Secrecy clearance, ordered: a person sees a document only up to their level. 秘密, 机密 and 绝密 are the
/// three levels of the 保守国家秘密法; 非密 and 内部 are used in practice. Stored as the number, so
/// <c>Clearance &gt;= ClearanceLevel.Secret</c> works in queries.
/// </summary>
public enum ClearanceLevel
{
    /// <summary>非密: not classified.</summary>
    Unclassified = 0,

    /// <summary>内部: internal use only.</summary>
    Internal = 1,

    /// <summary>秘密 (default maximum term 10 years).</summary>
    Secret = 2,

    /// <summary>机密 (default maximum term 20 years).</summary>
    HighlySecret = 3,

    /// <summary>绝密 (default maximum term 30 years).</summary>
    TopSecret = 4,
}

/// <summary>Chinese and English names of <see cref="ClearanceLevel"/>.</summary>
public static class ClearanceLevels
{
    private static readonly (ClearanceLevel Level, string Chinese)[] Names =
    [
        (ClearanceLevel.Unclassified, "非密"),
        (ClearanceLevel.Internal, "内部"),
        (ClearanceLevel.Secret, "秘密"),
        (ClearanceLevel.HighlySecret, "机密"),
        (ClearanceLevel.TopSecret, "绝密"),
    ];

    /// <summary>The Chinese name, e.g. 机密.</summary>
    public static string ChineseName(this ClearanceLevel level) => Names.First(n => n.Level == level).Chinese;

    /// <summary>Reads 非密/内部/秘密/机密/绝密 or the English member name (any case); null when neither.</summary>
    public static ClearanceLevel? Parse(string? text)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            return null;
        foreach (var (level, chinese) in Names)
        {
            if (trimmed == chinese || string.Equals(trimmed, level.ToString(), StringComparison.OrdinalIgnoreCase))
                return level;
        }
        return null;
    }

    /// <summary>Every accepted spelling, for error messages.</summary>
    public static string Accepted => string.Join(", ", Names.Select(n => $"{n.Chinese} ({n.Level})"));
}
