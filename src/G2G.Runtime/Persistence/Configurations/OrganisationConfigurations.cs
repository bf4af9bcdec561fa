using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Persistence.Configurations;

// Mappings of the organisation tables. Names are spelled exactly as in migration CreateOrganisation; the
// schema test compares a migrated database with this model on both providers.

internal sealed class AgencyConfiguration : IEntityTypeConfiguration<AgencyRecord>
{
    public void Configure(EntityTypeBuilder<AgencyRecord> builder)
    {
        builder.ToTable("agencies");
        builder.HasKey(a => a.Id).HasName("pk_agencies");
        builder.Property(a => a.Id).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(a => a.Name).HasMaxLength(OrganisationLimits.NameLength);
        builder.Property(a => a.ShortName).HasMaxLength(50);
        builder.Property(a => a.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(a => a.ParentId).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(a => a.Path).HasMaxLength(OrganisationLimits.PathLength);
        SnakeCase.NameColumns(builder);
        builder.HasOne<AgencyRecord>().WithMany().HasForeignKey(a => a.ParentId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_agencies_agencies_parent_id");
        builder.HasIndex(a => a.ParentId).HasDatabaseName("ix_agencies_parent_id");
        // A subtree is a prefix of the path.
        builder.HasIndex(a => a.Path).IsUnique().HasDatabaseName("ux_agencies_path");
    }
}

internal sealed class GuidanceLineConfiguration : IEntityTypeConfiguration<GuidanceLineRecord>
{
    public void Configure(EntityTypeBuilder<GuidanceLineRecord> builder)
    {
        builder.ToTable("agency_guidance_lines");
        builder.HasKey(g => new { g.SuperiorAgencyId, g.SubordinateAgencyId }).HasName("pk_agency_guidance_lines");
        builder.Property(g => g.SuperiorAgencyId).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(g => g.SubordinateAgencyId).HasMaxLength(OrganisationLimits.CodeLength);
        SnakeCase.NameColumns(builder);
        builder.HasOne<AgencyRecord>().WithMany().HasForeignKey(g => g.SuperiorAgencyId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_agency_guidance_lines_agencies_superior_agency_id");
        builder.HasOne<AgencyRecord>().WithMany().HasForeignKey(g => g.SubordinateAgencyId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_agency_guidance_lines_agencies_subordinate_agency_id");
        builder.HasIndex(g => g.SubordinateAgencyId).HasDatabaseName("ix_agency_guidance_lines_subordinate_agency_id");
    }
}

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<DepartmentRecord>
{
    public void Configure(EntityTypeBuilder<DepartmentRecord> builder)
    {
        builder.ToTable("departments");
        builder.HasKey(d => d.Id).HasName("pk_departments");
        builder.Property(d => d.Id).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(d => d.AgencyId).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(d => d.ParentId).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(d => d.Name).HasMaxLength(OrganisationLimits.NameLength);
        builder.Property(d => d.HeadUserId).HasMaxLength(OrganisationLimits.UserIdLength);
        SnakeCase.NameColumns(builder);
        builder.HasOne<AgencyRecord>().WithMany().HasForeignKey(d => d.AgencyId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_departments_agencies_agency_id");
        builder.HasOne<DepartmentRecord>().WithMany().HasForeignKey(d => d.ParentId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_departments_departments_parent_id");
        builder.HasIndex(d => d.AgencyId).HasDatabaseName("ix_departments_agency_id");
        builder.HasIndex(d => d.ParentId).HasDatabaseName("ix_departments_parent_id");
        builder.HasIndex(d => d.HeadUserId).HasDatabaseName("ix_departments_head_user_id");
    }
}

internal sealed class UserPositionConfiguration : IEntityTypeConfiguration<UserPositionRecord>
{
    public void Configure(EntityTypeBuilder<UserPositionRecord> builder)
    {
        builder.ToTable("user_positions");
        builder.HasKey(p => p.Id).HasName("pk_user_positions");
        builder.Property(p => p.Id).ValueGeneratedOnAdd();
        builder.Property(p => p.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(p => p.Name).HasMaxLength(OrganisationLimits.PositionLength);
        builder.Property(p => p.AgencyId).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(p => p.DepartmentId).HasMaxLength(OrganisationLimits.CodeLength);
        SnakeCase.NameColumns(builder);
        builder.HasOne<G2GUser>().WithMany().HasForeignKey(p => p.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_user_positions_users_user_id");
        builder.HasOne<AgencyRecord>().WithMany().HasForeignKey(p => p.AgencyId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_positions_agencies_agency_id");
        builder.HasOne<DepartmentRecord>().WithMany().HasForeignKey(p => p.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_user_positions_departments_department_id");
        builder.HasIndex(p => p.UserId).HasDatabaseName("ix_user_positions_user_id");
        // position(name, agency) and leader(agency) / position(name, department) look holders up by these.
        builder.HasIndex(p => new { p.AgencyId, p.Name }).HasDatabaseName("ix_user_positions_agency_id_name");
        builder.HasIndex(p => new { p.DepartmentId, p.Name }).HasDatabaseName("ix_user_positions_department_id_name");
    }
}

internal sealed class GroupConfiguration : IEntityTypeConfiguration<GroupRecord>
{
    public void Configure(EntityTypeBuilder<GroupRecord> builder)
    {
        builder.ToTable("groups");
        builder.HasKey(g => g.Id).HasName("pk_groups");
        builder.Property(g => g.Id).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(g => g.Name).HasMaxLength(OrganisationLimits.NameLength);
        builder.Property(g => g.AgencyId).HasMaxLength(OrganisationLimits.CodeLength);
        SnakeCase.NameColumns(builder);
        builder.HasOne<AgencyRecord>().WithMany().HasForeignKey(g => g.AgencyId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_groups_agencies_agency_id");
        builder.HasIndex(g => g.AgencyId).HasDatabaseName("ix_groups_agency_id");
    }
}

internal sealed class GroupMemberConfiguration : IEntityTypeConfiguration<GroupMemberRecord>
{
    public void Configure(EntityTypeBuilder<GroupMemberRecord> builder)
    {
        builder.ToTable("group_members");
        builder.HasKey(m => new { m.GroupId, m.UserId }).HasName("pk_group_members");
        builder.Property(m => m.GroupId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(m => m.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        SnakeCase.NameColumns(builder);
        builder.HasOne<GroupRecord>().WithMany().HasForeignKey(m => m.GroupId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_group_members_groups_group_id");
        builder.HasOne<G2GUser>().WithMany().HasForeignKey(m => m.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_group_members_users_user_id");
        builder.HasIndex(m => m.UserId).HasDatabaseName("ix_group_members_user_id");
    }
}

internal sealed class DelegationConfiguration : IEntityTypeConfiguration<DelegationRecord>
{
    public void Configure(EntityTypeBuilder<DelegationRecord> builder)
    {
        builder.ToTable("delegations");
        builder.HasKey(d => d.Id).HasName("pk_delegations");
        builder.Property(d => d.Id).ValueGeneratedOnAdd();
        builder.Property(d => d.FromUserId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(d => d.ToUserId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(d => d.ProcessKeys).HasMaxLength(1000);
        builder.Property(d => d.Reason).HasMaxLength(400);
        builder.Property(d => d.CreatedBy).HasMaxLength(OrganisationLimits.UserIdLength);
        SnakeCase.NameColumns(builder);
        builder.HasOne<G2GUser>().WithMany().HasForeignKey(d => d.FromUserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_delegations_users_from_user_id");
        builder.HasOne<G2GUser>().WithMany().HasForeignKey(d => d.ToUserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("fk_delegations_users_to_user_id");
        // "Whom does this user delegate to today" is served by the first.
        builder.HasIndex(d => new { d.FromUserId, d.StartsOn }).HasDatabaseName("ix_delegations_from_user_id_starts_on");
        builder.HasIndex(d => d.ToUserId).HasDatabaseName("ix_delegations_to_user_id");
    }
}

internal sealed class OrganisationStampConfiguration : IEntityTypeConfiguration<OrganisationStampRecord>
{
    public void Configure(EntityTypeBuilder<OrganisationStampRecord> builder)
    {
        builder.ToTable("organisation_stamp");
        builder.HasKey(s => s.Id).HasName("pk_organisation_stamp");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Stamp).HasMaxLength(36);
        SnakeCase.NameColumns(builder);
    }
}
