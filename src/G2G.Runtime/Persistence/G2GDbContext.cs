using G2G.Runtime.Organisation;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Persistence;

/// <summary>
/// The runtime's one EF Core context. The same model and the same hand-written migrations serve SQLite and
/// PostgreSQL; the provider-dependent parts of the model are how <see cref="DateTimeOffset"/> is stored, how
/// <see cref="SqlDates"/> computes with it and, on PostgreSQL, client-drawn id blocks for instances and tasks
/// (Configurations/PostgresIdBlocks.cs).
/// It is an Identity context: the organisation's users are <see cref="G2GUser"/>s with Identity's tables
/// (renamed to snake_case in Configurations/OrganisationIdentityConfigurations.cs).
/// </summary>
public sealed class G2GDbContext : IdentityDbContext<G2GUser>
{
    public G2GDbContext(DbContextOptions<G2GDbContext> options)
        : base(options)
    {
        // A change to the organisation gives it a new stamp in the same save (Organisation/OrganisationStamp.cs).
        SavingChanges += (_, _) => OrganisationStamp.RenewIfChanged(this);
    }

    /// <summary>Deployed BPMN definitions, one row per version.</summary>
    public DbSet<ProcessDefinitionRecord> ProcessDefinitions => Set<ProcessDefinitionRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's own OnModelCreating is deliberately not called: its model depends on the host's
        // IdentityOptions.Stores (schema version, key lengths, personal data protection). The Identity tables
        // are configured completely in Configurations/OrganisationIdentityConfigurations.cs instead, so the
        // model always matches migration CreateOrganisation. Passkeys (Identity schema version 3) are not used.
        ArgumentNullException.ThrowIfNull(builder);
        builder.Ignore<IdentityUserPasskey<string>>();
        builder.ApplyConfigurationsFromAssembly(typeof(G2GDbContext).Assembly);
        SqlDates.Register(builder, Database.IsSqlite());
        if (Database.IsNpgsql())
        {
            Configurations.PostgresIdBlocks.Configure(builder);
        }
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcIsoStringConverter>();
        }
        else
        {
            configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcNormalizingConverter>();
        }
    }
}
