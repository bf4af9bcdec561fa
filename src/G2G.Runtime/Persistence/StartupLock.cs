using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace G2G.Runtime.Persistence;

/// <summary>
/// Lets nodes that start together on one PostgreSQL database take turns through their start-up (migrations, calendar,
/// deployment of the workflows folder, demo seed): a session-level advisory lock on a connection of its own, held until
/// disposed. Without it two nodes starting on an empty database both create the tables and one fails (42P07, relation
/// already exists). The second node waits, then finds the database migrated and the procedures deployed. On SQLite, a
/// single-node store, nothing is locked.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    /// <summary>The advisory lock's key, the same on every node and version ("G2Gstart" in ASCII).</summary>
    public const long Key = 0x4732_4773_7461_7274;

    private readonly NpgsqlConnection? _connection;

    private StartupLock(NpgsqlConnection? connection) => _connection = connection;

    /// <summary>
    /// Waits for the lock (PostgreSQL) and holds it; creates the database first when it does not exist yet, as a
    /// migration would, tolerating another node creating it at the same moment.
    /// </summary>
    /// <exception cref="DatabaseStartupException">The database cannot be reached or created.</exception>
    public static async Task<StartupLock> AcquireAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var settings = services.GetRequiredService<DatabaseSettings>();
        if (settings.Provider != DatabaseProvider.Postgres)
            return new StartupLock(null);
        try
        {
            await using (var scope = services.CreateAsyncScope())
            {
                var creator = scope.ServiceProvider.GetRequiredService<G2GDbContext>().GetService<IRelationalDatabaseCreator>();
                if (!await creator.ExistsAsync(cancellationToken).ConfigureAwait(false))
                {
                    try
                    {
                        await creator.CreateAsync(cancellationToken).ConfigureAwait(false);
                    }
                    catch (PostgresException exists) when (exists.SqlState == PostgresErrorCodes.DuplicateDatabase)
                    {
                        // another node created it first
                    }
                }
            }
            // Not pooled: the lock belongs to this session, which ends when the lock is let go.
            var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(settings.ConnectionString) { Pooling = false }.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            // As long as the node ahead needs (a long migration, the demo seed on a busy machine): no command timeout.
            await using var command = new NpgsqlCommand("SELECT pg_advisory_lock(@key)", connection) { CommandTimeout = 0 };
            command.Parameters.AddWithValue("key", Key);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new StartupLock(connection);
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException)
        {
            throw new DatabaseStartupException(
                $"Cannot open the {settings.Provider} database given by '{DatabaseSettings.ProviderKey}' and '{DatabaseSettings.ConnectionStringKey}' " +
                $"to take the start-up lock: {ex.GetBaseException().Message}", ex);
        }
    }

    /// <summary>Lets the next node in: closing the session releases its advisory lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
            await _connection.DisposeAsync().ConfigureAwait(false);
    }
}
