using G2G.Runtime.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace G2G.Runtime.Persistence.Configurations;

// ASP.NET Core Identity's tables (the layout of Identity's schema versions 1 and 2: users, roles, claims,
// logins, tokens; no passkeys) with the project's snake_case names. G2GDbContext does not call Identity's
// OnModelCreating, so these classes configure everything Identity would (keys, required foreign keys,
// concurrency stamps, the unique user and role names) and the model never depends on IdentityOptions.Stores.

internal sealed class UserConfiguration : IEntityTypeConfiguration<G2GUser>
{
    public void Configure(EntityTypeBuilder<G2GUser> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id).HasName("pk_users");
        builder.Property(u => u.Id).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(u => u.UserName).HasMaxLength(256);
        builder.Property(u => u.NormalizedUserName).HasMaxLength(256);
        builder.Property(u => u.Email).HasMaxLength(256);
        builder.Property(u => u.NormalizedEmail).HasMaxLength(256);
        builder.Property(u => u.PhoneNumber).HasMaxLength(256);
        builder.Property(u => u.DisplayName).HasMaxLength(100);
        builder.Property(u => u.DepartmentId).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(u => u.AgencyId).HasMaxLength(OrganisationLimits.CodeLength);
        builder.Property(u => u.ConcurrencyStamp).IsConcurrencyToken();
        SnakeCase.NameColumns(builder);
        builder.HasOne<DepartmentRecord>().WithMany().HasForeignKey(u => u.DepartmentId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_users_departments_department_id");
        builder.HasOne<AgencyRecord>().WithMany().HasForeignKey(u => u.AgencyId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("fk_users_agencies_agency_id");
        builder.HasMany<IdentityUserClaim<string>>().WithOne().HasForeignKey(c => c.UserId).IsRequired().HasConstraintName("fk_user_claims_users_user_id");
        builder.HasMany<IdentityUserLogin<string>>().WithOne().HasForeignKey(l => l.UserId).IsRequired().HasConstraintName("fk_user_logins_users_user_id");
        builder.HasMany<IdentityUserToken<string>>().WithOne().HasForeignKey(t => t.UserId).IsRequired().HasConstraintName("fk_user_tokens_users_user_id");
        builder.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(r => r.UserId).IsRequired().HasConstraintName("fk_user_roles_users_user_id");
        builder.HasIndex(u => u.NormalizedUserName).IsUnique().HasDatabaseName("ux_users_normalized_user_name");
        builder.HasIndex(u => u.NormalizedEmail).HasDatabaseName("ix_users_normalized_email");
        builder.HasIndex(u => u.DepartmentId).HasDatabaseName("ix_users_department_id");
        builder.HasIndex(u => u.AgencyId).HasDatabaseName("ix_users_agency_id");
    }
}

internal sealed class RoleConfiguration : IEntityTypeConfiguration<IdentityRole>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder)
    {
        builder.ToTable("roles");
        builder.HasKey(r => r.Id).HasName("pk_roles");
        builder.Property(r => r.Id).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(r => r.Name).HasMaxLength(256);
        builder.Property(r => r.NormalizedName).HasMaxLength(256);
        builder.Property(r => r.ConcurrencyStamp).IsConcurrencyToken();
        SnakeCase.NameColumns(builder);
        builder.HasMany<IdentityRoleClaim<string>>().WithOne().HasForeignKey(c => c.RoleId).IsRequired().HasConstraintName("fk_role_claims_roles_role_id");
        builder.HasMany<IdentityUserRole<string>>().WithOne().HasForeignKey(r => r.RoleId).IsRequired().HasConstraintName("fk_user_roles_roles_role_id");
        builder.HasIndex(r => r.NormalizedName).IsUnique().HasDatabaseName("ux_roles_normalized_name");
    }
}

internal sealed class UserClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder)
    {
        builder.ToTable("user_claims");
        builder.HasKey(c => c.Id).HasName("pk_user_claims");
        builder.Property(c => c.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(c => c.UserId).HasDatabaseName("ix_user_claims_user_id");
    }
}

internal sealed class UserLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder)
    {
        builder.ToTable("user_logins");
        builder.HasKey(l => new { l.LoginProvider, l.ProviderKey }).HasName("pk_user_logins");
        builder.Property(l => l.LoginProvider).HasMaxLength(128);
        builder.Property(l => l.ProviderKey).HasMaxLength(128);
        builder.Property(l => l.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(l => l.UserId).HasDatabaseName("ix_user_logins_user_id");
    }
}

internal sealed class UserTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder)
    {
        builder.ToTable("user_tokens");
        builder.HasKey(t => new { t.UserId, t.LoginProvider, t.Name }).HasName("pk_user_tokens");
        builder.Property(t => t.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(t => t.LoginProvider).HasMaxLength(128);
        builder.Property(t => t.Name).HasMaxLength(128);
        SnakeCase.NameColumns(builder);
    }
}

internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> builder)
    {
        builder.ToTable("user_roles");
        builder.HasKey(r => new { r.UserId, r.RoleId }).HasName("pk_user_roles");
        builder.Property(r => r.UserId).HasMaxLength(OrganisationLimits.UserIdLength);
        builder.Property(r => r.RoleId).HasMaxLength(OrganisationLimits.UserIdLength);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(r => r.RoleId).HasDatabaseName("ix_user_roles_role_id");
    }
}

internal sealed class RoleClaimConfiguration : IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> builder)
    {
        builder.ToTable("role_claims");
        builder.HasKey(c => c.Id).HasName("pk_role_claims");
        builder.Property(c => c.RoleId).HasMaxLength(OrganisationLimits.UserIdLength);
        SnakeCase.NameColumns(builder);
        builder.HasIndex(c => c.RoleId).HasDatabaseName("ix_role_claims_role_id");
    }
}
