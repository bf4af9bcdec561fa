using G2G.Documents.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Documents.Tests;

/// <summary>
/// Guards the documents module's hand-written migrations and its mapping (RecordMapping: tables, keys and snake_case
/// columns by convention): the doc_ tables of a migrated database are exactly what the EF model describes.
/// </summary>
public abstract class DocumentsSchemaTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private readonly DocumentWorld _world = new(database);
    private readonly TDatabase _database = database;

    public Task InitializeAsync() => _world.InitializeAsync();

    public async Task DisposeAsync() => await _world.DisposeAsync();

    [DatabaseFact]
    public async Task TheMigratedDocumentTables_AreExactlyTheModel()
    {
        var model = await _world.Runtime.In(s =>
            SchemaAssert.ModuleTablesMatchAsync(s.GetRequiredService<DocumentsDbContext>(), _database, "doc_"));

        Assert.Contains(model, fact => fact.StartsWith("column doc_documents.body_sha256: ", StringComparison.Ordinal));
    }
}

public sealed class SqliteDocumentsSchemaTests(SqliteTestDatabase database) : DocumentsSchemaTests<SqliteTestDatabase>(database);

public sealed class PostgresDocumentsSchemaTests(PostgresTestDatabase database) : DocumentsSchemaTests<PostgresTestDatabase>(database);
