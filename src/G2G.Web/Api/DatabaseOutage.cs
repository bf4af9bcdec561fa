using Microsoft.Data.Sqlite;
using Npgsql;

namespace G2G.Web.Api;

/// <summary>
/// Recognises a failure of the database itself, rather than of the request: the server unreachable or restarting,
/// the disk full, the file read-only. The transaction was rolled back, so nothing of the request was written and the
/// client may send it again (503 <c>database-unavailable</c> with Retry-After; docs/reliability.md, "Faults").
/// </summary>
internal static class DatabaseOutage
{
    public enum Kind
    {
        Unreachable,
        Full,
        ReadOnly,
    }

    /// <summary>The kind of outage <paramref name="exception"/> or one of its inner exceptions reports, or null.</summary>
    public static Kind? Of(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SqliteException sqlite:
                    return sqlite.SqliteErrorCode switch
                    {
                        13 => Kind.Full, // SQLITE_FULL
                        8 => Kind.ReadOnly, // SQLITE_READONLY
                        10 or 14 => Kind.Unreachable, // SQLITE_IOERR, SQLITE_CANTOPEN
                        _ => null,
                    };
                case PostgresException postgres:
                    return postgres.SqlState switch
                    {
                        "53100" => Kind.Full, // disk_full
                        "25006" => Kind.ReadOnly, // read_only_sql_transaction (a standby)
                        // connection_exception, insufficient_resources, admin/crash shutdown, cannot_connect_now
                        var state when state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
                            || state.StartsWith("57P0", StringComparison.Ordinal) => Kind.Unreachable,
                        _ => null,
                    };
                case NpgsqlException { IsTransient: true }:
                    return Kind.Unreachable; // the connection broke or could not be opened
            }
        }
        return null;
    }
}
