using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Office.Regulations;

/// <summary>
/// A published rule in the library of regulations and policies (<c>office_regulations</c>): in force from
/// <see cref="EffectiveOn"/> until the day before <see cref="RepealedOn"/>; a superseded rule names its successor.
/// </summary>
public sealed class RegulationRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public required string AgencyId { get; set; }

    /// <summary>文号, unique in the library (e.g. 示财规〔2027〕1号).</summary>
    public required string DocumentNumber { get; set; }

    public required string Title { get; set; }
    public required string Body { get; set; }
    public DateOnly EffectiveOn { get; set; }
    public DateOnly? RepealedOn { get; set; }
    public long? SupersededById { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public required string PublishedBy { get; set; }
}

internal sealed class RegulationConfiguration : IEntityTypeConfiguration<RegulationRecord>
{
    public void Configure(EntityTypeBuilder<RegulationRecord> builder)
    {
        builder.ToTable("office_regulations");
        builder.HasKey(r => r.Id).HasName("pk_office_regulations");
        builder.Property(r => r.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(r => r.InstanceId).HasColumnName("instance_id");
        builder.Property(r => r.AgencyId).HasColumnName("agency_id").HasMaxLength(100);
        builder.Property(r => r.DocumentNumber).HasColumnName("document_number").HasMaxLength(100);
        builder.Property(r => r.Title).HasColumnName("title").HasMaxLength(200);
        builder.Property(r => r.Body).HasColumnName("body");
        builder.Property(r => r.EffectiveOn).HasColumnName("effective_on");
        builder.Property(r => r.RepealedOn).HasColumnName("repealed_on");
        builder.Property(r => r.SupersededById).HasColumnName("superseded_by_id");
        builder.Property(r => r.PublishedAt).HasColumnName("published_at");
        builder.Property(r => r.PublishedBy).HasColumnName("published_by").HasMaxLength(100);
        // Two instances publishing one 文号: the unique index lets exactly one commit.
        builder.HasIndex(r => r.DocumentNumber).IsUnique().HasDatabaseName("ux_office_regulations_document_number");
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_regulations_instance_id");
        builder.HasIndex(r => r.EffectiveOn).HasDatabaseName("ix_office_regulations_effective_on");
        builder.HasIndex(r => r.SupersededById).HasDatabaseName("ix_office_regulations_superseded_by_id");
        builder.HasOne<RegulationRecord>().WithMany().HasForeignKey(r => r.SupersededById)
            .HasConstraintName("fk_office_regulations_superseded_by").OnDelete(DeleteBehavior.Restrict);
    }
}
