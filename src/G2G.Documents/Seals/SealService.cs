using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using G2G.Runtime;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace G2G.Documents.Seals;

/// <summary>What a seal check found: valid, or why not.</summary>
public sealed record SealCheck(bool Valid, RuntimeText? Problem)
{
    public static SealCheck Ok { get; } = new(true, null);
}

/// <summary>
/// 电子印章: each agency has an ECDSA P-256 key pair and a self-issued X.509 certificate, made when the agency first
/// seals (or at set-up), the private key kept encrypted with the host's data-protection keys. The issuing agency signs
/// the document's digest: its fields, the SHA-256 of the body and of every attachment (<see cref="Digest"/>). A check
/// re-reads body and attachments from the file store (whose every read re-hashes the file) and verifies the signature
/// with the issuer's certificate, so a changed field, body or attachment fails.
/// </summary>
public sealed class SealService(IDataProtectionProvider protection, FileStore files, TimeProvider clock)
{
    private const string Purpose = "G2G.Documents.AgencySeal";

    /// <summary>Seals the document with its issuing agency's key (made first if the agency has none).</summary>
    public string Seal(DocumentsDbContext documents, DocumentRecord document, string agencyName)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(document);
        var seal = Ensure(documents, document.IssuingAgencyId, agencyName);
        using var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(protection.CreateProtector(Purpose).Unprotect(Convert.FromBase64String(seal.ProtectedKey)), out _);
        return Convert.ToBase64String(key.SignData(Digest(document), HashAlgorithmName.SHA256));
    }

    /// <summary>Checks a sealed document: files intact, signature valid for the issuer's certificate.</summary>
    public SealCheck Check(DocumentsDbContext documents, DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(document);
        if (document.Seal is null)
            return new(false, DocumentsMessages.NoSeal());
        try
        {
            _ = files.Read(document.BodySha256);
            foreach (var attachment in document.Attachments)
                _ = files.Read(attachment.Sha256);
        }
        catch (FileIntegrityException broken)
        {
            return new(false, broken.Text);
        }
        if (CertificateAt(documents, document.IssuingAgencyId, document.SealedAt) is not { } sealedWith)
            return new(false, DocumentsMessages.NoCertificate(document.IssuingAgencyId));
        using var certificate = X509CertificateLoader.LoadCertificate(Convert.FromBase64String(sealedWith));
        using var key = certificate.GetECDsaPublicKey()!;
        return key.VerifyData(Digest(document), Convert.FromBase64String(document.Seal), HashAlgorithmName.SHA256)
            ? SealCheck.Ok
            : new(false, DocumentsMessages.SealBroken());
    }

    /// <summary>The agency's seal, made now (key pair and certificate) if it has none; a race with another node is harmless.</summary>
    public AgencySealRecord Ensure(DocumentsDbContext documents, string agencyId, string agencyName)
    {
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Seals.AsNoTracking().FirstOrDefault(s => s.AgencyId == agencyId) is { } existing)
            return existing;
        var (certificate, protectedKey) = NewKey(agencyId, agencyName);
        documents.Database.ExecuteSql(
            $"INSERT INTO doc_agency_seals (agency_id, certificate, protected_key, created_at) VALUES ({agencyId}, {certificate}, {protectedKey}, {clock.GetUtcNow().ToUniversalTime()}) ON CONFLICT (agency_id) DO NOTHING");
        return documents.Seals.AsNoTracking().First(s => s.AgencyId == agencyId);
    }

    /// <summary>A new key pair with its self-issued certificate (base64 DER) and the private key protected (base64).</summary>
    public (string Certificate, string ProtectedKey) NewKey(string agencyId, string agencyName)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(new X500DistinguishedName($"CN={agencyId}, O={Escape(agencyName)}, OU=电子印章"), key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation, critical: true));
        var now = clock.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(30));
        return (Convert.ToBase64String(certificate.Export(X509ContentType.Cert)),
            Convert.ToBase64String(protection.CreateProtector(Purpose).Protect(key.ExportPkcs8PrivateKey())));
    }

    /// <summary>
    /// The certificate of the key in force when the document was sealed: the first key retired after that moment, else the
    /// agency's current one.
    /// </summary>
    private static string? CertificateAt(DocumentsDbContext documents, string agencyId, DateTimeOffset? sealedAt)
    {
        var retired = sealedAt is null ? []
            : documents.RetiredSeals.AsNoTracking().Where(s => s.AgencyId == agencyId).AsEnumerable().Where(s => s.RetiredAt > sealedAt).ToList();
        return retired.Count > 0
            ? retired.MinBy(s => s.RetiredAt)!.Certificate
            : documents.Seals.AsNoTracking().Where(s => s.AgencyId == agencyId).Select(s => s.Certificate).FirstOrDefault();
    }

    /// <summary>The canonical bytes a seal signs: every field a reader relies on, the body's and attachments' hashes.</summary>
    public static byte[] Digest(DocumentRecord document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder();
        void Line(string name, object? value) => text.Append(name).Append('=').Append(Convert.ToString(value, CultureInfo.InvariantCulture)).Append('\n');
        Line("type", document.Type);
        Line("title", document.Title);
        Line("issuer", document.IssuingAgencyId);
        Line("number", document.DocumentNumber);
        Line("signer", document.SignerName);
        Line("classification", (int)document.Classification);
        Line("secrecyYears", document.SecrecyYears);
        Line("urgency", document.Urgency);
        Line("writtenOn", document.WrittenOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Line("note", document.Note);
        Line("body", document.BodySha256);
        foreach (var recipient in document.Recipients.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Position))
            Line(recipient.Kind, recipient.AgencyId);
        foreach (var attachment in document.Attachments.OrderBy(a => a.Position))
            Line("attachment", $"{attachment.Position}:{attachment.Name}:{attachment.Sha256}");
        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
    }

    private static string Escape(string name) => name.Replace(",", " ", StringComparison.Ordinal).Replace("=", " ", StringComparison.Ordinal);
}
