using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Regulations;

/// <summary>A rule of the library; <see cref="Body"/> is left out of search results.</summary>
public sealed record RegulationView(long Id, string DocumentNumber, string Title, string AgencyId, DateOnly EffectiveOn,
    DateOnly? RepealedOn, long? SupersededById, string? SupersededByNumber, DateTimeOffset PublishedAt, string? Body);

/// <summary>
/// The library of published regulations and policies. Published rules are public documents: every signed-in user
/// reads them. Search is a substring match over title and body (LIKE on both databases, no index); rules enter
/// only through 政策法规发布, administrators repeal (audited on the organisation chain).
/// </summary>
public sealed class RegulationLibrary(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public const int MaxResults = 200;

    /// <summary>Rules whose title or body contains <paramref name="text"/>, in force on <paramref name="on"/> if given.</summary>
    public async Task<IReadOnlyList<RegulationView>> SearchAsync(string? text, DateOnly? on, CancellationToken cancellationToken)
    {
        var rows = office.Regulations.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(text))
        {
            var q = text.Trim();
            if (q.Length > 100)
                throw RuntimeException.ForField("q", OfficeMessages.RegulationSearchTooLong());
            rows = rows.Where(r => r.Title.Contains(q) || r.Body.Contains(q));
        }
        if (on is { } day)
            rows = rows.Where(r => r.EffectiveOn <= day && (r.RepealedOn == null || r.RepealedOn > day));
        var found = await rows.OrderByDescending(r => r.EffectiveOn).ThenByDescending(r => r.Id).Take(MaxResults)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. found.Select(r => View(r, null, includeBody: false))];
    }

    public async Task<RegulationView> GetAsync(long id, CancellationToken cancellationToken)
    {
        var rule = await office.Regulations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.RegulationNotFound(id));
        var successor = rule.SupersededById is { } next
            ? await office.Regulations.Where(r => r.Id == next).Select(r => r.DocumentNumber)
                .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            : null;
        return View(rule, successor, includeBody: true);
    }

    /// <summary>Repeals a rule in force from a date without a successor (administrators; audited).</summary>
    public async Task<RegulationView> RepealAsync(long id, DateOnly? on, string actor, CancellationToken cancellationToken)
    {
        AccessRefusals.RequireAdministrator(callers, "repeal a regulation");
        if (on is not { } day)
            throw RuntimeException.ForField("repealedOn", OfficeMessages.RepealDateRequired());
        var rule = await office.Regulations.FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.RegulationNotFound(id));
        if (rule.RepealedOn is not null)
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.RegulationRepealedAlready(rule.DocumentNumber));
        if (day <= rule.EffectiveOn)
            throw RuntimeException.ForField("repealedOn", OfficeMessages.RepealBeforeEffect(rule.EffectiveOn));
        rule.RepealedOn = day;
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditLog.Append(db, AuditLog.OrganisationChain, new AuditEntry(actor, "regulation.repealed",
            Outcome: rule.DocumentNumber, Comment: $"repealed on {day:yyyy-MM-dd}"), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return View(rule, null, includeBody: false);
    }

    private static RegulationView View(RegulationRecord r, string? successor, bool includeBody) => new(r.Id, r.DocumentNumber,
        r.Title, r.AgencyId, r.EffectiveOn, r.RepealedOn, r.SupersededById, successor, r.PublishedAt, includeBody ? r.Body : null);
}
