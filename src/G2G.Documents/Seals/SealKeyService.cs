using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Documents.Seals;

/// <summary>
/// One key of an agency's seal: its certificate (subject, SHA-256 thumbprint, validity), when it was made and, once
/// rotated out, when and by whom. The current key seals; retired ones still verify what they sealed.
/// </summary>
public sealed record SealKeyView(string AgencyId, bool Current, string Subject, string Thumbprint, DateTimeOffset NotBefore,
    DateTimeOffset NotAfter, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, string? RetiredBy);

/// <summary>
/// Administration of the agencies' seal keys (administrators and systems only; others are refused and the refusal is
/// audited): the keys of one agency or all, and rotation — a new key pair and certificate become the agency's seal,
/// the old certificate is kept (<c>doc_retired_seals</c>) so documents sealed with it verify as before. Every rotation is
/// recorded in the <c>documents</c> audit chain.
/// </summary>
public sealed class SealKeyService(DocumentsDbContext documents, G2GDbContext db, CallerContext callers, SealService seals, TimeProvider clock)
{
    public async Task<IReadOnlyList<SealKeyView>> ListAsync(string? agencyId, CancellationToken cancellationToken)
    {
        Authorize("list");
        var current = await documents.Seals.AsNoTracking().Where(s => agencyId == null || s.AgencyId == agencyId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var retired = await documents.RetiredSeals.AsNoTracking().Where(s => agencyId == null || s.AgencyId == agencyId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. current.Select(s => View(s.AgencyId, s.Certificate, s.CreatedAt, null, null))
            .Concat(retired.Select(s => View(s.AgencyId, s.Certificate, s.CreatedAt, s.RetiredAt, s.RetiredBy)))
            .OrderBy(k => k.AgencyId, StringComparer.Ordinal).ThenByDescending(k => k.CreatedAt)];
    }

    /// <summary>Gives the agency a new seal key; the old one is retired but still verifies. An agency without a seal gets its first.</summary>
    public async Task<SealKeyView> RotateAsync(string agencyId, string actor, CancellationToken cancellationToken)
    {
        Authorize($"rotate {agencyId}");
        var agency = await db.Set<AgencyRecord>().AsNoTracking().Where(a => a.Id == agencyId).Select(a => new { a.Name })
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, DocumentsMessages.UnknownAgency(agencyId));
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        using var joined = DocumentsDbContext.Joining(db);
        var old = await joined.Seals.AsNoTracking().FirstOrDefaultAsync(s => s.AgencyId == agencyId, cancellationToken).ConfigureAwait(false);
        AgencySealRecord fresh;
        if (old is null)
        {
            fresh = seals.Ensure(joined, agencyId, agency.Name);
        }
        else
        {
            var (certificate, protectedKey) = seals.NewKey(agencyId, agency.Name);
            // Conditional on the certificate read: of two rotations at once, the second finds it changed and is refused.
            var changed = await joined.Seals.Where(s => s.AgencyId == agencyId && s.Certificate == old.Certificate)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Certificate, certificate).SetProperty(s => s.ProtectedKey, protectedKey)
                    .SetProperty(s => s.CreatedAt, now), cancellationToken).ConfigureAwait(false);
            if (changed == 0)
                throw new RuntimeException(RuntimeErrorCode.Conflict, DocumentsMessages.SealRotatedMeanwhile(agencyId));
            joined.RetiredSeals.Add(new RetiredSealRecord
            {
                AgencyId = agencyId, Certificate = old.Certificate, CreatedAt = old.CreatedAt, RetiredAt = now, RetiredBy = actor,
            });
            await joined.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            fresh = new AgencySealRecord { AgencyId = agencyId, Certificate = certificate, ProtectedKey = protectedKey, CreatedAt = now };
        }
        var view = View(agencyId, fresh.Certificate, fresh.CreatedAt, null, null);
        AuditLog.Append(db, DocumentService.AuditChain, new AuditEntry(actor, "seal.rotated", Outcome: agencyId, Comment: view.Thumbprint,
            Data: old is null ? null : Thumbprint(old.Certificate)), now);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return view;
    }

    private void Authorize(string operation)
    {
        if (callers.Current is { IsAdministrator: false } caller)
            throw AccessRefusals.Forbidden(caller, DocumentsMessages.SealsAdministratorsOnly(), "seal keys", operation);
    }

    private static SealKeyView View(string agencyId, string certificate, DateTimeOffset createdAt, DateTimeOffset? retiredAt, string? retiredBy)
    {
        using var x509 = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(certificate));
        return new(agencyId, retiredAt is null, x509.Subject, Thumbprint(certificate), x509.NotBefore.ToUniversalTime(), x509.NotAfter.ToUniversalTime(),
            createdAt, retiredAt, retiredBy);
    }

    private static string Thumbprint(string certificate) => Convert.ToHexStringLower(SHA256.HashData(Convert.FromBase64String(certificate)));
}
