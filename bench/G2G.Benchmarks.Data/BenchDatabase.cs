using System.Data.Common;
using G2G.Runtime.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace G2G.Benchmarks.Data;

/// <summary>
/// A fresh database owned by one benchmark: a new database on the PostgreSQL server, or a new SQLite file
/// in the run's folder. Dropped or deleted on dispose. Migrated with the runtime's own migrations, so the
/// tables and indexes are exactly the production ones (SQLite in WAL mode, as the host's start-up sets it).
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _adminConnectionString;
    private readonly string? _name;
    private readonly string? _file;

    private BenchDatabase(string provider, DatabaseSettings settings, string? adminConnectionString, string? name, string? file)
    {
        Provider = provider;
        Settings = settings;
        _adminConnectionString = adminConnectionString;
        _name = name;
        _file = file;
    }

    /// <summary><c>sqlite</c> or <c>postgres</c>.</summary>
    public string Provider { get; }

    public DatabaseSettings Settings { get; }

    public bool IsPostgres => Provider == "postgres";

    public string DisplayName => IsPostgres ? "PostgreSQL" : "SQLite";

    /// <summary>Admin connection string of the PostgreSQL server the benchmarks create their databases on.</summary>
    public const string PostgresVariable = "G2G_BENCH_POSTGRES";

    public static string? PostgresAdmin => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// The providers of a <c>--providers</c> value (comma-separated; null: sqlite, plus postgres when
    /// <see cref="PostgresVariable"/> is set); an unknown one, or postgres without the variable, is refused naming the runner that sets it.
    /// </summary>
    public static List<string> Providers(string? value, string runner)
    {
        List<string> providers = value is null
            ? PostgresAdmin is null ? ["sqlite"] : ["sqlite", "postgres"]
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => p.ToLowerInvariant())];
        foreach (var provider in providers)
        {
            if (provider is not ("sqlite" or "postgres"))
                throw new ArgumentException($"Unknown provider '{provider}': sqlite or postgres.");
            if (provider == "postgres" && PostgresAdmin is null)
                throw new ArgumentException($"PostgreSQL needs {PostgresVariable} (an admin connection string); {runner} starts a cluster and sets it.");
        }
        return providers;
    }

    public static async Task<BenchDatabase> CreateAsync(string provider, string purpose, string workDirectory)
    {
        if (provider == "postgres")
        {
            var admin = PostgresAdmin ?? throw new InvalidOperationException($"PostgreSQL needs {PostgresVariable}.");
            var name = $"g2g_bench_{purpose}_{Environment.ProcessId}";
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"");
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, MaxPoolSize = 50 };
            var database = new BenchDatabase(provider, new DatabaseSettings(DatabaseProvider.Postgres, builder.ConnectionString), admin, name, null);
            await database.MigrateAsync();
            return database;
        }
        var file = Path.Combine(workDirectory, $"{purpose}.db");
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            File.Delete(path);
        var sqlite = new BenchDatabase(provider, new DatabaseSettings(DatabaseProvider.Sqlite,
            new SqliteConnectionStringBuilder { DataSource = file }.ToString()), null, null, file);
        await sqlite.MigrateAsync();
        return sqlite;
    }

    /// <summary>Applies the runtime's migrations the way the web host does at start.</summary>
    private async Task MigrateAsync()
    {
        await using var host = new RuntimeHost(Settings);
        await host.MigrateAsync();
    }

    /// <summary>A new, closed connection of the provider, on the same connection string (and pool, and PostgreSQL's automatic preparation) as the runtime's context.</summary>
    public DbConnection CreateConnection() => IsPostgres
        ? new NpgsqlConnection(Settings.ProviderConnectionString)
        : new SqliteConnection(Settings.ProviderConnectionString);

    public async Task ExecuteAsync(string sql, int timeoutSeconds = 600)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<List<string>> QueryColumnAsync(string sql, int column = 0)
    {
        await using var connection = CreateConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var values = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            values.Add(reader.IsDBNull(column) ? "" : Convert.ToString(reader.GetValue(column), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        return values;
    }

    public async Task<string> ScalarAsync(string sql) => (await QueryColumnAsync(sql)).FirstOrDefault() ?? "";

    /// <summary>Version and the settings that decide durability, read from the database itself.</summary>
    public async Task<Dictionary<string, string>> DescribeAsync()
    {
        var facts = new Dictionary<string, string>(StringComparer.Ordinal);
        if (IsPostgres)
        {
            facts["version"] = await ScalarAsync("SHOW server_version");
            foreach (var setting in new[] { "fsync", "synchronous_commit", "full_page_writes", "wal_sync_method", "shared_buffers", "max_connections" })
                facts[setting] = await ScalarAsync($"SHOW {setting}");
        }
        else
        {
            facts["version"] = await ScalarAsync("SELECT sqlite_version()");
            facts["journal_mode"] = await ScalarAsync("PRAGMA journal_mode");
            var synchronous = await ScalarAsync("PRAGMA synchronous");
            facts["synchronous"] = synchronous switch { "0" => "OFF (0)", "1" => "NORMAL (1)", "2" => "FULL (2)", "3" => "EXTRA (3)", _ => synchronous };
        }
        return facts;
    }

    public async ValueTask DisposeAsync()
    {
        if (IsPostgres)
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(Settings.ProviderConnectionString));
            await ExecuteAsync(_adminConnectionString!, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
            return;
        }
        SqliteConnection.ClearPool(new SqliteConnection(Settings.ProviderConnectionString));
        foreach (var path in new[] { _file!, _file + "-wal", _file + "-shm" })
            File.Delete(path);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
