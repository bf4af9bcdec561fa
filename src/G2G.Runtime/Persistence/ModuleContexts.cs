using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace G2G.Runtime.Persistence;

/// <summary>
/// The contexts of business modules beside the runtime (office, documents): each has its own tables and migrations
/// history in the runtime's database, and its service task handlers write on the runtime command's own connection and
/// transaction, so what they write commits or rolls back with the step.
/// </summary>
public static class ModuleContexts
{
    /// <summary>Options on the database the settings name, with the module's own migrations history table.</summary>
    public static void Configure(DbContextOptionsBuilder options, DatabaseSettings settings, string historyTable)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(settings);
        _ = settings.Provider == DatabaseProvider.Postgres
            ? options.UseNpgsql(settings.ProviderConnectionString, o => o.MigrationsHistoryTable(historyTable))
            : options.UseSqlite(settings.ProviderConnectionString, o => o.MigrationsHistoryTable(historyTable)).AddInterceptors(SqliteOutageReset.Instance);
    }

    /// <summary>A module context on the runtime command's connection (<paramref name="create"/> makes it), enlisted in its transaction.</summary>
    public static TContext Joining<TContext>(G2GDbContext db, Func<DbContextOptions<TContext>, TContext> create)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(create);
        var connection = db.Database.GetDbConnection();
        var options = new DbContextOptionsBuilder<TContext>();
        _ = db.Database.IsNpgsql() ? options.UseNpgsql(connection) : options.UseSqlite(connection);
        var module = create(options.Options);
        if (db.Database.CurrentTransaction is { } transaction)
            module.Database.UseTransaction(transaction.GetDbTransaction());
        return module;
    }
}
