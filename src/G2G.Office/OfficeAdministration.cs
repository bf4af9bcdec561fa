using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office;

/// <summary>
/// What the office module's administration endpoints share when an administrator adds or changes an item of an agency
/// (a meeting room, a course, a supply, a vehicle …): the agency must exist, a text field is trimmed within its length,
/// and every change is audited on the organisation chain.
/// </summary>
internal static class OfficeAdministration
{
    /// <summary>Refuses (404) an agency that does not exist.</summary>
    public static async Task RequireAgencyAsync(G2GDbContext db, string agencyId, CancellationToken ct)
    {
        if (!await db.Set<AgencyRecord>().AnyAsync(a => a.Id == agencyId, ct).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.AgencyNotFound(agencyId));
    }

    /// <summary>The given text trimmed, of 1 to <paramref name="maxLength"/> characters; null keeps
    /// <paramref name="current"/> (an item being added has none yet, so it is required). Refused with
    /// <paramref name="refusal"/>.</summary>
    public static string Text(string? given, string current, int maxLength, RuntimeText refusal) =>
        given?.Trim() is { Length: > 0 } text && text.Length <= maxLength ? text
        : given is null && current.Length > 0 ? current
        : throw Invalid(refusal);

    /// <summary>Appends the change to the organisation chain and saves it.</summary>
    public static async Task AuditAsync(G2GDbContext db, TimeProvider clock, string actor, string action, string outcome,
        string comment, CancellationToken ct)
    {
        AuditLog.Append(db, AuditLog.OrganisationChain, new AuditEntry(actor, action, Outcome: outcome, Comment: comment),
            clock.GetUtcNow());
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    public static RuntimeException Invalid(RuntimeText text) => new(RuntimeErrorCode.Invalid, text);
}
