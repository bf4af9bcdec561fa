using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace G2G.Runtime.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database owned by one test class (an xunit class fixture). Scenario tests are written once
/// against this type and run on every provider by subclasses that only pick the implementation:
/// <c>public sealed class SqliteXxxTests(SqliteTestDatabase db) : XxxTests&lt;SqliteTestDatabase&gt;(db);</c>.
/// Tests marked <see cref="DatabaseFactAttribute"/> are skipped, with the reason, where the implementation
/// declares itself unavailable through a static <c>UnavailableReason</c> property.
/// </summary>
public abstract class TestDatabase : IAsyncLifetime
{
    private readonly Lazy<Task> _migration;
    private DbContextOptions<G2GDbContext>? _options;

    /// <summary>Sets up the one-time migration; the database itself is created in <see cref="InitializeAsync"/>.</summary>
    protected TestDatabase() => _migration = new Lazy<Task>(MigrateOnceAsync);

    /// <summary>Provider and connection string of the database, valid after <see cref="InitializeAsync"/>.</summary>
    public abstract DatabaseSettings Settings { get; }

    /// <summary>Whether the catalog records primary and foreign key constraint names (SQLite's does not).</summary>
    public abstract bool CatalogKeepsConstraintNames { get; }

    /// <summary>The configuration a host needs to use this database (<c>Database:Provider</c>, <c>ConnectionStrings:G2G</c>).</summary>
    public IReadOnlyDictionary<string, string?> HostConfiguration => new Dictionary<string, string?>
    {
        [DatabaseSettings.ProviderKey] = Settings.Provider.ToString(),
        [DatabaseSettings.ConnectionStringKey] = Settings.ConnectionString,
    };

    /// <summary>A new context on this database; the caller disposes it.</summary>
    public G2GDbContext CreateContext()
    {
        if (_options is null)
        {
            var builder = new DbContextOptionsBuilder<G2GDbContext>();
            Settings.Configure(builder);
            _options = builder.Options;
        }

        return new G2GDbContext(_options);
    }

    /// <summary>Applies the migrations once per database, however many tests ask for it.</summary>
    public Task MigrateAsync() => _migration.Value;

    /// <summary>Whether the provider's annotations on a model column ask the database to generate its values.</summary>
    public abstract bool IsGeneratedColumn(IColumn column);

    /// <summary>Reads the schema from the database catalog, described as <see cref="Schema.SchemaDescription"/> lines.</summary>
    public abstract Task<IReadOnlySet<string>> ReadCatalogAsync();

    /// <inheritdoc />
    public abstract Task InitializeAsync();

    /// <inheritdoc />
    public abstract Task DisposeAsync();

    private async Task MigrateOnceAsync()
    {
        await using var context = CreateContext();
        await context.Database.MigrateAsync();
    }
}
