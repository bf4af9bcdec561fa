using G2G.Engine.Execution;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// Fast set-up for the 10,000-timer tests (PostgreSQL only): copies the rows of one instance that
/// <c>InstanceService.StartAsync</c> really started — instance, jobs, event subscriptions and its event log — as new instances
/// with their own id, business key and title, with one <c>INSERT … SELECT</c> per table on the server. The engine
/// state holds only instance-local ids, so a copy is a genuine instance in the same state. Its event log is signed again
/// record by record with <see cref="AuditLog.ComputeHash(InstanceEventRecord, string, byte[])"/> and <paramref name="keys"/>,
/// so <see cref="AuditVerifier"/> checks the copies like any other log. Column lists come from the EF model, so a new column is copied too. A template with rows of any other
/// kind (tasks, notifications, incidents) is refused, since those are not copied.
/// </summary>
internal static class InstanceCloner
{
    /// <summary>
    /// Creates <paramref name="count"/> copies of <paramref name="templateId"/>; returns their ids in order. Copy n is
    /// started (n + 1) × <paramref name="spacing"/> after the template: every time in its rows and in its engine state
    /// (timer due and armed times) is that much later, as if it had been started then.
    /// </summary>
    public static async Task<long[]> CloneAsync(Func<G2GDbContext> createContext, long templateId, int count, Func<int, (string BusinessKey, string Title)> name,
        TimeSpan spacing = default, EventLogKeys? keys = null)
    {
        await using var db = createContext();
        var template = await db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == templateId);
        keys ??= TestEventLogKeys.Ring;
        var log = await db.Set<InstanceEventRecord>().AsNoTracking().Where(a => a.InstanceId == templateId).OrderBy(a => a.Seq).ToListAsync();
        var others = await db.Set<TaskRecord>().CountAsync(t => t.InstanceId == templateId)
            + await db.Set<OutboxRecord>().CountAsync(o => o.InstanceId == templateId)
            + await db.Set<IncidentRecord>().CountAsync(i => i.InstanceId == templateId)
            + await db.Set<JobRecord>().CountAsync(j => j.InstanceId == templateId && j.LeaseOwner != null);
        if (others > 0 || log.Count != template.EventSeq)
            throw new InvalidOperationException($"Instance {templateId} cannot be cloned: only instances with unleased jobs, subscriptions and events are supported.");

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        // Ids come from the identity sequence, so the event logs (whose hashes cover the id) are computed before any insert.
        var ids = new long[count];
        await using (var next = new NpgsqlCommand("SELECT nextval(pg_get_serial_sequence('process_instances', 'id')) FROM generate_series(1, @count)", connection, transaction))
        {
            next.Parameters.AddWithValue("count", count);
            await using var reader = await next.ExecuteReaderAsync();
            for (var n = 0; await reader.ReadAsync(); n++)
                ids[n] = reader.GetInt64(0);
        }

        var names = Enumerable.Range(0, count).Select(name).ToArray();
        var shifts = Enumerable.Range(1, count).Select(n => spacing * n).ToArray();
        var state = ProcessStateJson.Deserialize(template.State);
        var states = shifts.Select(shift => shift == TimeSpan.Zero ? template.State : ProcessStateJson.Serialize(state with
        {
            Subscriptions = [.. state.Subscriptions.Select(s => s with { DueAt = s.DueAt + shift, ArmedAt = s.ArmedAt + shift })],
        })).ToArray();
        var heads = new string[count];
        var chain = new List<(long InstanceId, long Seq, TimeSpan Shift, string? Comment, string? Data, string Hash)>(count * log.Count);
        for (var n = 0; n < count; n++)
        {
            var previous = AuditLog.GenesisHash;
            foreach (var record in log)
            {
                var copy = AuditLog.Record(ids[n], new AuditEntry(record.Actor, record.Kind, TaskId: record.TaskId, ElementId: record.ElementId, Outcome: record.Outcome,
                    Comment: record.Comment == template.Title ? names[n].Title : record.Comment,
                    Data: record.Data == template.BusinessKey ? names[n].BusinessKey : record.Data,
                    OnBehalfOf: record.OnBehalfOf, ElementKind: record.ElementKind, TokenId: record.TokenId), record.OccurredAt + shifts[n]);
                copy.Seq = record.Seq;
                copy.KeyId = record.KeyId;
                copy.Hash = AuditLog.ComputeHash(copy, previous, keys.Find(record.KeyId)!);
                chain.Add((ids[n], copy.Seq, shifts[n], copy.Comment, copy.Data, copy.Hash));
                previous = copy.Hash;
            }
            heads[n] = previous;
        }

