using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Persistence.Configurations;

/// <summary>
/// Maps <see cref="ProcessDefinitionRecord"/> to <c>process_definitions</c>. Every table, column, key and
/// index name is spelled out so SQLite and PostgreSQL get identical names without a naming convention
/// package, and so the hand-written migrations can use the same literals.
/// </summary>
internal sealed class ProcessDefinitionRecordConfiguration : IEntityTypeConfiguration<ProcessDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<ProcessDefinitionRecord> builder)
    {
        builder.ToTable("process_definitions");
        builder.HasKey(d => d.Id).HasName("pk_process_definitions");

        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(d => d.ProcessKey).HasColumnName("process_key").HasMaxLength(200).IsRequired();
        builder.Property(d => d.Version).HasColumnName("version");
        builder.Property(d => d.Name).HasColumnName("name").HasMaxLength(400);
        builder.Property(d => d.ContentHash).HasColumnName("content_hash").HasMaxLength(64).IsRequired();
        builder.Property(d => d.Xml).HasColumnName("xml").IsRequired();
        builder.Property(d => d.DeployedAt).HasColumnName("deployed_at");
        builder.Property(d => d.IsPublished).HasColumnName("is_published");
        builder.Property(d => d.DeployedBy).HasColumnName("deployed_by").HasMaxLength(200);
        builder.Property(d => d.Source).HasColumnName("source").HasMaxLength(400);

        builder.HasIndex(d => new { d.ProcessKey, d.Version })
            .IsUnique()
            .HasDatabaseName("ux_process_definitions_process_key_version");
        builder.HasIndex(d => new { d.ProcessKey, d.ContentHash })
            .HasDatabaseName("ix_process_definitions_process_key_content_hash");
    }
}

/// <summary>Maps <see cref="ProcessDraftRecord"/> to <c>process_drafts</c> (migration ProcessDrafts).</summary>
internal sealed class ProcessDraftRecordConfiguration : IEntityTypeConfiguration<ProcessDraftRecord>
{
    public void Configure(EntityTypeBuilder<ProcessDraftRecord> builder)
    {
        builder.ToTable("process_drafts");
        builder.HasKey(d => d.Id).HasName("pk_process_drafts");
        builder.Property(d => d.Id).HasColumnName("id").ValueGeneratedOnAdd();
        builder.Property(d => d.ProcessKey).HasColumnName("process_key").HasMaxLength(200).IsRequired();
        builder.Property(d => d.Name).HasColumnName("name").HasMaxLength(400);
        builder.Property(d => d.BasedOnVersion).HasColumnName("based_on_version");
        builder.Property(d => d.Xml).HasColumnName("xml").IsRequired();
        builder.Property(d => d.Forms).HasColumnName("forms");
        builder.Property(d => d.SavedBy).HasColumnName("saved_by").HasMaxLength(200).IsRequired();
        builder.Property(d => d.SavedAt).HasColumnName("saved_at");
        builder.HasIndex(d => d.ProcessKey).IsUnique().HasDatabaseName("ux_process_drafts_process_key");
    }
}
