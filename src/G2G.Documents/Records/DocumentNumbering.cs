using System.Data.Common;
using System.Globalization;
using G2G.Documents.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace G2G.Documents.Records;

/// <summary>
/// 发文字号 (GB/T 9704-2012 7.2.5): 代字〔年份〕序号号, numbered per agency per year from 1 without gaps. The number is
/// taken from the agency's counter row by one <c>UPDATE … RETURNING</c> inside the transaction of the command that
/// numbers the document: concurrent issuers on any number of nodes queue on the row lock (PostgreSQL) or the write lock
/// (SQLite) and each reads the value the previous one left, and a command that fails rolls its number back with it, so
/// numbers are neither doubled nor skipped. The unique index on (agency, year, number) is the last guard.
/// </summary>
public static class DocumentNumbering
{
    /// <summary>Takes the next number of the agency in the year, in the context's current transaction.</summary>
    public static int Next(DocumentsDbContext documents, string agencyId, int year)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var connection = documents.Database.GetDbConnection();
        var transaction = documents.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("A document is numbered inside the command's transaction.");
        Execute(connection, transaction, false,
            "INSERT INTO doc_number_counters (agency_id, year, last_number) VALUES (@agency, @year, 0) ON CONFLICT (agency_id, year) DO NOTHING",
            agencyId, year);
        var next = Execute(connection, transaction, true,
            "UPDATE doc_number_counters SET last_number = last_number + 1 WHERE agency_id = @agency AND year = @year RETURNING last_number",
            agencyId, year);
        return Convert.ToInt32(next, CultureInfo.InvariantCulture);
    }

    /// <summary>The printed form: 示政〔2027〕3号.</summary>
    public static string Format(string agencyCode, int year, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"{agencyCode}〔{year}〕{number}号");

    private static object? Execute(DbConnection connection, DbTransaction transaction, bool scalar, string sql, string agencyId, int year)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        Parameter(command, "@agency", agencyId);
        Parameter(command, "@year", year);
        return scalar ? command.ExecuteScalar() : command.ExecuteNonQuery();
    }

    private static void Parameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
