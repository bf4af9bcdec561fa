using G2G.Web.Api;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// Which database failures the API answers 503 <c>database-unavailable</c> (the database's fault, retryable) and which it
/// leaves to the other handlers: a constraint or a syntax error is the request's or the code's, not an outage.
/// </summary>
public sealed class DatabaseOutageTests
{
    public static TheoryData<string, string?> Failures => new()
    {
        { "sqlite 13 (SQLITE_FULL)", "Full" },
        { "sqlite 8 (SQLITE_READONLY)", "ReadOnly" },
        { "sqlite 10 (SQLITE_IOERR)", "Unreachable" },
        { "sqlite 19 (SQLITE_CONSTRAINT)", null },
        { "postgres 53100 (disk_full)", "Full" },
        { "postgres 25006 (read_only_sql_transaction)", "ReadOnly" },
        { "postgres 57P01 (admin_shutdown)", "Unreachable" },
        { "postgres 08006 (connection_failure)", "Unreachable" },
        { "postgres 23505 (unique_violation)", null },
        { "postgres 42601 (syntax_error)", null },
        { "npgsql broken connection", "Unreachable" },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void AFailureOfTheDatabase_IsAnOutageOfItsKind_EvenInsideEFsException(string failure, string? expected)
    {
        var parts = failure.Split(' ');
        Exception inner = parts[0] switch
        {
            "sqlite" => new SqliteException("failed", int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture)),
            "postgres" => new PostgresException("failed", "FATAL", "FATAL", parts[1]),
            _ => new NpgsqlException("Exception while reading from stream", new EndOfStreamException()),
        };
        Assert.Equal(expected, DatabaseOutage.Of(inner)?.ToString());
        Assert.Equal(expected, DatabaseOutage.Of(new DbUpdateException("An error occurred while saving the entity changes.", inner))?.ToString());
    }
}
