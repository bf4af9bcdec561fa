using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace G2G.Benchmarks.Data;

/// <summary>
/// Rows into one table as fast as each provider allows: binary COPY on PostgreSQL, one transaction with one
/// prepared insert on SQLite. Values are strings, numbers, booleans, UTC <see cref="DateTime"/>s or null.
/// </summary>
internal static class BulkLoader
{
    public static async Task LoadAsync(BenchDatabase database, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        if (database.IsPostgres)
            await CopyAsync(database, table, columns, rows);
        else
            await InsertAsync(database, table, columns, rows);
    }

    private static async Task CopyAsync(BenchDatabase database, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        await using var connection = (NpgsqlConnection)database.CreateConnection();
        await connection.OpenAsync();
        await using var writer = await connection.BeginBinaryImportAsync($"COPY {table} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)");
        foreach (var row in rows)
        {
            await writer.StartRowAsync();
            foreach (var value in row)
            {
                await (value switch
                {
                    null => writer.WriteNullAsync(),
                    string text => writer.WriteAsync(text, NpgsqlDbType.Varchar),
                    long number => writer.WriteAsync(number, NpgsqlDbType.Bigint),
                    int number => writer.WriteAsync(number, NpgsqlDbType.Integer),
                    bool flag => writer.WriteAsync(flag, NpgsqlDbType.Boolean),
                    DateTime at => writer.WriteAsync(at, NpgsqlDbType.TimestampTz),
                    _ => throw new ArgumentException($"No COPY type for {value.GetType().Name} in {table}."),
                });
            }
        }
        await writer.CompleteAsync();
    }

    private static async Task InsertAsync(BenchDatabase database, string table, IReadOnlyList<string> columns, IEnumerable<object?[]> rows)
    {
        await using var connection = (SqliteConnection)database.CreateConnection();
        await connection.OpenAsync();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
            var parameters = columns.Select(c => insert.Parameters.Add(new SqliteParameter { ParameterName = "@" + c })).ToArray();
            insert.Prepare();
            foreach (var row in rows)
            {
                for (var i = 0; i < parameters.Length; i++)
                    parameters[i].Value = row[i] switch { null => DBNull.Value, DateTime at => Text(at), var value => value };
                await insert.ExecuteNonQueryAsync();
            }
        }
        await transaction.CommitAsync();
    }

    /// <summary>The runtime's SQLite form of an instant (UtcIsoStringConverter): fixed-width UTC text that sorts as time.</summary>
    private static string Text(DateTime at) => at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
