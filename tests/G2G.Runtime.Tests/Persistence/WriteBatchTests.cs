using System.Collections.Concurrent;
using System.Diagnostics;
using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Tests.Persistence;

/// <summary>
/// A command's rows are written by <see cref="TrackedChanges"/> and <see cref="WriteBatch"/> instead of SaveChanges:
/// the rows must come out as SaveChanges would write them (keys the database assigns read back and passed on to
/// dependents, converted values, only modified columns), a stale version must fail as a concurrency conflict, a
/// database error as <see cref="DbUpdateException"/>, and on PostgreSQL a command's writes must be one round trip.
/// </summary>
public abstract class WriteBatchTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>, IAsyncLifetime
    where TDatabase : TestDatabase
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 9, 30, 15, TimeSpan.FromHours(8));

    public Task InitializeAsync() => database.MigrateAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [DatabaseFact]
    public async Task Inserts_ReadBackAssignedKeys_AndPassThemToDependents()
    {
        var instance = NewInstance("插入");
        TaskRecord task;
        var incident = new IncidentRecord { Message = "测试 incident", CreatedAt = At };

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Add(instance);
            // A task names its instance by id (no navigation), so the instance is written first; on SQLite its id comes back from the insert.
            await WriteAsync(db);
            task = NewTask(instance, "draft");
            task.Candidates.Add(new TaskCandidateRecord { Kind = CandidateKinds.Group, Value = "办公室" });
            task.Candidates.Add(new TaskCandidateRecord { Kind = CandidateKinds.User, Value = "wang.fang" });
            db.Add(task);
            incident.InstanceId = instance.Id;
            db.Add(incident);
            await WriteAsync(db);
            await transaction.CommitAsync();

            Assert.All(db.ChangeTracker.Entries(), e => Assert.Equal(EntityState.Unchanged, e.State));
            Assert.True(instance.Id > 0 && task.Id > 0 && incident.Id > 0);
            Assert.All(task.Candidates, c => Assert.Equal(task.Id, c.TaskId));
        }

        await using var check = database.CreateContext();
        var saved = await check.Set<TaskRecord>().AsNoTracking().Include(t => t.Candidates).SingleAsync(t => t.Id == task.Id);
        Assert.Equal(instance.Id, saved.InstanceId);
        Assert.Equal(At, saved.CreatedAt);
        Assert.Equal(At.AddDays(3), saved.DueAt);
        Assert.Null(saved.RemindAt);
        Assert.Equal(ClearanceLevel.Secret, saved.Classification);
        Assert.Equal(new[] { "group:办公室", "user:wang.fang" }, saved.Candidates.Select(c => $"{c.Kind}:{c.Value}").Order());
        Assert.Equal("测试 incident", (await check.Set<IncidentRecord>().AsNoTracking().SingleAsync(i => i.Id == incident.Id)).Message);
    }

    [DatabaseFact]
    public async Task Update_WritesTheModifiedColumns_AndAStaleVersionIsAConflictThatKeepsNothing()
    {
        var id = await SavedInstanceAsync("原标题");

        await using var first = database.CreateContext();
        await using var second = database.CreateContext();
        var mine = await first.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == id);
        var theirs = await second.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == id);

        await using (var transaction = await second.Database.BeginTransactionAsync())
        {
            theirs.Title = "他人修改";
            theirs.Version++;
            await WriteAsync(second);
            await transaction.CommitAsync();
        }
        Assert.Equal(EntityState.Unchanged, second.Entry(theirs).State);

        await using (var transaction = await first.Database.BeginTransactionAsync())
        {
            mine.Status = InstanceStatus.Cancelled;
            mine.Version++;
            var conflict = await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => WriteAsync(first));
            Assert.Contains($"process_instances row {id}", conflict.Message, StringComparison.Ordinal);
            await transaction.RollbackAsync();
        }

        await using var check = database.CreateContext();
        var row = await check.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == id);
        Assert.Equal(("他人修改", InstanceStatus.Running, 1), (row.Title, row.Status, row.Version));
    }

    [DatabaseFact]
    public async Task Delete_RemovesTheRow_AndADatabaseErrorIsAnUpdateException()
    {
        var id = await SavedInstanceAsync("删除");
        long taskId;
        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var task = NewTask(await db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == id), "review");
            task.Candidates.Add(new TaskCandidateRecord { Kind = CandidateKinds.User, Value = "li.si" });
            task.Candidates.Add(new TaskCandidateRecord { Kind = CandidateKinds.User, Value = "zhao.liu" });
            db.Add(task);
            await WriteAsync(db);
            await transaction.CommitAsync();
            taskId = task.Id;
        }

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var task = await db.Set<TaskRecord>().Include(t => t.Candidates).SingleAsync(t => t.Id == taskId);
            db.Remove(task.Candidates.Single(c => c.Value == "li.si"));
            await WriteAsync(db);
            await transaction.CommitAsync();
        }

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            // The same candidate twice: the primary key refuses the second.
            await db.Database.ExecuteSqlRawAsync("INSERT INTO task_candidates (task_id, kind, value) VALUES ({0}, 'user', 'wang.wu')", taskId);
            db.Add(new TaskCandidateRecord { TaskId = taskId, Kind = CandidateKinds.User, Value = "wang.wu" });
            var error = await Assert.ThrowsAsync<DbUpdateException>(() => WriteAsync(db));
            Assert.IsNotType<DbUpdateConcurrencyException>(error);
            Assert.IsAssignableFrom<System.Data.Common.DbException>(error.InnerException);
            await transaction.RollbackAsync();
        }

        await using var check = database.CreateContext();
        Assert.Equal(new[] { "zhao.liu" }, await check.Set<TaskCandidateRecord>().Where(c => c.TaskId == taskId).Select(c => c.Value).ToListAsync());
    }

    [DatabaseFact]
    public async Task ACompletesWrites_AreOneRoundTripOnPostgres_AndOneStatementAtATimeOnSqlite()
    {
        await using var runtime = new RuntimeHarness(database);
        await runtime.DeployAsync("approval.bpmn");
        var instanceId = await runtime.StartAsync("approval", ("amount", 500));
        var task = (await runtime.OpenTasksAsync(instanceId)).Single();

        var writes = await WritesOfAsync(() => runtime.CompleteAsync(task.Id, "li.si", "approve"));

        AssertOneWrite(writes, "UPDATE process_instances", "INSERT INTO instance_events");
    }

    [DatabaseFact]
    public async Task ChangesOfRowsTheCommandDidNotLoad_RideInTheSameRoundTrip()
    {
        await using var runtime = new RuntimeHarness(database);
        await runtime.DeployAsync("timer.bpmn");
        var finished = await runtime.StartAsync("timeout");
        var late = await runtime.StartAsync("timeout");

        // Completing the task in time cancels its boundary timer: the timer's job is deleted with the rest.
        var handle = await runtime.TaskAsync(finished, "handle");
        AssertOneWrite(await WritesOfAsync(() => runtime.CompleteAsync(handle.Id, "li.si")), "UPDATE tasks", "DELETE FROM jobs WHERE instance_id");

        // The timer fires on the other: its task is cancelled by an UPDATE of a row the command never loaded.
        runtime.Clock.Advance(TimeSpan.FromHours(2));
        AssertOneWrite(await WritesOfAsync(() => runtime.RunJobsAsync()), "UPDATE tasks SET state", "INSERT INTO tasks");

        Assert.Equal(TaskStates.Cancelled, await runtime.Query(db => db.Set<TaskRecord>().Where(t => t.InstanceId == late && t.ElementId == "handle").Select(t => t.State).SingleAsync()));
        Assert.Equal("supervise", (await runtime.OpenTasksAsync(late)).Single().ElementId);
        Assert.Equal(0, await runtime.Query(db => db.Set<JobRecord>().CountAsync(j => j.InstanceId == finished)));
    }

    [DatabaseFact]
    public async Task AppendedRows_KeepEveryPropertyTheyWereGiven()
    {
        var instanceId = await SavedInstanceAsync("追加");
        var at = At.AddTicks(1230); // microseconds survive on both databases
        var events = new[]
        {
            new InstanceEventRecord
            {
                InstanceId = instanceId, Seq = 1, OccurredAt = at, Kind = "task.completed", ElementId = "draft", TaskId = 42, Actor = "li.si", OnBehalfOf = "wang.wu",
                Outcome = "approve", Comment = "同意", Data = "{}", KeyId = 3, Hash = new string('b', 64),
            },
            new InstanceEventRecord
            {
                InstanceId = instanceId, Seq = 2, OccurredAt = at.AddSeconds(1), Kind = "flow.taken", ElementId = "f2", ElementKind = "sequenceFlow", TokenId = 7,
                KeyId = 3, Hash = new string('c', 64),
            },
        };
        var outbox = new OutboxRecord
        {
            NotificationId = Guid.NewGuid().ToString("N"), Kind = "task.assigned", Recipient = "li.si", Subject = "新待办", Body = "关于追加的请示",
            InstanceId = instanceId, TaskId = 42, CreatedAt = at, DispatchedAt = at.AddMinutes(1), Attempts = 2, LastError = "SMTP 421",
        };
        var job = new JobRecord
        {
            Kind = "overdue", InstanceId = instanceId, TargetId = 3, Payload = "{\"step\":3}", DueAt = at.AddDays(2), State = "pending", Attempts = 1,
            LeaseOwner = "node-a", LeaseUntil = at.AddMinutes(5), LastError = "timeout", CreatedAt = at,
        };

        await using (var db = database.CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var untracked = new UntrackedWrites();
            foreach (var fact in events)
                untracked.Add(fact);
            untracked.Add(outbox);
            untracked.Add(job);
            using var batch = WriteBatch.For(db);
            untracked.AddInsertsTo(batch, db.Model);
            await batch.ExecuteAsync(CancellationToken.None);
            await transaction.CommitAsync();
        }

        await using var check = database.CreateContext();
        var saved = await check.Set<InstanceEventRecord>().AsNoTracking().Where(h => h.InstanceId == instanceId).OrderBy(h => h.Seq).ToListAsync();
        Assert.Equal(events.Length, saved.Count);
        for (var i = 0; i < events.Length; i++)
            AssertSameApartFromId(events[i], saved[i]);
        AssertSameApartFromId(outbox, await check.Set<OutboxRecord>().AsNoTracking().SingleAsync(o => o.InstanceId == instanceId));
        AssertSameApartFromId(job, await check.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.InstanceId == instanceId));
    }

    /// <summary>Every public property but the key the database assigned is equal (instants as instants, whatever their offset).</summary>
    private static void AssertSameApartFromId<T>(T expected, T actual)
    {
        foreach (var property in typeof(T).GetProperties().Where(p => p.Name != "Id"))
            Assert.True(Equals(property.GetValue(expected), property.GetValue(actual)),
                $"{typeof(T).Name}.{property.Name}: expected {property.GetValue(expected) ?? "null"}, read back {property.GetValue(actual) ?? "null"}.");
    }

    /// <summary>
    /// The command's writes were one round trip holding statements that start with each of <paramref name="expected"/>
    /// (PostgreSQL), or one round trip per statement (SQLite).
    /// </summary>
    private void AssertOneWrite(List<string[]> writes, params string[] expected)
    {
        var statements = writes.SelectMany(w => w).ToList();
        foreach (var start in expected)
            Assert.Contains(statements, s => s.StartsWith(start, StringComparison.Ordinal));
        if (database.Settings.Provider == DatabaseProvider.Postgres)
            Assert.Single(writes);
        else
            Assert.All(writes, w => Assert.Single(w));
    }

    /// <summary>The statements of each write round trip traced while <paramref name="work"/> ran (its own activities only: tests run in parallel).</summary>
    private static async Task<List<string[]>> WritesOfAsync(Func<Task> work)
    {
        using var testSource = new ActivitySource("G2G.Runtime.Tests.WriteBatch");
        var writes = new ConcurrentQueue<string[]>();
        Activity? scope = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == RuntimeActivities.SourceName || source == testSource,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStopped = activity =>
            {
                if (activity.Parent is { } parent && parent == scope && activity.GetTagItem("db.statements") is string[] statements)
                    writes.Enqueue(statements);
            },
        };
        ActivitySource.AddActivityListener(listener);
        using (scope = testSource.StartActivity("command"))
            await work();
        return [.. writes];
    }

    private static async Task WriteAsync(G2GDbContext db)
    {
        using var batch = WriteBatch.For(db);
        await TrackedChanges.AddToAsync(batch, db, CancellationToken.None);
        await batch.ExecuteAsync(CancellationToken.None);
        db.ChangeTracker.AcceptAllChanges();
    }

    private async Task<long> SavedInstanceAsync(string title)
    {
        await using var db = database.CreateContext();
        var instance = NewInstance(title);
        db.Add(instance);
        await db.SaveChangesAsync();
        return instance.Id;
    }

    private static ProcessInstanceRecord NewInstance(string title) => new()
    {
        ProcessKey = "write-batch", DefinitionVersion = 1, Title = title, Status = InstanceStatus.Running, State = "{}",
        Classification = ClearanceLevel.Secret, StartedAt = At,
    };

    private static TaskRecord NewTask(ProcessInstanceRecord instance, string elementId) => new()
    {
        InstanceId = instance.Id, EngineTaskId = 1, ElementId = elementId, ProcessKey = instance.ProcessKey, State = TaskStates.Open,
        Classification = instance.Classification, CreatedAt = At, DueAt = At.AddDays(3),
    };
}

public sealed class SqliteWriteBatchTests(SqliteTestDatabase database) : WriteBatchTests<SqliteTestDatabase>(database);

public sealed class PostgresWriteBatchTests(PostgresTestDatabase database) : WriteBatchTests<PostgresTestDatabase>(database);
