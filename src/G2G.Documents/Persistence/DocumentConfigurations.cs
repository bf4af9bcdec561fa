using G2G.Documents.Records;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Documents.Persistence;

internal sealed class DocumentConfiguration : IEntityTypeConfiguration<DocumentRecord>
{
    public void Configure(EntityTypeBuilder<DocumentRecord> builder)
    {
        builder.ToTable("doc_documents");
        builder.HasKey(d => d.Id).HasName("pk_doc_documents");
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(d => d.InstanceId).HasColumnName("instance_id");
        builder.Property(d => d.Type).HasColumnName("type").HasMaxLength(10);
        builder.Property(d => d.Title).HasColumnName("title").HasMaxLength(200);
        builder.Property(d => d.IssuingAgencyId).HasColumnName("issuing_agency_id").HasMaxLength(50);
        builder.Property(d => d.DepartmentId).HasColumnName("department_id").HasMaxLength(50);
        builder.Property(d => d.Drafter).HasColumnName("drafter").HasMaxLength(100);
        builder.Property(d => d.DocumentNumber).HasColumnName("document_number").HasMaxLength(100);
        builder.Property(d => d.NumberYear).HasColumnName("number_year");
        builder.Property(d => d.NumberSeq).HasColumnName("number_seq");
        builder.Property(d => d.Signer).HasColumnName("signer").HasMaxLength(100);
        builder.Property(d => d.SignerName).HasColumnName("signer_name").HasMaxLength(200);
        builder.Property(d => d.Classification).HasColumnName("classification");
        builder.Property(d => d.SecrecyYears).HasColumnName("secrecy_years");
        builder.Property(d => d.Urgency).HasColumnName("urgency").HasMaxLength(10);
        builder.Property(d => d.WrittenOn).HasColumnName("written_on");
        builder.Property(d => d.BodySha256).HasColumnName("body_sha256").HasMaxLength(64);
        builder.Property(d => d.Note).HasColumnName("note").HasMaxLength(500);
        builder.Property(d => d.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(d => d.Seal).HasColumnName("seal").HasMaxLength(200);
        builder.Property(d => d.SealedAt).HasColumnName("sealed_at");
        builder.Property(d => d.CreatedAt).HasColumnName("created_at");
        builder.Property(d => d.ChangedAt).HasColumnName("changed_at");
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
        builder.ToTable("doc_recipients");
        builder.HasKey(r => r.Id).HasName("pk_doc_recipients");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.DocumentId).HasColumnName("document_id");
        builder.Property(r => r.AgencyId).HasColumnName("agency_id").HasMaxLength(50);
        builder.Property(r => r.Kind).HasColumnName("kind").HasMaxLength(10);
        builder.Property(r => r.Position).HasColumnName("position");
        builder.Property(r => r.State).HasColumnName("state").HasMaxLength(20);
        builder.Property(r => r.ReceiptInstanceId).HasColumnName("receipt_instance_id");
        builder.Property(r => r.DispatchedAt).HasColumnName("dispatched_at");
        builder.Property(r => r.ReceivedAt).HasColumnName("received_at");
        builder.Property(r => r.Refusal).HasColumnName("refusal").HasMaxLength(500);
        builder.HasIndex(r => new { r.DocumentId, r.AgencyId }).IsUnique().HasDatabaseName("ux_doc_recipients_document_id_agency_id");
        builder.HasIndex(r => new { r.AgencyId, r.State }).HasDatabaseName("ix_doc_recipients_agency_id_state");
        builder.HasIndex(r => r.ReceiptInstanceId).HasDatabaseName("ix_doc_recipients_receipt_instance_id");
    }
}

internal sealed class DocumentAttachmentConfiguration : IEntityTypeConfiguration<DocumentAttachmentRecord>
{
    public void Configure(EntityTypeBuilder<DocumentAttachmentRecord> builder)
    {
        builder.ToTable("doc_attachments");
        builder.HasKey(a => a.Id).HasName("pk_doc_attachments");
        builder.Property(a => a.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(a => a.DocumentId).HasColumnName("document_id");
        builder.Property(a => a.Position).HasColumnName("position");
        builder.Property(a => a.Name).HasColumnName("name").HasMaxLength(200);
        builder.Property(a => a.ContentType).HasColumnName("content_type").HasMaxLength(100);
        builder.Property(a => a.Size).HasColumnName("size");
        builder.Property(a => a.Sha256).HasColumnName("sha256").HasMaxLength(64);
        builder.Property(a => a.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(100);
        builder.Property(a => a.UploadedAt).HasColumnName("uploaded_at");
        builder.HasIndex(a => new { a.DocumentId, a.Position }).IsUnique().HasDatabaseName("ux_doc_attachments_document_id_position");
    }
}

internal sealed class NumberCounterConfiguration : IEntityTypeConfiguration<NumberCounterRecord>
{
    public void Configure(EntityTypeBuilder<NumberCounterRecord> builder)
    {
        builder.ToTable("doc_number_counters");
        builder.HasKey(c => new { c.AgencyId, c.Year }).HasName("pk_doc_number_counters");
        builder.Property(c => c.AgencyId).HasColumnName("agency_id").HasMaxLength(60);
        builder.Property(c => c.Year).HasColumnName("year");
        builder.Property(c => c.LastNumber).HasColumnName("last_number");
    }
}

internal sealed class AgencySealConfiguration : IEntityTypeConfiguration<AgencySealRecord>
{
    public void Configure(EntityTypeBuilder<AgencySealRecord> builder)
    {
        builder.ToTable("doc_agency_seals");
        builder.HasKey(s => s.AgencyId).HasName("pk_doc_agency_seals");
        builder.Property(s => s.AgencyId).HasColumnName("agency_id").HasMaxLength(50);
        builder.Property(s => s.Certificate).HasColumnName("certificate").HasMaxLength(4000);
        builder.Property(s => s.ProtectedKey).HasColumnName("protected_key").HasMaxLength(4000);
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
    }
}

internal sealed class RetiredSealConfiguration : IEntityTypeConfiguration<RetiredSealRecord>
{
    public void Configure(EntityTypeBuilder<RetiredSealRecord> builder)
    {
        builder.ToTable("doc_retired_seals");
        builder.HasKey(s => s.Id).HasName("pk_doc_retired_seals");
        builder.Property(s => s.Id).HasColumnName("id");
        builder.Property(s => s.AgencyId).HasColumnName("agency_id").HasMaxLength(50);
        builder.Property(s => s.Certificate).HasColumnName("certificate").HasMaxLength(4000);
        builder.Property(s => s.CreatedAt).HasColumnName("created_at");
        builder.Property(s => s.RetiredAt).HasColumnName("retired_at");
        builder.Property(s => s.RetiredBy).HasColumnName("retired_by").HasMaxLength(100);
        builder.HasIndex(s => s.AgencyId).HasDatabaseName("ix_doc_retired_seals_agency_id");
    }
}
