using System.Data.Common;
using System.Globalization;

namespace G2G.Runtime.Benchmarks;

/// <summary>
/// Raw ADO.NET commands for the baselines: created per transaction and not prepared, as EF Core does;
/// instants as the runtime stores them (PostgreSQL <c>timestamptz</c>; SQLite fixed-width UTC text).
/// </summary>
internal static class RawSql
{
    /// <summary>Runs one transaction after another until told to stop (checked before each); returns how many committed.</summary>
    public static async Task<long> RepeatAsync(Func<Task> transaction, Func<bool> running, List<double>? latencies)
    {
        long transactions = 0;
        while (running())
        {
            var began = System.Diagnostics.Stopwatch.GetTimestamp();
            await transaction();
            latencies?.Add(System.Diagnostics.Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            transactions++;
        }
        return transactions;
    }

    public static DbCommand Command(DbConnection connection, DbTransaction transaction, string sql, bool postgres, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = Value(value, postgres);
            command.Parameters.Add(parameter);
        }
        return command;
    }

    /// <summary>A parameter's value as the runtime stores it: null as DBNull, SQLite instants as fixed-width UTC text.</summary>
    public static object Value(object? value, bool postgres) => value switch
    {
        null => DBNull.Value,
        DateTime at when !postgres => at.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        _ => value,
    };

    public static async Task<int> ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, bool postgres, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, postgres, parameters);
        return await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> ScalarAsync(DbConnection connection, DbTransaction transaction, string sql, bool postgres, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(connection, transaction, sql, postgres, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
