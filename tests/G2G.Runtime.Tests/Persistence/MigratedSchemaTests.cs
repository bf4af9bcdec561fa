using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Schema;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace G2G.Runtime.Tests.Persistence;

/// <summary>
/// Guards the hand-written migrations: a database migrated from empty must have exactly the schema the EF model
/// describes, read back from the provider's own catalog.
/// </summary>
public abstract class MigratedSchemaTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task Migrate_FromEmptyDatabase_CreatesExactlyTheModelSchema()
    {
        await database.MigrateAsync();
        await using var context = database.CreateContext();

        var expected = SchemaDescription.FromModel(
            context.GetService<IDesignTimeModel>().Model.GetRelationalModel(), database);
        var actual = await database.ReadCatalogAsync();

        Assert.Contains("table process_definitions", expected);
        SchemaAssert.Same(expected, actual);
    }

    [DatabaseFact]
    public async Task Migrate_FromEmptyDatabase_AppliesEveryMigrationAndLeavesNonePending()
    {
        await database.MigrateAsync();
        await using var context = database.CreateContext();

        var known = context.Database.GetMigrations().ToList();
        var applied = await context.Database.GetAppliedMigrationsAsync();
        var pending = await context.Database.GetPendingMigrationsAsync();

        Assert.NotEmpty(known);
        Assert.Equal(known, applied);
        Assert.Empty(pending);
    }
}

public sealed class SqliteMigratedSchemaTests(SqliteTestDatabase database)
    : MigratedSchemaTests<SqliteTestDatabase>(database);

public sealed class PostgresMigratedSchemaTests(PostgresTestDatabase database)
    : MigratedSchemaTests<PostgresTestDatabase>(database);
