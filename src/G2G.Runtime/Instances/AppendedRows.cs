using System.Globalization;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;

namespace G2G.Runtime.Instances;

/// <summary>
/// The rows a command only appends and never reads back: its history steps, outbox notifications, jobs and
/// its audit record; and the deletion of the jobs of the tasks it closed.
/// They go into the command's <see cref="WriteBatch"/> after its tracked changes, one multi-row INSERT per table,
/// instead of as tracked entities: EF Core's change tracking and generated-key read-back cost more per row than
/// the insert itself, and a step writes three or four history rows (docs/benchmarks.md, Runtime). The instance's
/// version check comes first in the batch, so on a lost race none of them is kept.
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

    public bool IsEmpty => _history.Count + _outbox.Count + _jobs.Count + _audit.Count + _closedTasks.Count == 0;

    /// <summary>Adds the collected rows to the command's batch: the job deletions, then one INSERT per table.</summary>
    public void AddTo(WriteBatch batch)
    {
        var postgres = batch.IsPostgres;
        foreach (var closed in _closedTasks.GroupBy(c => c.InstanceId))
        {
            batch.Sql("DELETE FROM jobs WHERE kind IN ('").Sql(string.Join("', '", TaskJobKinds)).Sql("') AND instance_id = ").Sql(batch.Value(closed.Key))
                .Sql(" AND target_id IN (").Sql(string.Join(", ", closed.Select(c => batch.Value(c.EngineTaskId)))).Sql(")");
            batch.End();
        }
        Insert(batch, "history", ["instance_id", "element_id", "element_kind", "phase", "token_id", "occurred_at"], _history,
            h => [h.InstanceId, h.ElementId, h.ElementKind, h.Phase, h.TokenId, Instant(h.OccurredAt, postgres)]);
        Insert(batch, "outbox", ["notification_id", "kind", "recipient", "subject", "body", "instance_id", "task_id", "created_at", "attempts"], _outbox,
            o => [o.NotificationId, o.Kind, o.Recipient, o.Subject, o.Body, o.InstanceId, o.TaskId, Instant(o.CreatedAt, postgres), o.Attempts]);
        Insert(batch, "jobs", ["kind", "instance_id", "target_id", "payload", "due_at", "state", "attempts", "created_at"], _jobs,
            j => [j.Kind, j.InstanceId, j.TargetId, j.Payload, Instant(j.DueAt, postgres), j.State, j.Attempts, Instant(j.CreatedAt, postgres)]);
        Insert(batch, "audit_log", ["chain", "seq", "occurred_at", "actor", "action", "instance_id", "task_id", "element_id", "outcome", "comment", "data", "prev_hash", "hash"], _audit,
            a => [a.Chain, a.Seq, Instant(a.OccurredAt, postgres), a.Actor, a.Action, a.InstanceId, a.TaskId, a.ElementId, a.Outcome, a.Comment, a.Data, a.PrevHash, a.Hash]);
    }

    /// <summary>The jobs that belong to an open task and go when it closes.</summary>
    private static readonly string[] TaskJobKinds = [JobKinds.Reminder, JobKinds.Overdue, JobKinds.Escalation];

    /// <summary>Adds one INSERT with a VALUES row per record, if there are any.</summary>
    private static void Insert<T>(WriteBatch batch, string table, string[] columns, List<T> rows, Func<T, object?[]> row)
    {
        if (rows.Count == 0)
            return;
        batch.Sql("INSERT INTO ").Sql(table).Sql(" (").Sql(string.Join(", ", columns)).Sql(") VALUES ")
            .Sql(string.Join(", ", rows.Select(r => "(" + string.Join(", ", row(r).Select(v => batch.Value(v))) + ")")));
        batch.End();
    }

    /// <summary>An instant as the model stores it: PostgreSQL timestamptz (UTC), SQLite fixed-width UTC text (<see cref="UtcIsoStringConverter"/>).</summary>
    private static object Instant(DateTimeOffset at, bool postgres) =>
        postgres ? at.ToUniversalTime() : at.UtcDateTime.ToString(UtcIsoStringConverter.Format, CultureInfo.InvariantCulture);
}
