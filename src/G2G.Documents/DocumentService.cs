using System.Linq.Expressions;
using System.Text;
using G2G.Documents.Archive;
using G2G.Documents.Persistence;
using G2G.Documents.Records;
using G2G.Documents.Rendering;
using G2G.Documents.Seals;
using G2G.Documents.Storage;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Documents;

/// <summary>A document in a list.</summary>
public sealed record DocumentSummary(long Id, string Type, string Title, string IssuingAgencyId, string? DocumentNumber, string State,
    ClearanceLevel Classification, string Urgency, DateOnly? WrittenOn, DateTimeOffset CreatedAt);

/// <summary>Which way documents travel, seen from the caller's agencies: 发文 they issued, 收文 dispatched to them.</summary>
public enum DocumentFlow
{
    /// <summary>发文: issued by one of the caller's agencies.</summary>
    Issued,

    /// <summary>收文: dispatched to one of the caller's agencies.</summary>
    Received,
}

/// <summary>What a list of documents is narrowed to; null: any. <see cref="Year"/> is the 发文字号's year.</summary>
public sealed record DocumentFilter(string? Type = null, DocumentFlow? Flow = null, int? Year = null, string? Urgency = null,
    ClearanceLevel? Classification = null);

/// <summary>A document with its recipients, attachments and the result of checking its seal now.</summary>
public sealed record DocumentView(long Id, long? InstanceId, string Type, string Title, string IssuingAgencyId, string? DepartmentId,
    string Drafter, string? DocumentNumber, string? Signer, string? SignerName, ClearanceLevel Classification, int? SecrecyYears,
    string Urgency, DateOnly? WrittenOn, string? Note, string BodySha256, string State, IReadOnlyList<RecipientView> Recipients,
    IReadOnlyList<AttachmentView> Attachments, SealView Seal, DateTimeOffset CreatedAt);

/// <summary>A recipient agency and where its copy stands.</summary>
public sealed record RecipientView(string AgencyId, string Kind, string State, long? ReceiptInstanceId, DateTimeOffset? DispatchedAt,
    DateTimeOffset? ReceivedAt, string? Refusal);

