using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Runtime.Persistence;

/// <summary>Brings the database to the current schema when a host starts.</summary>
public static class DatabaseMigrationExtensions
{
    /// <summary>
    /// Applies every pending migration (creating the database if the provider can), so a node never serves
    /// on an old schema. Failures come back as one exception whose message is fit for an operator.
    /// </summary>
    /// <exception cref="DatabaseConfigurationException">The settings are invalid.</exception>
    /// <exception cref="DatabaseStartupException">The database cannot be reached or migrated.</exception>
    public static async Task MigrateG2GDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var settings = scope.ServiceProvider.GetRequiredService<DatabaseSettings>();
        var options = new DbContextOptionsBuilder<G2GDbContext>(
                scope.ServiceProvider.GetRequiredService<DbContextOptions<G2GDbContext>>())
            // The caller reports a failure once, as one line; EF's own error events would print it again
            // with a stack trace, so during this step they are demoted to Debug.
            .ConfigureWarnings(w => w.Log(
                (RelationalEventId.ConnectionError, LogLevel.Debug),
                (RelationalEventId.CommandError, LogLevel.Debug),
                (RelationalEventId.TransactionError, LogLevel.Debug)))
            .Options;

        try
        {
            settings.EnsureStorageFolderExists();
            await using var context = new G2GDbContext(options);
            var pending = await context.Database.GetPendingMigrationsAsync(cancellationToken).ConfigureAwait(false);
            if (pending.Contains(Migrations.DropHistory.Id))
            {
                // The old audit and history rows are carried into the event logs between the two migrations.
                await context.GetService<IMigrator>().MigrateAsync(Migrations.EventLog.Id, cancellationToken).ConfigureAwait(false);
                await EventLogConversion.RunAsync(context, scope.ServiceProvider.GetRequiredService<Audit.EventLogKeys>(),
                    scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(EventLogConversion)), cancellationToken).ConfigureAwait(false);
            }
            await context.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
            if (settings.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging: readers (inbox queries) no longer wait for writers. Persistent in the file.
                await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or ArgumentException or IOException
            or UnauthorizedAccessException or TimeoutException)
        {
            throw new DatabaseStartupException(
                $"Cannot open or migrate the {settings.Provider} database given by '{DatabaseSettings.ProviderKey}' " +
                $"and '{DatabaseSettings.ConnectionStringKey}': {Innermost(ex).Message}",
                ex);
        }
    }

    private static Exception Innermost(Exception ex)
    {
        while (ex.InnerException is not null)
        {
            ex = ex.InnerException;
        }

        return ex;
    }
}
