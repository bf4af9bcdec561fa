using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Schema;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace G2G.Runtime.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database with a unique name on the server named by the <c>G2G_TEST_POSTGRES</c>
/// environment variable (an admin connection string, as test.sh exports it), or on another server given by its admin
/// connection string, dropped when the test class is done.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    /// <summary>Environment variable holding the server admin connection string.</summary>
    public const string ServerVariable = "G2G_TEST_POSTGRES";

    private readonly string _name = $"g2g_test_{Guid.NewGuid():N}";
    private readonly string? _serverConnectionString;
    private DatabaseSettings? _settings;

    /// <summary>A database on the server of <c>G2G_TEST_POSTGRES</c> (the one constructor xunit sees for a class fixture).</summary>
    public PostgresTestDatabase()
    {
    }

    private PostgresTestDatabase(string serverConnectionString) => _serverConnectionString = serverConnectionString;

    /// <summary>A database on another server, named by its admin connection string (a fault test's own server).</summary>
    public static PostgresTestDatabase OnServer(string serverConnectionString) => new(serverConnectionString);

    /// <summary>Why PostgreSQL tests cannot run here, or null when the server is configured.</summary>
    public static string? UnavailableReason =>
        string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(ServerVariable))
            ? $"PostgreSQL tests need {ServerVariable} (a server admin connection string); ./test.sh starts a server and sets it."
            : null;

    /// <inheritdoc />
    public override DatabaseSettings Settings =>
        _settings ?? throw new InvalidOperationException("The database is created in InitializeAsync.");

    /// <inheritdoc />
    public override bool CatalogKeepsConstraintNames => true;

    private string ServerConnectionString =>
        _serverConnectionString ?? Environment.GetEnvironmentVariable(ServerVariable)
        ?? throw new InvalidOperationException(UnavailableReason);

    /// <inheritdoc />
    public override bool IsGeneratedColumn(IColumn column) =>
        column["Npgsql:ValueGenerationStrategy"] is NpgsqlValueGenerationStrategy strategy
        && strategy != NpgsqlValueGenerationStrategy.None;

    /// <inheritdoc />
    public override async Task<IReadOnlySet<string>> ReadCatalogAsync()
    {
        await using var connection = new NpgsqlConnection(Settings.ConnectionString);
        await connection.OpenAsync();
        return await PostgresCatalog.DescribeAsync(connection);
    }

    /// <inheritdoc />
    public override async Task InitializeAsync()
    {
        await ExecuteOnServerAsync($"CREATE DATABASE \"{_name}\"");
        var builder = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = _name };
        _settings = new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString);
    }

    /// <inheritdoc />
    public override async Task DisposeAsync()
    {
        if (_settings is null)
        {
            return;
        }

        NpgsqlConnection.ClearPool(new NpgsqlConnection(_settings.ConnectionString));
        // FORCE ends sessions a host under test may still hold open.
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ServerConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