/// <summary>An attachment (附件): its position in the 附件说明, name and file.</summary>
public sealed record AttachmentView(int Position, string Name, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

/// <summary>The seal: whether the document carries one and whether it holds for the document as it is now.</summary>
public sealed record SealView(bool Sealed, bool Valid, string? Problem, DateTimeOffset? SealedAt);

/// <summary>An archive item (件) and, once destroyed, its destruction record.</summary>
public sealed record ArchiveItemView(long Id, long DocumentId, string AgencyId, string ArchiveCode, int Year, string Retention, int ItemNumber,
    string? DocumentNumber, string Title, DateOnly FiledOn, DateOnly? KeepUntil, string State, long? DestructionInstanceId,
    string? DestructionApprovedBy, DateTimeOffset? DestroyedAt);

/// <summary>A file served from the store after its hash was checked.</summary>
public sealed record StoredFile(byte[] Content, string ContentType, string FileName);

/// <summary>
/// Documents as people and other systems see them: the issuing agency's staff and, once dispatched, the recipient
/// agencies' staff, each up to their clearance (others get 404). Every view checks the seal again; every file read
/// re-hashes the file, and one that fails is refused (409) with a record in the <c>documents</c> audit chain, never served.
/// Attachments are added by the drafter while the document is a draft (before it is numbered and sealed).
/// </summary>
public sealed class DocumentService(DocumentsDbContext documents, G2GDbContext db, CallerContext callers, FileStore files,
    SealService seals, IOptions<DocumentsOptions> options, TimeProvider clock)
{
    /// <summary>The audit chain of refused file reads.</summary>
    public const string AuditChain = "documents";

    private static readonly Expression<Func<DocumentRecord, DocumentSummary>> Summary = d => new DocumentSummary(d.Id, d.Type, d.Title,
        d.IssuingAgencyId, d.DocumentNumber, d.State, d.Classification, d.Urgency, d.WrittenOn, d.CreatedAt);

    public async Task<IReadOnlyList<DocumentSummary>> ListAsync(string? state, string? agencyId, CancellationToken cancellationToken)
    {
        var rows = await Visible().Where(d => (state == null || d.State == state) && (agencyId == null || d.IssuingAgencyId == agencyId))
            .OrderByDescending(d => d.Id).Take(500)
            .Select(Summary)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows;
    }

    /// <summary>
    /// One page of the documents the caller may see (the same rule as <see cref="GetAsync"/>), narrowed by
    /// <paramref name="filter"/>, newest first. An unknown type or urgency is refused (400 on the field).
    /// </summary>
    public async Task<Page<DocumentSummary>> PageAsync(DocumentFilter filter, int page, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var rows = Visible();
        if (filter.Type is { } type)
        {
            var known = DocumentTypes.Normalise(type) ?? throw RuntimeException.ForField("type",
                DocumentsMessages.UnknownType(string.Join("、", DocumentTypes.All)));
            rows = rows.Where(d => d.Type == known);
        }
        if (filter.Urgency is { } urgency)
        {
            if (!Urgencies.IsKnown(urgency))
                throw RuntimeException.ForField("urgency", DocumentsMessages.UnknownUrgency());
            rows = rows.Where(d => d.Urgency == urgency);
        }
        if (filter.Classification is { } classification)
            rows = rows.Where(d => d.Classification == classification);
        if (filter.Year is { } year)
            rows = rows.Where(d => d.NumberYear == year);
        if (filter.Flow is { } flow)
        {
            var agencies = callers.Current?.Agencies?.ToList();
            rows = (flow, agencies) switch
            {
                (DocumentFlow.Issued, null) => rows,
                (DocumentFlow.Issued, _) => rows.Where(d => agencies.Contains(d.IssuingAgencyId)),
                (_, null) => rows.Where(d => d.Recipients.Any(r => r.DispatchedAt != null)),
                _ => rows.Where(d => d.Recipients.Any(r => r.DispatchedAt != null && agencies.Contains(r.AgencyId))),
            };
        }
        var slice = await rows.OrderByDescending(d => d.Id).SliceAsync(page, pageSize, cancellationToken).ConfigureAwait(false);
        return slice.With(await slice.Rows
            .Select(Summary)
            .ToListAsync(cancellationToken).ConfigureAwait(false));
    }

    /// <summary>The years of the 发文字号 of the documents the caller may see, newest first (the list's year filter).</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken) =>
        await Visible().Where(d => d.NumberYear != null).Select(d => d.NumberYear!.Value).Distinct().OrderByDescending(y => y)
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Whether the caller may see any document at all (the header links the documents page for them).</summary>
    public Task<bool> AnyVisibleAsync(CancellationToken cancellationToken) => Visible().AnyAsync(cancellationToken);

    /// <summary>One document, its seal checked now.</summary>
    public async Task<DocumentView> GetAsync(long id, CancellationToken cancellationToken)
    {
        var d = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var check = d.Seal is null ? null : seals.Check(documents, d);
        return new DocumentView(d.Id, d.InstanceId, d.Type, d.Title, d.IssuingAgencyId, d.DepartmentId, d.Drafter, d.DocumentNumber, d.Signer,
            d.SignerName, d.Classification, d.SecrecyYears, d.Urgency, d.WrittenOn, d.Note, d.BodySha256, d.State,
            [.. d.Recipients.OrderBy(r => r.Kind, StringComparer.Ordinal).ThenBy(r => r.Position)
                .Select(r => new RecipientView(r.AgencyId, r.Kind, r.State, r.ReceiptInstanceId, r.DispatchedAt, r.ReceivedAt, r.Refusal))],
            [.. d.Attachments.OrderBy(a => a.Position).Select(Attachment)],
            new SealView(d.Seal is not null, check?.Valid ?? false, check?.Problem?.InCurrentCulture(), d.SealedAt), d.CreatedAt);
    }

    /// <summary>The body (正文) as Markdown.</summary>
    public async Task<StoredFile> BodyAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var document = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        return new(await ReadAsync(document, document.BodySha256, actor, cancellationToken).ConfigureAwait(false), "text/markdown; charset=utf-8",
            $"{document.Id}.md");
    }

    /// <summary>
    /// The document printed after GB/T 9704 (<see cref="DocumentPdf"/>): its body read with the hash checked, the seal
    /// printed only while it holds; 份号 1 is the issuer's copy, each recipient agency's copy is its place in the
    /// distribution (主送 then 抄送) plus one.
    /// </summary>
    public async Task<StoredFile> PdfAsync(long id, string actor, CancellationToken cancellationToken)
    {
        var document = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var body = Encoding.UTF8.GetString(await ReadAsync(document, document.BodySha256, actor, cancellationToken).ConfigureAwait(false));
        var agencies = document.Recipients.Select(r => r.AgencyId).Append(document.IssuingAgencyId).ToList();
        var names = await db.Set<AgencyRecord>().AsNoTracking().Where(a => agencies.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken).ConfigureAwait(false);
        var office = await db.Set<DepartmentRecord>().AsNoTracking()
            .Where(d => d.AgencyId == document.IssuingAgencyId && d.IsActive && (d.Name.EndsWith("办公厅") || d.Name.EndsWith("办公室")))
            .OrderBy(d => d.Id).Select(d => d.Name).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var distribution = document.Recipients.OrderBy(r => r.Kind == RecipientKinds.Main ? 0 : 1).ThenBy(r => r.Position).Select(r => r.AgencyId).ToList();
        var mine = callers.Current?.Agencies;
        var copy = mine is null || mine.Contains(document.IssuingAgencyId) ? 0 : distribution.FindIndex(mine.Contains) + 1;
        var direction = DocumentTypes.Direction(document.Type);
        var mains = document.Recipients.Where(r => r.Kind == RecipientKinds.Main).Select(r => r.AgencyId).ToList();
        var upward = direction == DocumentDirection.Upward
            || (direction == DocumentDirection.Any && mains.Count > 0 && ToSuperiors(mains, document.IssuingAgencyId));
        var printed = PrintedDocuments.Of(document, body, names, office ?? names.GetValueOrDefault(document.IssuingAgencyId, document.IssuingAgencyId),
            copy + 1, upward, document.Seal is not null && seals.Check(documents, document).Valid);
        return new(DocumentPdf.Render(printed, options.Value.Fonts), "application/pdf", $"{document.DocumentNumber ?? document.Title}.pdf");
    }

    /// <summary>Whether every main recipient is a superior of the issuer (an 意见 sent upward).</summary>
    private bool ToSuperiors(IEnumerable<string> mains, string issuer)
    {
        var relations = Handlers.DraftDocument.Relations(db);
        return mains.All(m => relations.Contains(m) && relations.Between(issuer, m).SecondIsSuperior);
    }

    public async Task<StoredFile> AttachmentAsync(long id, int position, string actor, CancellationToken cancellationToken)
    {
        var document = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        var attachment = document.Attachments.FirstOrDefault(a => a.Position == position)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, DocumentsMessages.AttachmentNotFound(id, position));
        return new(await ReadAsync(document, attachment.Sha256, actor, cancellationToken).ConfigureAwait(false), attachment.ContentType, attachment.Name);
    }

    /// <summary>Adds an attachment at the end of the 附件说明: the drafter, while the document is a draft; type and size limited.</summary>
    public async Task<AttachmentView> AddAttachmentAsync(long id, string? name, string? contentType, byte[] content, string actor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        var document = await FindAsync(id, cancellationToken).ConfigureAwait(false);
        if (callers.Current is not null && actor != document.Drafter)
            throw new RuntimeException(RuntimeErrorCode.NotAllowed, DocumentsMessages.AttachmentOnlyDrafter(document.Drafter));
        if (document.State != DocumentStates.Draft)
            throw new RuntimeException(RuntimeErrorCode.Conflict, DocumentsMessages.AttachmentOnlyWhileDraft(document.DocumentNumber ?? ""));
        name = name?.Trim();
        if (string.IsNullOrEmpty(name))
            throw RuntimeException.ForField("name", DocumentsMessages.Required("name"));
        if (name.Length > 200)
            throw RuntimeException.ForField("name", DocumentsMessages.TooLong(200));
        var type = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        if (!files.Allows(type))
            throw RuntimeException.ForField("contentType", DocumentsMessages.AttachmentType(type));
        if (content.Length == 0)
            throw RuntimeException.ForField("file", DocumentsMessages.AttachmentEmpty());
        if (content.Length > options.Value.MaxFileBytes)
            throw RuntimeException.ForField("file", DocumentsMessages.AttachmentTooLarge(options.Value.MaxFileBytes));
        var attachment = new DocumentAttachmentRecord
        {
            DocumentId = id, Position = document.Attachments.Select(a => a.Position).DefaultIfEmpty(0).Max() + 1, Name = name, ContentType = type,
            Size = content.Length, Sha256 = files.Put(content), UploadedBy = actor, UploadedAt = clock.GetUtcNow().ToUniversalTime(),
        };
        documents.Attachments.Add(attachment);
        await documents.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return Attachment(attachment);
    }

    /// <summary>
    /// The archive of the caller's agencies (items of documents within their clearance), newest first; <paramref name="expired"/>:
    /// only filed items past their retention, which 档案销毁审批 may propose.
    /// </summary>
    public async Task<IReadOnlyList<ArchiveItemView>> ArchiveAsync(bool expired, string? state, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).DateTime);
        var items = VisibleItems();
        if (expired)
            items = items.Where(a => a.State == ArchiveStates.Filed && a.KeepUntil != null && a.KeepUntil < today);
        if (state is not null)
            items = items.Where(a => a.State == state);
        var rows = await items.OrderByDescending(a => a.Id).Take(500).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ItemView)];
    }

    public async Task<ArchiveItemView> ArchiveItemAsync(long id, CancellationToken cancellationToken) =>
        ItemView(await VisibleItems().FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, DocumentsMessages.ArchiveItemNotFound(id)));

    private IQueryable<ArchiveItemRecord> VisibleItems()
    {
        var items = documents.ArchiveItems.AsNoTracking();
        if (callers.Current is not { } caller)
            return items;
        var clearance = caller.Clearance;
        var agencies = caller.Agencies?.ToList();
        return items.Where(a => (agencies == null || agencies.Contains(a.AgencyId))
            && documents.Documents.Any(d => d.Id == a.DocumentId && d.Classification <= clearance));
    }

    private static ArchiveItemView ItemView(ArchiveItemRecord a) => new(a.Id, a.DocumentId, a.AgencyId, a.ArchiveCode, a.Year, a.Retention,
        a.ItemNumber, a.DocumentNumber, a.Title, a.FiledOn, a.KeepUntil, a.State, a.DestructionInstanceId, a.DestructionApprovedBy, a.DestroyedAt);

    /// <summary>Documents the caller may see: their agency issued it, or received it; up to their clearance.</summary>
    internal IQueryable<DocumentRecord> Visible()
    {
        var rows = documents.Documents.AsNoTracking();
        if (callers.Current is not { } caller)
            return rows;
        var clearance = caller.Clearance;
        rows = rows.Where(d => d.Classification <= clearance);
        if (caller.Agencies is null)
            return rows;
        var agencies = caller.Agencies.ToList();
        return rows.Where(d => agencies.Contains(d.IssuingAgencyId)
            || d.Recipients.Any(r => r.DispatchedAt != null && agencies.Contains(r.AgencyId)));
    }

    internal async Task<DocumentRecord> FindAsync(long id, CancellationToken cancellationToken) =>
        await Visible().Include(d => d.Recipients).Include(d => d.Attachments).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == id, cancellationToken).ConfigureAwait(false)
        ?? throw new RuntimeException(RuntimeErrorCode.NotFound, DocumentsMessages.DocumentNotFound(id));

    /// <summary>A file of the document, its hash checked; a failed check is audited and refused.</summary>
    internal async Task<byte[]> ReadAsync(DocumentRecord document, string sha256, string actor, CancellationToken cancellationToken)
    {
        if (document.State == DocumentStates.Destroyed)
            throw new RuntimeException(RuntimeErrorCode.NotFound, DocumentsMessages.DocumentDestroyed(document.DocumentNumber ?? document.Title));
        try
        {
            return files.Read(sha256);
        }
        catch (FileIntegrityException broken)
        {
            AuditLog.Append(db, AuditChain, new AuditEntry(actor, "document.file-refused", Outcome: document.DocumentNumber ?? document.Title,
                Comment: broken.Message, Data: $"{document.Id}:{sha256}"), clock.GetUtcNow());
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            throw new RuntimeException(RuntimeErrorCode.Conflict, broken.Text);
        }
    }

    private static AttachmentView Attachment(DocumentAttachmentRecord a) => new(a.Position, a.Name, a.ContentType, a.Size, a.Sha256, a.UploadedAt);
}
