using System.Data.Common;
using System.Globalization;

namespace G2G.Runtime.Benchmarks;

/// <summary>
/// The second baseline: the database work of the runtime's commands without the runtime. Raw ADO.NET
/// transactions on the runtime's own tables (migrated, with every production index) that read and write
/// the same rows as the 5-step approval's commands, statement for statement as the round-trip mode
/// records them: a start (instance, task, six events of the instance's log in one insert, outbox row), then five
/// completes (read the task and its instance, update both, five events in one insert, and for steps 1–4 the
/// next task with its candidate and its notification, the due-date jobs deleted and added where the runtime
/// does it). The state column carries a real instance state taken from the runtime's rows. Left out: the
/// benchmark-only organisation check (<c>SELECT EXISTS users</c>, which an installation with people does not
/// repeat). What the runtime costs beyond this is EF Core, the engine, assignment, JSON and hashing.
/// </summary>
internal sealed class RowsFloor(BenchDatabase database)
{
    /// <summary>Which of a complete's optional statements each step runs (index 1–5), as the round-trip mode lists them.</summary>
    private static readonly (bool DeleteJobs, bool InsertJob, bool NextTask)[] Steps =
        [default, (false, true, true), (true, true, true), (true, false, true), (false, false, true), (false, false, false)];

    private long _definitionId;
    private int _definitionVersion;
    private string _state = "{}";

