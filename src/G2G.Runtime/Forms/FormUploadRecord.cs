using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Forms;

/// <summary>
/// A file stored for a form's file field, as the server stored it: the reference it returned (name, media type, the size
/// it counted and the SHA-256 it computed), who uploaded it and when, and the instance whose submitted form holds it. An
/// upload no submitted form holds (<see cref="InstanceId"/> null) is the uploader's alone, and is removed with its
/// file once it is older than <c>Documents:OrphanUploadAge</c> (migration FormUploads).
/// </summary>
public sealed class FormUploadRecord
{
    public long Id { get; set; }

    public required string Sha256 { get; set; }

    public required string Name { get; set; }

    public required string ContentType { get; set; }

    public long Size { get; set; }

    public required string UploadedBy { get; set; }

    /// <summary>When it was uploaded, or uploaded again unchanged by the same person.</summary>
    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>
    /// The instance a submitted form attached it to; null until then. Attached once: the update requires it still null
    /// (a concurrency token), so a sweep or another submission that came first makes the submission try again.
    /// </summary>
    public long? InstanceId { get; set; }

    /// <summary>The reference a form's file field holds for this upload.</summary>
    public FieldFile File => new(Name, ContentType, Size, Sha256);
}

/// <summary>Maps <see cref="FormUploadRecord"/> to <c>form_uploads</c>.</summary>
internal sealed class FormUploadRecordConfiguration : IEntityTypeConfiguration<FormUploadRecord>
{
    public void Configure(EntityTypeBuilder<FormUploadRecord> builder)
    {
        builder.ToTable("form_uploads");
        builder.HasKey(u => u.Id).HasName("pk_form_uploads");
        builder.Property(u => u.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(u => u.Sha256).HasColumnName("sha256").HasMaxLength(64).IsRequired();
        builder.Property(u => u.Name).HasColumnName("name").HasMaxLength(FormFiles.MaxNameLength).IsRequired();
        builder.Property(u => u.ContentType).HasColumnName("content_type").HasMaxLength(255).IsRequired();
        builder.Property(u => u.Size).HasColumnName("size");
        builder.Property(u => u.UploadedBy).HasColumnName("uploaded_by").HasMaxLength(200).IsRequired();
        builder.Property(u => u.UploadedAt).HasColumnName("uploaded_at");
        builder.Property(u => u.InstanceId).HasColumnName("instance_id").IsConcurrencyToken();
        builder.Ignore(u => u.File);
        builder.HasIndex(u => u.Sha256).HasDatabaseName("ix_form_uploads_sha256");
        builder.HasIndex(u => new { u.InstanceId, u.UploadedAt }).HasDatabaseName("ix_form_uploads_instance_id_uploaded_at");
    }
}
