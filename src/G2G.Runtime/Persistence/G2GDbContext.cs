using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Persistence;

/// <summary>
/// The runtime's one EF Core context. The same model and the same hand-written migrations serve SQLite and
/// PostgreSQL; the only provider-dependent part of the model is how <see cref="DateTimeOffset"/> is stored.
/// </summary>
public sealed class G2GDbContext(DbContextOptions<G2GDbContext> options) : DbContext(options)
{
    /// <summary>Deployed BPMN definitions, one row per version.</summary>
    public DbSet<ProcessDefinitionRecord> ProcessDefinitions => Set<ProcessDefinitionRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(G2GDbContext).Assembly);

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
