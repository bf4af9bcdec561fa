using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Runtime.Tests.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Persistence;

/// <summary>
/// The upgrade to the event log: a database with rows of the old <c>history</c> and <c>audit_log</c> (unkeyed SHA-256 chains)
/// is migrated as a host starts (<see cref="DatabaseMigrationExtensions.MigrateG2GDatabaseAsync"/>): every instance's audit
/// records and history steps become its signed event log with its head on the instance row, the views show the same facts,
/// the shared chains are signed again, an old chain that was already broken carries its break over, and every chain verifies.
/// </summary>
public abstract class EventLogMigrationTests<TDatabase>(TDatabase database) : IClassFixture<TDatabase>
    where TDatabase : TestDatabase
{
    private const string BeforeTheEventLog = "20261206130000_FormsWithDefinitions";
    private const long Intact = 1001, Altered = 1002;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 9, 15, 0, 123_456 / 1000, TimeSpan.Zero), T1 = T0.AddHours(2).AddTicks(70);

    [DatabaseFact]
    public async Task OldHistoryAndAudit_BecomeVerifiedEventLogs_WithTheSameFacts()
    {
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync(BeforeTheEventLog);
            await WriteOldInstanceAsync(db, Intact, alterSecond: false);
            await WriteOldInstanceAsync(db, Altered, alterSecond: true);
            await WriteOldChainAsync(db, AuditLog.OrganisationChain, null, ("admin", "agency.created", null, null, "新建机关"), ("admin", "user.created", null, null, "新建用户"));
        }
        await using var runtime = new RuntimeHarness(database);

        await runtime.Services.MigrateG2GDatabaseAsync();

        var history = await runtime.In(s => s.GetRequiredService<RuntimeQueries>().HistoryAsync(Intact));
        Assert.Equal(OldSteps.Select(s => (s.Element, s.Kind, s.Phase, s.Token, s.At)), history.Select(h => (h.ElementId, h.ElementKind, h.Phase, h.TokenId, h.OccurredAt)));
        var audit = await runtime.In(s => s.GetRequiredService<RuntimeQueries>().AuditAsync(Intact));
        Assert.Equal([("zhang.san", "instance.started", (string?)null, "请假申请"), ("li.si", "task.completed", "approve", "同意")],
            audit.Select(a => (a.Actor!, a.Action, a.Outcome, a.Comment!)));
        var log = await runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == Intact).OrderBy(e => e.Seq).ToListAsync());
        // At one instant the command's record comes before the steps it caused.
        Assert.Equal(["instance.started", "element.started", "element.completed", "flow.taken", "element.started", "task.completed", "element.completed", "flow.taken",
            "element.started", "element.completed"], log.Select(e => e.Kind));
        var instance = await runtime.InstanceAsync(Intact);
        Assert.Equal((10L, log[^1].Hash), (instance.EventSeq, instance.EventHead));
        Assert.All(log, e => Assert.Equal(TestEventLogKeys.Ring.CurrentId, e.KeyId));

        var carried = await runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == Altered).OrderBy(e => e.Seq).ToListAsync());
        Assert.Equal(EventLogConversion.CarriedOverBreak, carried[^1].Kind);
        Assert.Contains("record 2 does not match its hash", carried[^1].Comment, StringComparison.Ordinal);

        var organisation = await runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Chain == AuditLog.OrganisationChain).OrderBy(a => a.Seq).ToListAsync());
        Assert.Equal(["agency.created", "user.created"], organisation.Select(a => a.Action));
        Assert.Empty(await runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Chain.StartsWith("instance:")).ToListAsync()));
        await using (var db = database.CreateContext())
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => db.Database.ExecuteSqlRawAsync("SELECT COUNT(*) FROM history"));
        var verification = await runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync(AuditVerificationScope.All, null));
        Assert.True(verification.Intact, string.Join("; ", verification.Breaks));
        Assert.Equal(3, verification.Chains);
    }

    private static readonly (string Element, string Kind, string Phase, long Token, DateTimeOffset At)[] OldSteps =
    [
        ("start", "startEvent", "Started", 1, T0), ("start", "startEvent", "Completed", 1, T0), ("f1", "sequenceFlow", "Taken", 1, T0),
        ("apply", "userTask", "Started", 1, T0), ("apply", "userTask", "Completed", 1, T1), ("f2", "sequenceFlow", "Taken", 1, T1),
        ("end", "endEvent", "Started", 1, T1), ("end", "endEvent", "Completed", 1, T1),
    ];

    /// <summary>An instance as the runtime before the event log wrote it: its row, its history and its audit chain with the head on the row.</summary>
    private async Task WriteOldInstanceAsync(G2GDbContext db, long id, bool alterSecond)
    {
        var head = await WriteOldChainAsync(db, AuditLog.InstanceChain(id), alterSecond ? "改过的意见" : null,
            ("zhang.san", "instance.started", null, null, "请假申请"), ("li.si", "task.completed", 7L, "approve", "同意"));
        await ExecuteAsync(db, """
            INSERT INTO process_instances (id, definition_id, process_key, definition_version, status, suspended, state, version, initiator, started_at, audit_head, audit_seq, classification)
            VALUES (@p0, 1, 'leave', 1, 'completed', @p1, '{}', 2, 'zhang.san', @p2, @p3, 2, 0)
            """, id, false, Stored(T0), head);
        foreach (var (element, kind, phase, token, at) in OldSteps)
        {
            await ExecuteAsync(db, "INSERT INTO history (instance_id, element_id, element_kind, phase, token_id, occurred_at) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)",
                id, element, kind, phase, token, Stored(at));
        }
    }

    /// <summary>Writes an old chain with the unkeyed hash (the second record's comment replaced afterwards when <paramref name="alteredComment"/> is given); returns its head.</summary>
    private async Task<string> WriteOldChainAsync(G2GDbContext db, string chain, string? alteredComment,
        params (string Actor, string Action, long? Task, string? Outcome, string Comment)[] records)
    {
        var previous = AuditLog.GenesisHash;
        for (var i = 0; i < records.Length; i++)
        {
            var (actor, action, task, outcome, comment) = records[i];
            var record = new AuditRecord
            {
                Chain = chain, Seq = i + 1, OccurredAt = i == 0 ? T0 : T1, Actor = actor, Action = action, TaskId = task, Outcome = outcome, Comment = comment,
                InstanceId = chain.StartsWith("instance:", StringComparison.Ordinal) ? long.Parse(chain["instance:".Length..], System.Globalization.CultureInfo.InvariantCulture) : null,
                ElementId = task is null ? null : "apply", PrevHash = previous, Hash = "",
            };
            record.Hash = AuditLog.LegacyHash(record);
            await ExecuteAsync(db, """
                INSERT INTO audit_log (chain, seq, occurred_at, actor, action, instance_id, task_id, element_id, outcome, comment, data, prev_hash, hash)
                VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8, @p9, NULL, @p10, @p11)
                """, record.Chain, record.Seq, Stored(record.OccurredAt), record.Actor!, record.Action, record.InstanceId, record.TaskId,
                record.ElementId, record.Outcome, i == 1 && alteredComment is not null ? alteredComment : comment, record.PrevHash, record.Hash);
            previous = record.Hash;
        }
        return previous;
    }

    private object Stored(DateTimeOffset at) => StoredInstants.For(database.Settings.Provider == DatabaseProvider.Postgres).ConvertToProvider(at)!;

    /// <summary>Plain ADO.NET, so nulls go in as NULL whatever the provider (the old tables have no entities any more).</summary>
    private static async Task ExecuteAsync(G2GDbContext db, string sql, params object?[] values)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            parameter.Value = values[i] ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        await command.ExecuteNonQueryAsync();
    }
}

public sealed class SqliteEventLogMigrationTests(SqliteTestDatabase database) : EventLogMigrationTests<SqliteTestDatabase>(database);

public sealed class PostgresEventLogMigrationTests(PostgresTestDatabase database) : EventLogMigrationTests<PostgresTestDatabase>(database);
