using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace G2G.Runtime.Persistence;

/// <summary>
/// Empties SQLite's connection pool when a command fails because the file cannot be written or opened (read-only,
/// I/O error, cannot open). A connection that SQLite opened while the disk was read-only stays read-only for its life,
/// and the pool would hand it out again after the disk is writable; without this the node answered 503 until it was
/// restarted. The next command opens a fresh connection (docs/reliability.md, "Faults").
/// </summary>
internal sealed class SqliteOutageReset : DbCommandInterceptor
{
    public static readonly SqliteOutageReset Instance = new();

    private SqliteOutageReset()
    {
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Reset(command, eventData.Exception);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Reset(command, eventData.Exception);
        return Task.CompletedTask;
    }

    private static void Reset(DbCommand command, Exception failure)
    {
        // SQLITE_READONLY, SQLITE_IOERR, SQLITE_CANTOPEN: the file, not the statement.
        if (failure is SqliteException { SqliteErrorCode: 8 or 10 or 14 } && command.Connection is SqliteConnection connection)
            SqliteConnection.ClearPool(connection);
    }
}
