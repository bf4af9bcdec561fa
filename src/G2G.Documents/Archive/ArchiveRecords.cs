using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Documents.Archive;

/// <summary>
/// One archived item (件, GB/T 18894-2016) of an agency (<c>doc_archive_items</c>): the issuing agency files its document
/// when 分发 is done, each recipient files its copy at 办结. The record outlives a destruction: what it was, who
/// approved and when stay after the content is erased.
/// </summary>
public sealed class ArchiveItemRecord
{
    public long Id { get; set; }
    public long DocumentId { get; set; }

    /// <summary>The filing agency (全宗).</summary>
    public required string AgencyId { get; set; }

    /// <summary>全宗号-门类代码·年度-保管期限-机构代码-件号, e.g. <c>SF-WS·2027-D30-BGS-0003</c>.</summary>
    public required string ArchiveCode { get; set; }

    public int Year { get; set; }

    /// <summary><see cref="Retentions"/>.</summary>
    public required string Retention { get; set; }

    public int ItemNumber { get; set; }

    /// <summary>What was filed, kept after destruction: the document's number and title.</summary>
    public string? DocumentNumber { get; set; }

    public required string Title { get; set; }
    public DateOnly FiledOn { get; set; }

    /// <summary>The last day it must be kept; null for 永久.</summary>
    public DateOnly? KeepUntil { get; set; }

    /// <summary><see cref="ArchiveStates"/>.</summary>
    public required string State { get; set; }

    /// <summary>The 档案销毁审批 instance holding or having destroyed it.</summary>
    public long? DestructionInstanceId { get; set; }

    public string? DestructionApprovedBy { get; set; }
    public DateTimeOffset? DestroyedAt { get; set; }
}

/// <summary>保管期限 (国家档案局令第8号): 永久, 定期 30 or 10 years.</summary>
public static class Retentions
{
    public const string Permanent = "Y", Thirty = "D30", Ten = "D10";

    public static int? Years(string retention) => retention switch
    {
        Thirty => 30,
        Ten => 10,
        _ => null,
    };

    public static string Name(string retention) => retention switch
    {
        Permanent => "永久",
        Thirty => "30年",
        _ => "10年",
    };

    /// <summary>
    /// The default term of a document: what an agency decides, publishes or records for good is kept 永久; its
    /// ordinary 行文 30 years; letters and copies it only received for information 10 years.
    /// </summary>
    public static string For(string type, bool issuedOrMainRecipient) => type switch
    {
        "决议" or "决定" or "命令" or "公报" or "公告" or "议案" or "纪要" => Permanent,
        "函" => Ten,
        _ => issuedOrMainRecipient ? Thirty : Ten,
    };
}

public static class ArchiveStates
{
    public const string Filed = "filed", PendingDestruction = "pending-destruction", Destroyed = "destroyed";
}

internal sealed class ArchiveItemConfiguration : IEntityTypeConfiguration<ArchiveItemRecord>
{
    public void Configure(EntityTypeBuilder<ArchiveItemRecord> builder)
    {
        builder.ToRecordTable("doc_archive_items");
        builder.Property(a => a.AgencyId).HasMaxLength(50);
        builder.Property(a => a.ArchiveCode).HasMaxLength(120);
        builder.Property(a => a.Retention).HasMaxLength(10);
        builder.Property(a => a.DocumentNumber).HasMaxLength(100);
        builder.Property(a => a.Title).HasMaxLength(200);
        builder.Property(a => a.State).HasMaxLength(30);
        builder.Property(a => a.DestructionApprovedBy).HasMaxLength(100);
        builder.HasIndex(a => a.ArchiveCode).IsUnique().HasDatabaseName("ux_doc_archive_items_archive_code");
        builder.HasIndex(a => new { a.DocumentId, a.AgencyId }).IsUnique().HasDatabaseName("ux_doc_archive_items_document_id_agency_id");
        builder.HasIndex(a => new { a.AgencyId, a.State, a.KeepUntil }).HasDatabaseName("ix_doc_archive_items_agency_id_state_keep_until");
    }
}
