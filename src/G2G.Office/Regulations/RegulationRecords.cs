using G2G.Runtime.Persistence;
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
        builder.ToRecordTable("office_regulations");
        builder.Property(r => r.AgencyId).HasMaxLength(100);
        builder.Property(r => r.DocumentNumber).HasMaxLength(100);
        builder.Property(r => r.Title).HasMaxLength(200);
        builder.Property(r => r.PublishedBy).HasMaxLength(100);
        // Two instances publishing one 文号: the unique index lets exactly one commit.
        builder.HasIndex(r => r.DocumentNumber).IsUnique().HasDatabaseName("ux_office_regulations_document_number");
        builder.HasIndex(r => r.InstanceId).IsUnique().HasDatabaseName("ux_office_regulations_instance_id");
        builder.HasIndex(r => r.EffectiveOn).HasDatabaseName("ix_office_regulations_effective_on");
        builder.HasIndex(r => r.SupersededById).HasDatabaseName("ix_office_regulations_superseded_by_id");
        builder.HasOne<RegulationRecord>().WithMany().HasForeignKey(r => r.SupersededById)
            .HasConstraintName("fk_office_regulations_superseded_by").OnDelete(DeleteBehavior.Restrict);
    }
}
