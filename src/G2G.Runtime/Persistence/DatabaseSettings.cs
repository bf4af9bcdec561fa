using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace G2G.Runtime.Persistence;

/// <summary>
/// Which database to use and how to reach it, read from configuration. This is the one place that knows the
/// providers: adding one (SQL Server, say) is a package, an enum value and a case here.
/// </summary>
public sealed class DatabaseSettings
{
    /// <summary>Configuration key of the provider: <c>Sqlite</c> (default) or <c>Postgres</c>, any case.</summary>
    public const string ProviderKey = "Database:Provider";

    /// <summary>Configuration key of the connection string; empty means the default SQLite file.</summary>
    public const string ConnectionStringKey = "ConnectionStrings:G2G";

    /// <summary>Creates settings for a provider and a complete connection string.</summary>
    public DatabaseSettings(DatabaseProvider provider, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Provider = provider;
        ConnectionString = connectionString;
    }

    /// <summary>The database engine.</summary>
    public DatabaseProvider Provider { get; }

    /// <summary>The connection string as configured (may hold a password: never log it).</summary>
    public string ConnectionString { get; }

    /// <summary>Statements Npgsql keeps prepared per connection when the connection string does not say (<c>Max Auto Prepare</c>).</summary>
    public const int DefaultMaxAutoPrepare = 50;

    /// <summary>Executions of a statement after which Npgsql prepares it, when the connection string does not say (<c>Auto Prepare Min Usages</c>).</summary>
    public const int DefaultAutoPrepareMinUsages = 2;

    /// <summary>
    /// The connection string handed to the provider: <see cref="ConnectionString"/>, on PostgreSQL with two Npgsql defaults
    /// for whatever the string does not set itself. Automatic preparation (<see cref="DefaultMaxAutoPrepare"/>,
    /// <see cref="DefaultAutoPrepareMinUsages"/>; <c>Max Auto Prepare=0</c> turns it off, e.g. behind a pooler that cannot
    /// keep prepared statements): the runtime's few statements are parsed and planned once per connection instead of on
    /// every command. <c>No Reset On Close=true</c>: a pooled connection is not reset when it goes back to the pool, since
    /// the runtime leaves no session state on one (no <c>SET</c>, temporary table, <c>LISTEN</c> or session lock; the
    /// start-up lock has an unpooled connection of its own, and Npgsql rolls back an open transaction either way). EF opens
    /// and closes the connection around every statement outside a transaction, and the reset Npgsql would send before the
    /// next one is a transaction of its own on the server (docs/operations.md, "PostgreSQL").
    /// </summary>
    public string ProviderConnectionString => _providerConnectionString ??= Provider == DatabaseProvider.Postgres
        ? WithPostgresDefaults(ConnectionString)
        : ConnectionString;

    private string? _providerConnectionString;

    /// <summary>
    /// Reads <see cref="ProviderKey"/> and <see cref="ConnectionStringKey"/>. Without a connection string,
    /// SQLite uses <c>&lt;contentRoot&gt;/App_Data/g2g.db</c>.
    /// </summary>
    /// <exception cref="DatabaseConfigurationException">The provider is unknown, or PostgreSQL has no connection string.</exception>
    public static DatabaseSettings FromConfiguration(IConfiguration configuration, string contentRoot)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = ParseProvider(configuration[ProviderKey]);
        var connectionString = configuration[ConnectionStringKey];
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return new DatabaseSettings(provider, connectionString);
        }

        if (provider == DatabaseProvider.Postgres)
        {
            throw new DatabaseConfigurationException(
                $"Setting '{ConnectionStringKey}' is empty, but '{ProviderKey}' is Postgres, which needs one " +
                "(for example Host=db.example;Database=g2g;Username=g2g;Password=...).");
        }

        var file = Path.Combine(contentRoot, "App_Data", "g2g.db");
        return new DatabaseSettings(provider, new SqliteConnectionStringBuilder { DataSource = file }.ToString());
    }

    /// <summary>Points EF Core options at this database.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _ = Provider switch
        {
            DatabaseProvider.Sqlite => options.UseSqlite(ProviderConnectionString).AddInterceptors(SqliteOutageReset.Instance),
            DatabaseProvider.Postgres => options.UseNpgsql(ProviderConnectionString),
            _ => throw new DatabaseConfigurationException($"Provider {Provider} has no EF Core mapping."),
        };
    }

    /// <summary>Creates the folder of a file-based SQLite database, which SQLite will not do itself.</summary>
    public void EnsureStorageFolderExists()
    {
        if (Provider != DatabaseProvider.Sqlite)
        {
            return;
        }

        var builder = new SqliteConnectionStringBuilder(ConnectionString);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is "" or ":memory:")
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }

    /// <summary>Adds the PostgreSQL defaults to a connection string that does not set them; one that cannot be parsed is left for Npgsql to report.</summary>
    private static string WithPostgresDefaults(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return connectionString;
        }
        // Which keywords the string names, in either spelling, whatever the value.
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        bool Sets(params string[] keywords) => keywords.Any(given.ContainsKey);
        if (!Sets("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = DefaultMaxAutoPrepare;
            if (!Sets("Auto Prepare Min Usages", "AutoPrepareMinUsages"))
                builder.AutoPrepareMinUsages = DefaultAutoPrepareMinUsages;
        }
        if (!Sets("No Reset On Close", "NoResetOnClose"))
            builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <inheritdoc />
    public override string ToString() => $"{ProviderKey}={Provider}";

    private static DatabaseProvider ParseProvider(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Sqlite;
        }

        if (value.Trim().Equals("Postgres", StringComparison.OrdinalIgnoreCase))
        {
            return DatabaseProvider.Postgres;
        }

        throw new DatabaseConfigurationException(
            $"Setting '{ProviderKey}' has the unknown value '{value}'; allowed values are 'Sqlite' (the default) and 'Postgres'.");
    }
}