        var model = db.Model;
        await ExecuteAsync(connection, transaction,
            Copy(model, typeof(ProcessInstanceRecord), "unnest(@ids, @shifts, @keys, @titles, @states, @heads) AS c(id, shift, business_key, title, state, event_head)", "t.id = @template",
                new() { ["id"] = "c.id", ["business_key"] = "c.business_key", ["title"] = "c.title", ["state"] = "c.state", ["event_head"] = "c.event_head" }),
            ("ids", ids), ("shifts", shifts), ("keys", names.Select(x => x.BusinessKey).ToArray()), ("titles", names.Select(x => x.Title).ToArray()),
            ("states", states), ("heads", heads), ("template", templateId));
        foreach (var rows in new[] { typeof(JobRecord), typeof(EventSubscriptionRecord) })
        {
            await ExecuteAsync(connection, transaction,
                Copy(model, rows, "unnest(@ids, @shifts) AS c(id, shift)", "t.instance_id = @template", new() { ["id"] = null, ["instance_id"] = "c.id" }),
                ("ids", ids), ("shifts", shifts), ("template", templateId));
        }
        await ExecuteAsync(connection, transaction,
            Copy(model, typeof(InstanceEventRecord), "unnest(@instances, @seqs, @shifts, @comments, @datas, @hashes) AS c(instance_id, seq, shift, comment, data, hash)",
                "t.instance_id = @template AND t.seq = c.seq",
                new() { ["instance_id"] = "c.instance_id", ["comment"] = "c.comment", ["data"] = "c.data", ["hash"] = "c.hash" }),
            ("instances", chain.Select(c => c.InstanceId).ToArray()), ("seqs", chain.Select(c => c.Seq).ToArray()), ("shifts", chain.Select(c => c.Shift).ToArray()),
            ("comments", chain.Select(c => c.Comment).ToArray()), ("datas", chain.Select(c => c.Data).ToArray()),
            ("hashes", chain.Select(c => c.Hash).ToArray()), ("template", templateId));
        await transaction.CommitAsync();
        return ids;
    }

    /// <summary>
    /// <c>INSERT INTO table (columns) SELECT … FROM table t, source WHERE filter</c>: every mapped column is copied from
    /// the template row <c>t</c> unless <paramref name="replace"/> gives an expression for it (null: leave it to its
    /// default); times are moved by the source's <c>c.shift</c>.
    /// </summary>
    private static string Copy(IModel model, Type entity, string source, string filter, Dictionary<string, string?> replace)
    {
        var type = model.FindEntityType(entity)!;
        var table = type.GetTableName()!;
        var identifier = StoreObjectIdentifier.Table(table, type.GetSchema());
        var properties = type.GetProperties().Where(p => !replace.TryGetValue(p.GetColumnName(identifier)!, out var by) || by is not null).ToList();
        var columns = properties.Select(p => p.GetColumnName(identifier)!).ToList();
        var values = properties.Select(p =>
        {
            var column = p.GetColumnName(identifier)!;
            if (replace.TryGetValue(column, out var by))
                return by!;
            return (Nullable.GetUnderlyingType(p.ClrType) ?? p.ClrType) == typeof(DateTimeOffset) ? $"t.{column} + c.shift" : $"t.{column}";
        });
        return $"INSERT INTO {table} ({string.Join(", ", columns)}) SELECT {string.Join(", ", values)} FROM {table} t, {source} WHERE {filter}";
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var (parameterName, value) in parameters)
            command.Parameters.AddWithValue(parameterName, value);
        try
        {
            await command.ExecuteNonQueryAsync();
        }
        catch (PostgresException failure)
        {
            throw new InvalidOperationException($"Copying the template rows failed: {failure.MessageText}\n{sql}", failure);
        }
    }
}
