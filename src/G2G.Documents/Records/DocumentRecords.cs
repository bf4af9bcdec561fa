using G2G.Runtime.Organisation;

namespace G2G.Documents.Records;

/// <summary>
/// One official document (<c>doc_documents</c>) from its draft to its archive: the GB/T 9704 elements, the 发文
/// instance that drafts and issues it, its body in the file store (<see cref="BodySha256"/>) and its seal.
/// </summary>
public sealed class DocumentRecord
{
    public long Id { get; set; }

    /// <summary>The 发文办理 instance that drafts and issues it.</summary>
    public long? InstanceId { get; set; }

    /// <summary>One of <see cref="DocumentTypes.All"/>.</summary>
    public required string Type { get; set; }

    public required string Title { get; set; }

    /// <summary>发文机关.</summary>
    public required string IssuingAgencyId { get; set; }

    /// <summary>The drafting department (主办部门).</summary>
    public string? DepartmentId { get; set; }

    public required string Drafter { get; set; }

    /// <summary>发文字号: 代字〔年份〕序号号, set when the document is numbered.</summary>
    public string? DocumentNumber { get; set; }

    public int? NumberYear { get; set; }
    public int? NumberSeq { get; set; }

    /// <summary>签发人 (user id) and the name printed for a 上行文.</summary>
    public string? Signer { get; set; }

    public string? SignerName { get; set; }

    /// <summary>密级.</summary>
    public ClearanceLevel Classification { get; set; }

    /// <summary>保密期限 in years (classified documents only).</summary>
    public int? SecrecyYears { get; set; }

    /// <summary><see cref="Urgencies"/>.</summary>
    public required string Urgency { get; set; }

    /// <summary>成文日期: the day the leader signed.</summary>
    public DateOnly? WrittenOn { get; set; }

    /// <summary>SHA-256 of the body (Markdown, UTF-8) in the file store.</summary>
    public required string BodySha256 { get; set; }

    /// <summary>附注 (optional).</summary>
    public string? Note { get; set; }

    /// <summary><see cref="DocumentStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>The issuing agency's seal over the document's digest (base64 ECDSA P-256, IEEE P1363), set at 用印.</summary>
    public string? Seal { get; set; }

    public DateTimeOffset? SealedAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ChangedAt { get; set; }

    public List<DocumentRecipientRecord> Recipients { get; } = [];
    public List<DocumentAttachmentRecord> Attachments { get; } = [];
}

/// <summary>
/// A recipient agency of a document (<c>doc_recipients</c>): 主送 or 抄送, in the order written, and the 收文 instance
/// that receives it there.
/// </summary>
public sealed class DocumentRecipientRecord
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public required string AgencyId { get; set; }

    /// <summary><see cref="RecipientKinds"/>.</summary>
    public required string Kind { get; set; }

    public int Position { get; set; }

    /// <summary><see cref="ReceiptStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>The 收文办理 instance of the recipient agency, once dispatched.</summary>
    public long? ReceiptInstanceId { get; set; }

    public DateTimeOffset? DispatchedAt { get; set; }
    public DateTimeOffset? ReceivedAt { get; set; }

    /// <summary>Why the copy was refused on receipt (a broken seal, a changed file).</summary>
    public string? Refusal { get; set; }
}

/// <summary>An attachment (<c>doc_attachments</c>): its 附件说明 name and its file in the store.</summary>
public sealed class DocumentAttachmentRecord
{
    public long Id { get; set; }
    public long DocumentId { get; set; }
    public int Position { get; set; }
    public required string Name { get; set; }
    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string UploadedBy { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}

/// <summary>The last 发文字号 sequence number an agency gave in a year (<c>doc_number_counters</c>).</summary>
public sealed class NumberCounterRecord
{
    public required string AgencyId { get; set; }
    public int Year { get; set; }
    public int LastNumber { get; set; }
}

/// <summary>
/// An agency's electronic seal (<c>doc_agency_seals</c>): an ECDSA P-256 key pair with its X.509 certificate; the private
/// key is kept encrypted with the host's data-protection keys.
/// </summary>
public sealed class AgencySealRecord
{
    public required string AgencyId { get; set; }

    /// <summary>The certificate, DER, base64.</summary>
    public required string Certificate { get; set; }

    /// <summary>The PKCS#8 private key, encrypted by data protection, base64.</summary>
    public required string ProtectedKey { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// A seal key rotated out (<c>doc_retired_seals</c>): its certificate only (the private key is gone), kept so the documents
/// it sealed — those sealed before <see cref="RetiredAt"/> — verify as before.
/// </summary>
public sealed class RetiredSealRecord
{
    public long Id { get; set; }
    public required string AgencyId { get; set; }

    /// <summary>The certificate, DER, base64.</summary>
    public required string Certificate { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset RetiredAt { get; set; }
    public required string RetiredBy { get; set; }
}