    /// <summary>Reads the deployed definition and a real instance state (the runtime's warm-up must have run).</summary>
    public async Task PrepareAsync()
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        await using var read = connection.CreateCommand();
        read.CommandText = $"SELECT d.id, d.version, i.state FROM process_instances i JOIN process_definitions d ON d.id = i.definition_id WHERE i.process_key = '{Models.ApprovalKey}' ORDER BY i.id DESC LIMIT 1";
        await using var reader = await read.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new InvalidOperationException("The rows baseline needs an instance of the runtime to copy its state; run the runtime's warm-up first.");
        _definitionId = reader.GetInt64(0);
        _definitionVersion = reader.GetInt32(1);
        _state = reader.GetString(2);
    }

    /// <summary>Runs start and complete transactions for one worker until told to stop; returns how many committed.</summary>
    public Task<long> RunAsync(int worker, Func<bool> running, List<double>? latencies)
    {
        var cursor = new Cursor(worker);
        return RawSql.RepeatAsync(() => OneAsync(cursor), running, latencies);
    }

    /// <summary>Where one worker is in its approval: the instance, its open task, the step, and PostgreSQL id blocks.</summary>
    private sealed class Cursor(int worker)
    {
        public int Worker { get; } = worker;
        public int Step { get; set; }
        public int Sequence { get; set; }
        public long InstanceId { get; set; }
        public long TaskId { get; set; }
        public long EventSeq { get; set; }
        public int Version { get; set; }
        public IdBlock Instances { get; } = new("process_instances_id_blocks");
        public IdBlock Tasks { get; } = new("tasks_id_blocks");
    }

    /// <summary>PostgreSQL's ids of instances and tasks come in blocks of 50 from a sequence, as the runtime takes them.</summary>
    private sealed class IdBlock(string sequence)
    {
        private long _next, _left;

        public async Task<long?> NextAsync(DbConnection connection, DbTransaction transaction, bool postgres)
        {
            if (!postgres)
                return null;
            if (_left == 0)
            {
                _next = await RawSql.ScalarAsync(connection, transaction, $"SELECT nextval('{sequence}')", postgres);
                _left = 50;
            }
            _left--;
            return _next++;
        }
    }

    /// <summary>
    /// A transaction's writes as the runtime sends them: on PostgreSQL one batch (one round trip, as EF
    /// batches SaveChanges; instance and task ids come from the id blocks, so nothing waits for a generated
    /// id); on SQLite, which runs in the process, statement by statement, returning generated ids.
    /// </summary>
    private sealed class Writes(DbConnection connection, DbTransaction transaction, bool postgres)
    {
        private readonly DbBatch? _batch = postgres ? connection.CreateBatch() : null;

        public bool Postgres => postgres;

        public DbConnection Connection => connection;

        public DbTransaction Transaction => transaction;

        /// <summary>Queues (PostgreSQL) or runs (SQLite) a statement; on SQLite returns the id a RETURNING clause gave.</summary>
        public async Task<long?> AddAsync(string sql, params (string Name, object? Value)[] parameters)
        {
            if (_batch is null)
            {
                if (sql.Contains("RETURNING \"id\"", StringComparison.Ordinal))
                    return await RawSql.ScalarAsync(connection, transaction, sql, postgres, parameters);
                await RawSql.ExecuteAsync(connection, transaction, sql, postgres, parameters);
                return null;
            }
            var command = _batch.CreateBatchCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = RawSql.Value(value, postgres);
                command.Parameters.Add(parameter);
            }
            _batch.BatchCommands.Add(command);
            return null;
        }

        public async Task FlushAsync()
        {
            if (_batch is null || _batch.BatchCommands.Count == 0)
                return;
            _batch.Connection = connection;
            _batch.Transaction = transaction;
            await _batch.ExecuteNonQueryAsync();
            await _batch.DisposeAsync();
        }
    }

    private async Task OneAsync(Cursor cursor)
    {
        await using var connection = database.CreateConnection();
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var writes = new Writes(connection, transaction, database.IsPostgres);
        var now = DateTime.UtcNow;
        if (cursor.Step == 0)
            await StartAsync(writes, cursor, now);
        else
            await CompleteAsync(writes, cursor, now);
        await writes.FlushAsync();
        await transaction.CommitAsync();
        cursor.Step = (cursor.Step + 1) % Steps.Length;
    }

    private async Task StartAsync(Writes writes, Cursor cursor, DateTime now)
    {
        var postgres = writes.Postgres;
        cursor.Sequence++;
        cursor.Version = 1;
        cursor.EventSeq = 0;
        var id = await cursor.Instances.NextAsync(writes.Connection, writes.Transaction, postgres);
        var columns = postgres ? "\"id\", " : "";
        var values = postgres ? "@id, " : "";
        cursor.InstanceId = await writes.AddAsync($"""
            INSERT INTO "process_instances" ({columns}"agency_id", "event_head", "event_seq", "business_key", "classification", "definition_id", "definition_version", "ended_at", "initiator", "parent_instance_id", "parent_token_id", "process_key", "started_at", "state", "status", "suspended", "title", "version")
            VALUES ({values}@agency, @head, @seq, @bk, 0, @def, @defVersion, NULL, @initiator, NULL, NULL, @key, @now, @state, 'running', @suspended, @title, 1)
            RETURNING "id"
            """, ("@id", id), ("@agency", "agency-1"), ("@head", Hash(cursor, StartEvents)), ("@seq", (long)StartEvents),
            ("@bk", $"BK-{cursor.Worker}-{cursor.Sequence}"), ("@def", _definitionId), ("@defVersion", _definitionVersion),
            ("@initiator", $"user-{cursor.Worker}"), ("@key", Models.ApprovalKey), ("@now", now), ("@state", _state),
            ("@suspended", false), ("@title", $"关于基准测试的请示 {cursor.Worker}-{cursor.Sequence}")) ?? id!.Value;
        // SQLite learns the id only from the insert, so the runtime writes the log's head in a second statement.
        if (!postgres)
        {
            await writes.AddAsync("""UPDATE "process_instances" SET "event_head" = @head, "event_seq" = @seq, "state" = @state, "version" = 1 WHERE "id" = @id RETURNING 1""",
                ("@head", Hash(cursor, StartEvents)), ("@seq", (long)StartEvents), ("@state", _state), ("@id", cursor.InstanceId));
        }
        await EventsAsync(writes, cursor, now, null, StartEvents);
        await OutboxAsync(writes, cursor, now, 1);
        cursor.TaskId = await InsertTaskAsync(writes, cursor, now, 1, due: false, candidate: false);
    }

    private async Task CompleteAsync(Writes writes, Cursor cursor, DateTime now)
    {
        var postgres = writes.Postgres;
        var (deleteJobs, insertJob, nextTask) = Steps[cursor.Step];
        await using (var load = RawSql.Command(writes.Connection, writes.Transaction, """
            SELECT t.*, p.* FROM "tasks" AS t INNER JOIN "process_instances" AS p ON t."instance_id" = p."id" WHERE t."id" = @taskId LIMIT 1
            """, postgres, ("@taskId", cursor.TaskId)))
        await using (var reader = await load.ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
                throw new InvalidOperationException($"Task {cursor.TaskId} is missing.");
            var values = new object[reader.FieldCount];
            reader.GetValues(values);
        }
        if (deleteJobs)
        {
            await writes.AddAsync("""DELETE FROM "jobs" WHERE "instance_id" = @instance AND "kind" IN ('reminder', 'overdue', 'escalation') AND "target_id" = @target""",
                ("@instance", cursor.InstanceId), ("@target", (long)cursor.Step));
        }
        await EventsAsync(writes, cursor, now, cursor.TaskId, CompleteEvents);
        if (insertJob)
        {
            await writes.AddAsync("""
                INSERT INTO "jobs" ("attempts", "created_at", "due_at", "instance_id", "kind", "last_error", "lease_owner", "lease_until", "payload", "state", "target_id")
                VALUES (0, @now, @due, @instance, 'overdue', NULL, NULL, NULL, NULL, 'pending', @target) RETURNING "id"
                """, ("@now", now), ("@due", now.AddDays(3)), ("@instance", cursor.InstanceId), ("@target", (long)cursor.Step + 1));
        }
        if (nextTask)
            await OutboxAsync(writes, cursor, now, cursor.Step + 1);
        var ended = nextTask ? "" : """, "ended_at" = @now, "status" = 'completed'""";
        await writes.AddAsync($"""
            UPDATE "process_instances" SET "event_head" = @head, "event_seq" = @seq, "state" = @state, "version" = @version{ended} WHERE "id" = @id AND "version" = @loaded RETURNING 1
            """, ("@head", Hash(cursor, cursor.EventSeq)), ("@seq", cursor.EventSeq), ("@state", _state), ("@version", cursor.Version + 1),
            ("@now", now), ("@id", cursor.InstanceId), ("@loaded", cursor.Version));
        cursor.Version++;
        await writes.AddAsync("""
            UPDATE "tasks" SET "completed_at" = @now, "completed_by" = @by, "outcome" = 'approve', "state" = 'completed' WHERE "id" = @id AND "version" = 0 RETURNING 1
            """, ("@now", now), ("@by", $"leader-{cursor.Worker}"), ("@id", cursor.TaskId));
        if (nextTask)
            cursor.TaskId = await InsertTaskAsync(writes, cursor, now, cursor.Step + 1, due: insertJob, candidate: true);
    }

    private static async Task<long> InsertTaskAsync(Writes writes, Cursor cursor, DateTime now, int step, bool due, bool candidate)
    {
        var postgres = writes.Postgres;
        var id = await cursor.Tasks.NextAsync(writes.Connection, writes.Transaction, postgres);
        var columns = postgres ? "\"id\", " : "";
        var values = postgres ? "@id, " : "";
        var taskId = await writes.AddAsync($"""
            INSERT INTO "tasks" ({columns}"added_signer", "agency_id", "assignee", "classification", "completed_at", "completed_by", "created_at", "due_at", "element_id", "engine_task_id", "form_key", "instance_id", "name", "on_behalf_of", "outcome", "owner", "process_key", "remind_at", "state", "title", "version")
            VALUES ({values}NULL, @agency, @assignee, 0, NULL, NULL, @now, @due, @element, @engineTask, NULL, @instance, @name, NULL, NULL, NULL, @key, NULL, 'open', @title, 0)
            RETURNING "id"
            """, ("@id", id), ("@agency", "agency-1"), ("@assignee", $"leader-{cursor.Worker}"), ("@now", now),
            ("@due", due ? now.AddDays(3) : null), ("@element", $"step{step}"), ("@engineTask", (long)step), ("@instance", cursor.InstanceId),
            ("@name", $"第{step}步审核"), ("@key", Models.ApprovalKey), ("@title", $"关于基准测试的请示 {cursor.Worker}-{cursor.Sequence}")) ?? id!.Value;
        if (candidate)
        {
            await writes.AddAsync("""INSERT INTO "task_candidates" ("kind", "task_id", "value") VALUES ('group', @task, @group)""",
                ("@task", taskId), ("@group", $"group-{step}"));
        }
        return taskId;
    }

    /// <summary>The events a start and a complete of the approval append to the instance's log, as the runtime writes them.</summary>
    private const int StartEvents = 6, CompleteEvents = 5;

    /// <summary>
    /// A command's events in one multi-row INSERT, as the runtime writes them: its own record (the actor, task, outcome and
    /// opinion) first, then the element and flow facts and the task created.
    /// </summary>
    private static Task<long?> EventsAsync(Writes writes, Cursor cursor, DateTime now, long? taskId, int count)
    {
        var rows = new List<string>(count);
        var parameters = new List<(string Name, object? Value)> { ("@instance", cursor.InstanceId), ("@now", now), ("@actor", $"leader-{cursor.Worker}") };
        for (var n = 0; n < count; n++)
        {
            cursor.EventSeq++;
            var command = n == 0;
            rows.Add($"(@instance, @seq{n}, @now, @kind{n}, @element{n}, @elementKind{n}, @token{n}, @task{n}, {(command ? "@actor" : "NULL")}, NULL, @outcome{n}, @comment{n}, NULL, 1, @hash{n})");
            parameters.AddRange([
                ($"@seq{n}", cursor.EventSeq), ($"@kind{n}", command ? (taskId is null ? "instance.started" : "task.completed") : n % 2 == 0 ? "flow.taken" : "element.completed"),
                ($"@element{n}", $"step{cursor.Step}-{n}"), ($"@elementKind{n}", command ? null : n % 2 == 0 ? "sequenceFlow" : "userTask"),
                ($"@token{n}", command ? null : 1L), ($"@task{n}", command ? taskId : null), ($"@outcome{n}", command && taskId is not null ? "approve" : null),
                ($"@comment{n}", command && taskId is not null ? "同意" : null), ($"@hash{n}", Hash(cursor, cursor.EventSeq)),
            ]);
        }
        return writes.AddAsync($"""
            INSERT INTO "instance_events" ("instance_id", "seq", "occurred_at", "kind", "element_id", "element_kind", "token_id", "task_id", "actor", "on_behalf_of", "outcome", "comment", "data", "key_id", "hash")
            VALUES {string.Join(", ", rows)}
            """, [.. parameters]);
    }

    private static Task<long?> OutboxAsync(Writes writes, Cursor cursor, DateTime now, int step) =>
        writes.AddAsync("""
            INSERT INTO "outbox" ("attempts", "body", "created_at", "dispatched_at", "instance_id", "kind", "last_error", "notification_id", "recipient", "subject", "task_id")
            VALUES (0, @body, @now, NULL, @instance, 'task.assigned', NULL, @notification, @recipient, @subject, @task) RETURNING "id"
            """, ("@body", $"关于基准测试的请示 {cursor.Worker}-{cursor.Sequence}"), ("@now", now), ("@instance", cursor.InstanceId),
            ("@notification", Guid.NewGuid().ToString("N")), ("@recipient", $"leader-{cursor.Worker}"), ("@subject", $"新待办 New task: 第{step}步审核"), ("@task", (long)step));

    /// <summary>A stand-in for the chain's HMAC-SHA-256 (64 hex digits); computing it is the runtime's work, not the database's.</summary>
    private static string Hash(Cursor cursor, long seq) =>
        $"{cursor.InstanceId:x16}{seq:x16}{cursor.Worker:x16}".PadLeft(64, '0');
}
