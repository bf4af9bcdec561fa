using System.Globalization;
using System.Text;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

/// <summary>
/// The rows a command only appends and never reads back: its history steps, outbox notifications, jobs and
/// its audit record; and the deletion of the jobs of the tasks it closed.
/// They are written after the tracked changes, in the same transaction, with one multi-row INSERT per table
/// in one command (one round trip on PostgreSQL), instead of as tracked entities: EF Core's change
/// tracking, command building and generated-key read-back cost more per row than the insert itself, and a
/// step writes three or four history rows (docs/benchmarks.md, Runtime). Written after SaveChanges, so a lost
/// race (the instance's version check) fails before any of them is sent.
/// </summary>
internal sealed class AppendedRows
{
    private readonly List<HistoryRecord> _history = [];
    private readonly List<OutboxRecord> _outbox = [];
    private readonly List<JobRecord> _jobs = [];
    private readonly List<AuditRecord> _audit = [];
    private readonly List<(long InstanceId, long EngineTaskId)> _closedTasks = [];

    public void Add(HistoryRecord step) => _history.Add(step);

    public void Add(OutboxRecord notification) => _outbox.Add(notification);

    public void Add(JobRecord job) => _jobs.Add(job);

    public void Add(AuditRecord record) => _audit.Add(record);

    /// <summary>Deletes the reminder, overdue and escalation jobs of tasks the command closed (before the inserts).</summary>
    public void DeleteTaskJobs(long instanceId, IEnumerable<long> engineTaskIds) =>
        _closedTasks.AddRange(engineTaskIds.Select(id => (instanceId, id)));

    /// <summary>Forgets what a failed attempt collected.</summary>
    public void Clear()
    {
        _history.Clear();
        _outbox.Clear();
        _jobs.Clear();
        _audit.Clear();
        _closedTasks.Clear();
    }

    /// <summary>Writes the collected rows inside the context's current transaction, in one command, and forgets them.</summary>
    public async Task WriteAsync(G2GDbContext db, CancellationToken cancellationToken)
    {
        if (_history.Count + _outbox.Count + _jobs.Count + _audit.Count + _closedTasks.Count == 0)
            return;
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Appended rows are written inside the command's transaction.");
        var postgres = db.Database.IsNpgsql();
        var sql = new StringBuilder();
        var values = new List<object?>();
        foreach (var closed in _closedTasks.GroupBy(c => c.InstanceId))
        {
            sql.Append("DELETE FROM jobs WHERE kind IN ('").AppendJoin("', '", TaskJobKinds).Append("') AND instance_id = ").Append(Placeholder(values, closed.Key))
                .Append(" AND target_id IN (").AppendJoin(", ", closed.Select(c => Placeholder(values, c.EngineTaskId))).Append(");\n");
        }
        if (_history.Count > 0)
        {
            Insert(sql, values, "history", ["instance_id", "element_id", "element_kind", "phase", "token_id", "occurred_at"], _history,
                h => [h.InstanceId, h.ElementId, h.ElementKind, h.Phase, h.TokenId, Instant(h.OccurredAt, postgres)]);
        }
        if (_outbox.Count > 0)
        {
            Insert(sql, values, "outbox", ["notification_id", "kind", "recipient", "subject", "body", "instance_id", "task_id", "created_at", "attempts"], _outbox,
                o => [o.NotificationId, o.Kind, o.Recipient, o.Subject, o.Body, o.InstanceId, o.TaskId, Instant(o.CreatedAt, postgres), o.Attempts]);
        }
        if (_jobs.Count > 0)
        {
            Insert(sql, values, "jobs", ["kind", "instance_id", "target_id", "payload", "due_at", "state", "attempts", "created_at"], _jobs,
                j => [j.Kind, j.InstanceId, j.TargetId, j.Payload, Instant(j.DueAt, postgres), j.State, j.Attempts, Instant(j.CreatedAt, postgres)]);
        }
        if (_audit.Count > 0)
        {
            Insert(sql, values, "audit_log", ["chain", "seq", "occurred_at", "actor", "action", "instance_id", "task_id", "element_id", "outcome", "comment", "data", "prev_hash", "hash"], _audit,
                a => [a.Chain, a.Seq, Instant(a.OccurredAt, postgres), a.Actor, a.Action, a.InstanceId, a.TaskId, a.ElementId, a.Outcome, a.Comment, a.Data, a.PrevHash, a.Hash]);
        }
        // Up to five statements in one command: one round trip on PostgreSQL, run one after the other by SQLite.
        await db.Database.ExecuteSqlRawAsync(sql.ToString(), values!, cancellationToken).ConfigureAwait(false);
        Clear();
    }

    /// <summary>The jobs that belong to an open task and go when it closes.</summary>
    private static readonly string[] TaskJobKinds = [JobKinds.Reminder, JobKinds.Overdue, JobKinds.Escalation];

    /// <summary>Adds a value and returns its placeholder ({n}, numbered in the order of the values).</summary>
    private static string Placeholder(List<object?> values, object? value)
    {
        values.Add(value);
        return "{" + (values.Count - 1).ToString(CultureInfo.InvariantCulture) + "}";
    }

    /// <summary>Appends one INSERT with a VALUES row per record.</summary>
    private static void Insert<T>(StringBuilder sql, List<object?> values, string table, string[] columns, List<T> rows, Func<T, object?[]> row)
    {
        sql.Append("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ")
            .AppendJoin(", ", rows.Select(r => "(" + string.Join(", ", row(r).Select(v => Placeholder(values, v))) + ")")).Append(";\n");
    }

    /// <summary>An instant as the model stores it: PostgreSQL timestamptz (UTC), SQLite fixed-width UTC text (<see cref="UtcIsoStringConverter"/>).</summary>
    private static object Instant(DateTimeOffset at, bool postgres) =>
        postgres ? at.ToUniversalTime() : at.UtcDateTime.ToString(UtcIsoStringConverter.Format, CultureInfo.InvariantCulture);
}
