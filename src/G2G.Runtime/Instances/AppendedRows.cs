using System.Data.Common;
using System.Globalization;
using System.Text;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace G2G.Runtime.Instances;

/// <summary>
/// The rows a command only appends and never reads back: its history steps and its outbox notifications.
/// They are written after the tracked changes, in the same transaction, with one multi-row INSERT per table
/// (on PostgreSQL both in one batch, one round trip), instead of as tracked entities: EF Core's change
/// tracking, command building and generated-key read-back cost more per row than the insert itself, and a
/// step writes three or four history rows (docs/benchmarks.md, Runtime). Written after SaveChanges, so a lost
/// race (the instance's version check) fails before any of them is sent.
/// </summary>
internal sealed class AppendedRows
{
    private readonly List<HistoryRecord> _history = [];
    private readonly List<OutboxRecord> _outbox = [];

    public void Add(HistoryRecord step) => _history.Add(step);

    public void Add(OutboxRecord notification) => _outbox.Add(notification);

    /// <summary>Forgets what a failed attempt collected.</summary>
    public void Clear()
    {
        _history.Clear();
        _outbox.Clear();
    }

    /// <summary>Writes the collected rows on the context's connection, inside its current transaction, and forgets them.</summary>
    public async Task WriteAsync(G2GDbContext db, CancellationToken cancellationToken)
    {
        if (_history.Count == 0 && _outbox.Count == 0)
            return;
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Appended rows are written inside the command's transaction.");
        var postgres = db.Database.IsNpgsql();
        var statements = new List<(string Sql, List<object?> Values)>(2);
        if (_history.Count > 0)
        {
            statements.Add(Insert("history", ["instance_id", "element_id", "element_kind", "phase", "token_id", "occurred_at"], _history,
                h => [h.InstanceId, h.ElementId, h.ElementKind, h.Phase, h.TokenId, Instant(h.OccurredAt, postgres)]));
        }
        if (_outbox.Count > 0)
        {
            statements.Add(Insert("outbox", ["notification_id", "kind", "recipient", "subject", "body", "instance_id", "task_id", "created_at", "attempts"], _outbox,
                o => [o.NotificationId, o.Kind, o.Recipient, o.Subject, o.Body, o.InstanceId, o.TaskId, Instant(o.CreatedAt, postgres), o.Attempts]));
        }
        if (postgres && connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var (sql, values) in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = sql;
                foreach (var value in values)
                    command.Parameters.Add(Parameter(command.CreateParameter(), command.Parameters.Count, value));
                batch.BatchCommands.Add(command);
            }
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            foreach (var (sql, values) in statements)
            {
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                foreach (var value in values)
                    command.Parameters.Add(Parameter(command.CreateParameter(), command.Parameters.Count, value));
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        Clear();
    }

    /// <summary>One INSERT with a VALUES row per record; parameters are numbered @p0, @p1, … in row order.</summary>
    private static (string Sql, List<object?> Values) Insert<T>(string table, string[] columns, List<T> rows, Func<T, object?[]> values)
    {
        var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
        var all = new List<object?>(rows.Count * columns.Length);
        for (var r = 0; r < rows.Count; r++)
        {
            sql.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < columns.Length; c++)
                sql.Append(c == 0 ? "" : ", ").Append("@p").Append((all.Count + c).ToString(CultureInfo.InvariantCulture));
            sql.Append(')');
            all.AddRange(values(rows[r]));
        }
        return (sql.ToString(), all);
    }

    private static DbParameter Parameter(DbParameter parameter, int index, object? value)
    {
        parameter.ParameterName = "@p" + index.ToString(CultureInfo.InvariantCulture);
        parameter.Value = value ?? DBNull.Value;
        return parameter;
    }

    /// <summary>An instant as the model stores it: PostgreSQL timestamptz (UTC), SQLite fixed-width UTC text (<see cref="UtcIsoStringConverter"/>).</summary>
    private static object Instant(DateTimeOffset at, bool postgres) =>
        postgres ? at.ToUniversalTime() : at.UtcDateTime.ToString(UtcIsoStringConverter.Format, CultureInfo.InvariantCulture);
}
