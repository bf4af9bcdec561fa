using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office;

/// <summary>An item an agency keeps under a code unique within it (a meeting room, a course, a supply).</summary>
internal interface IAgencyItem
{
    long Id { get; }

    string AgencyId { get; set; }

    string Code { get; set; }
}

/// <summary>
/// What the office module's administration endpoints share when an administrator adds or changes an item of an agency
/// (a meeting room, a course, a supply, a vehicle …): the item is found or added, the agency must exist, a text field is
/// trimmed within its length, a code is unique within the agency, and every change is audited on the organisation chain.
/// </summary>
internal static class OfficeAdministration
{
    /// <summary>The item <paramref name="id"/> (404 with <paramref name="missing"/> when there is none), or, without an
    /// id, a new one from <paramref name="create"/>, added to the context.</summary>
    public static async Task<TItem> FindOrAddAsync<TItem>(OfficeDbContext office, long? id, Func<long, RuntimeText> missing,
        Func<TItem> create, CancellationToken ct)
        where TItem : class, IAgencyItem =>
        id is { } existing
            ? await office.Set<TItem>().FirstOrDefaultAsync(i => i.Id == existing, ct).ConfigureAwait(false)
              ?? throw new RuntimeException(RuntimeErrorCode.NotFound, missing(existing))
            : office.Add(create()).Entity;

    /// <summary>Moves the item to the agency given, if any (404 when it does not exist).</summary>
    public static async Task MoveToAgencyAsync(G2GDbContext db, IAgencyItem item, string? agencyId, CancellationToken ct)
    {
        if (agencyId is null)
            return;
        await RequireAgencyAsync(db, agencyId, ct).ConfigureAwait(false);
        item.AgencyId = agencyId;
    }

    /// <summary>Saves the item unless another item of its agency has its code (409 with <paramref name="taken"/>(code,
    /// agency)).</summary>
    public static async Task SaveUniqueAsync<TItem>(OfficeDbContext office, TItem item, Func<string, string, RuntimeText> taken,
        CancellationToken ct)
        where TItem : class, IAgencyItem
    {
        var (id, agency, code) = (item.Id, item.AgencyId, item.Code);
        if (await office.Set<TItem>().AnyAsync(i => i.AgencyId == agency && i.Code == code && i.Id != id, ct).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, taken(code, agency));
        await office.SaveChangesAsync(ct).ConfigureAwait(false);
    }

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
