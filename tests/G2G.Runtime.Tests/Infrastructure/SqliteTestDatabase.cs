using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Metadata;

namespace G2G.Runtime.Tests.Infrastructure;

/// <summary>A SQLite database in its own temporary file, deleted when the test class is done.</summary>
public sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "g2g-tests", $"{Guid.NewGuid():N}.db");
    private readonly DatabaseSettings _settings;

    /// <summary>Chooses the file; nothing is created until the first connection.</summary>
    public SqliteTestDatabase() =>
        _settings = new DatabaseSettings(
            DatabaseProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = _file }.ToString());

    /// <summary>SQLite is embedded, so it is always available.</summary>
    public static string? UnavailableReason => null;

    /// <inheritdoc />
    public override DatabaseSettings Settings => _settings;

    /// <inheritdoc />
    public override bool CatalogKeepsConstraintNames => false;

    /// <inheritdoc />
    public override bool IsGeneratedColumn(IColumn column) => column["Sqlite:Autoincrement"] is true;

    /// <inheritdoc />
    public override async Task<IReadOnlySet<string>> ReadCatalogAsync()
    {
        await using var connection = new SqliteConnection(_settings.ConnectionString);
        await connection.OpenAsync();
        return await SqliteCatalog.DescribeAsync(connection);
    }

    /// <inheritdoc />
    public override Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting it and its journal files.
        SqliteConnection.ClearPool(new SqliteConnection(_settings.ConnectionString));
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm", _file + "-journal" })
        {
            File.Delete(path);
        }

        return Task.CompletedTask;
    }
}
