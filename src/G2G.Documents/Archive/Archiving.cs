using System.Globalization;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Storage;
using Microsoft.EntityFrameworkCore;

namespace G2G.Documents.Archive;

/// <summary>
/// 归档 (GB/T 18894-2016, DA/T 22-2015): a document is one item (件) in each agency that keeps it, numbered within the
/// agency's year and retention (gap-free, from the same counters as the 发文字号), coded
/// 全宗号-门类代码·年度-保管期限-机构代码-件号 with 文书 (WS) as the category. Destruction erases the content only when no
/// other agency still keeps or handles the document; the item's record stays.
/// </summary>
public static class Archiving
{
    /// <summary>Files the document for an agency (once); <paramref name="department"/> is the filing department (机构代码).</summary>
    public static ArchiveItemRecord File(DocumentsDbContext documents, DocumentRecord document, string agencyId, string? department,
        bool issuedOrMainRecipient, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(document);
        if (documents.ArchiveItems.FirstOrDefault(a => a.DocumentId == document.Id && a.AgencyId == agencyId) is { } filed)
            return filed;
        var retention = Retentions.For(document.Type, issuedOrMainRecipient);
        var number = DocumentNumbering.Next(documents, $"{agencyId}#归档{retention}", today.Year);
        var item = new ArchiveItemRecord
        {
            DocumentId = document.Id, AgencyId = agencyId, Year = today.Year, Retention = retention, ItemNumber = number,
            ArchiveCode = string.Create(CultureInfo.InvariantCulture,
                $"{Code(agencyId)}-WS·{today.Year}-{retention}-{Code(department ?? "BGS")}-{number:0000}"),
            DocumentNumber = document.DocumentNumber, Title = document.Title, FiledOn = today,
            KeepUntil = Retentions.Years(retention) is { } years ? today.AddYears(years) : null, State = ArchiveStates.Filed,
        };
        documents.ArchiveItems.Add(item);
        return item;
    }

    /// <summary>
    /// Destroys held items: each keeps its record (what, who approved, when); a document's body and attachments are erased
    /// when no other agency still keeps it or is handling its copy, and files no other document uses.
    /// </summary>
    public static void Destroy(DocumentsDbContext documents, FileStore files, IReadOnlyList<ArchiveItemRecord> items, string approvedBy,
        DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(items);
        foreach (var item in items)
            (item.State, item.DestructionApprovedBy, item.DestroyedAt) = (ArchiveStates.Destroyed, approvedBy, now);
        documents.SaveChanges();
        var erased = new List<string>();
        foreach (var documentId in items.Select(i => i.DocumentId).Distinct())
        {
            var kept = documents.ArchiveItems.Any(a => a.DocumentId == documentId && a.State != ArchiveStates.Destroyed)
                || documents.Recipients.Any(r => r.DocumentId == documentId && (r.State == ReceiptStates.Pending || r.State == ReceiptStates.Received));
            if (kept)
                continue;
            var document = documents.Documents.Include(d => d.Attachments).Single(d => d.Id == documentId);
            erased.Add(document.BodySha256);
            erased.AddRange(document.Attachments.Select(a => a.Sha256));
            (document.State, document.Note, document.ChangedAt) = (DocumentStates.Destroyed, null, now);
        }
        documents.SaveChanges();
        foreach (var hash in erased.Distinct(StringComparer.Ordinal))
        {
            var shared = documents.Documents.Any(d => d.BodySha256 == hash && d.State != DocumentStates.Destroyed)
                || documents.Attachments.Any(a => a.Sha256 == hash && documents.Documents.Any(d => d.Id == a.DocumentId && d.State != DocumentStates.Destroyed));
            if (!shared)
                files.Erase(hash);
        }
    }

    /// <summary>Items held by a destruction instance are filed again (not approved, or proposed anew).</summary>
    public static void Release(DocumentsDbContext documents, long destructionInstanceId)
    {
        ArgumentNullException.ThrowIfNull(documents);
        documents.ArchiveItems.Where(a => a.DestructionInstanceId == destructionInstanceId && a.State == ArchiveStates.PendingDestruction)
            .ExecuteUpdate(u => u.SetProperty(a => a.State, ArchiveStates.Filed).SetProperty(a => a.DestructionInstanceId, (long?)null));
    }

    /// <summary>An id as a code segment: letters and digits, upper case (<c>sf-fin</c> → <c>SFFIN</c>).</summary>
    private static string Code(string id) => new([.. id.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant)]);
}
