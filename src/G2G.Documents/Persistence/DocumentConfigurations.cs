using G2G.Documents.Records;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Documents.Persistence;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<DocumentRecord>
{
    public void Configure(EntityTypeBuilder<DocumentRecord> builder)
    {
        builder.ToRecordTable("doc_documents");
        builder.Property(d => d.Type).HasMaxLength(10);
        builder.Property(d => d.Title).HasMaxLength(200);
        builder.Property(d => d.IssuingAgencyId).HasMaxLength(50);
        builder.Property(d => d.DepartmentId).HasMaxLength(50);
        builder.Property(d => d.Drafter).HasMaxLength(100);
        builder.Property(d => d.DocumentNumber).HasMaxLength(100);
        builder.Property(d => d.Signer).HasMaxLength(100);
        builder.Property(d => d.SignerName).HasMaxLength(200);
        builder.Property(d => d.Urgency).HasMaxLength(10);
        builder.Property(d => d.BodySha256).HasMaxLength(64);
        builder.Property(d => d.Note).HasMaxLength(500);
        builder.Property(d => d.State).HasMaxLength(20);
        builder.Property(d => d.Seal).HasMaxLength(200);
        builder.HasMany(d => d.Recipients).WithOne().HasForeignKey(r => r.DocumentId).HasConstraintName("fk_doc_recipients_document")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(d => d.Attachments).WithOne().HasForeignKey(a => a.DocumentId).HasConstraintName("fk_doc_attachments_document")
            .OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.InstanceId).IsUnique().HasDatabaseName("ux_doc_documents_instance_id");
        // The guard behind the counter: one number per agency and year, whatever happens.
        builder.HasIndex(d => new { d.IssuingAgencyId, d.NumberYear, d.NumberSeq }).IsUnique()
            .HasDatabaseName("ux_doc_documents_issuing_agency_id_number_year_number_seq");
        builder.HasIndex(d => new { d.IssuingAgencyId, d.State }).HasDatabaseName("ix_doc_documents_issuing_agency_id_state");
    }
}

internal sealed class DocumentRecipientConfiguration : IEntityTypeConfiguration<DocumentRecipientRecord>
{
    public void Configure(EntityTypeBuilder<DocumentRecipientRecord> builder)
    {
        builder.ToRecordTable("doc_recipients");
        builder.Property(r => r.AgencyId).HasMaxLength(50);
        builder.Property(r => r.Kind).HasMaxLength(10);
        builder.Property(r => r.State).HasMaxLength(20);
        builder.Property(r => r.Refusal).HasMaxLength(500);
        builder.HasIndex(r => new { r.DocumentId, r.AgencyId }).IsUnique().HasDatabaseName("ux_doc_recipients_document_id_agency_id");
        builder.HasIndex(r => new { r.AgencyId, r.State }).HasDatabaseName("ix_doc_recipients_agency_id_state");
        builder.HasIndex(r => r.ReceiptInstanceId).HasDatabaseName("ix_doc_recipients_receipt_instance_id");
    }
}

internal sealed class DocumentAttachmentConfiguration : IEntityTypeConfiguration<DocumentAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<DocumentAttachmentRecord> builder)
    {
        builder.ToRecordTable("doc_attachments");
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.ContentType).HasMaxLength(100);
        builder.Property(a => a.Sha256).HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasMaxLength(100);
        builder.HasIndex(a => new { a.DocumentId, a.Position }).IsUnique().HasDatabaseName("ux_doc_attachments_document_id_position");
    }
}

internal sealed class NumberCounterConfiguration : IEntityTypeConfiguration<NumberCounterRecord>
{
    public void Configure(EntityTypeBuilder<NumberCounterRecord> builder)
    {
        builder.ToTable("doc_number_counters");
        builder.HasKey(c => new { c.AgencyId, c.Year }).HasName("pk_doc_number_counters");
        builder.Property(c => c.AgencyId).HasMaxLength(60);
    }
}

internal sealed class AgencySealConfiguration : IEntityTypeConfiguration<AgencySealRecord>
{
    public void Configure(EntityTypeBuilder<AgencySealRecord> builder)
    {
        builder.ToTable("doc_agency_seals");
        builder.HasKey(s => s.AgencyId).HasName("pk_doc_agency_seals");
        builder.Property(s => s.AgencyId).HasMaxLength(50);
        builder.Property(s => s.Certificate).HasMaxLength(4000);
        builder.Property(s => s.ProtectedKey).HasMaxLength(4000);
    }
}

internal sealed class RetiredSealConfiguration : IEntityTypeConfiguration<RetiredSealRecord>
{
    public void Configure(EntityTypeBuilder<RetiredSealRecord> builder)
    {
        builder.ToRecordTable("doc_retired_seals");
        builder.Property(s => s.AgencyId).HasMaxLength(50);
        builder.Property(s => s.Certificate).HasMaxLength(4000);
        builder.Property(s => s.RetiredBy).HasMaxLength(100);
        builder.HasIndex(s => s.AgencyId).HasDatabaseName("ix_doc_retired_seals_agency_id");
    }
}
