using G2G.Office.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Office.Tests;

/// <summary>
/// Guards the office module's hand-written migrations and its mapping (RecordMapping: tables, keys and snake_case
/// columns by convention): the office tables of a migrated database are exactly what the EF model describes.
/// </summary>
public abstract class OfficeSchemaTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, PurchaseWorld>(database, new PurchaseWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task TheMigratedOfficeTables_AreExactlyTheModel()
    {
        var model = await World.Runtime.In(s =>
            SchemaAssert.ModuleTablesMatchAsync(s.GetRequiredService<OfficeDbContext>(), Database, "office_"));

        Assert.Contains(model, fact => fact.StartsWith("column office_budget_lines.amount_fen: ", StringComparison.Ordinal));
    }
}

public sealed class SqliteOfficeSchemaTests(SqliteTestDatabase database) : OfficeSchemaTests<SqliteTestDatabase>(database);

public sealed class PostgresOfficeSchemaTests(PostgresTestDatabase database) : OfficeSchemaTests<PostgresTestDatabase>(database);
