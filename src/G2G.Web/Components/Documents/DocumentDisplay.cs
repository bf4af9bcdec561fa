using System.Globalization;
using G2G.Runtime.Organisation;
using Microsoft.Extensions.Localization;

namespace G2G.Web.Components.Documents;

/// <summary>How the documents pages write a document's elements.</summary>
public static class DocumentDisplay
{
    /// <summary>成文日期 and other days: 2027-01-04, or a dash for none.</summary>
    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "—";

    /// <summary>密级和保密期限: 秘密★5年 (Secret, 5 years), or the level alone.</summary>
    public static string Secrecy(ClearanceLevel level, int? years, IStringLocalizer<AdminText> levels, IStringLocalizer<DocumentText> text)
    {
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(text);
        var name = levels["Clearance_" + level].Value;
        return years is { } term ? string.Format(CultureInfo.CurrentCulture, text["SecrecyTerm"], name, term) : name;
    }

    /// <summary>A file size in KB or MB, one decimal.</summary>
    public static string Size(long bytes) => bytes < 1024 * 1024
        ? string.Format(CultureInfo.CurrentCulture, "{0:0.#} KB", Math.Max(0.1, bytes / 1024.0))
        : string.Format(CultureInfo.CurrentCulture, "{0:0.#} MB", bytes / (1024.0 * 1024));
}
