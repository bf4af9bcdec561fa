using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Queries;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// The instance's event log: the path, the audit trail and the timeline read from it; reminders, overdue notices,
/// escalations and copy receipts are facts on it; the verifier finds an altered record, a forged one, a deleted tail, a
/// deleted log and a deleted instance row. Each tampering test puts back what it changed, so the class's database stays intact.
/// </summary>
public abstract class EventLogTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "deadline.bpmn", "operations.bpmn")
    where TDatabase : TestDatabase
{
    private Task<T> Queries<T>(Func<RuntimeQueries, Task<T>> query) => Runtime.In(s => query(s.GetRequiredService<RuntimeQueries>()));

    private Task<AuditVerification> VerifyAsync(AuditVerificationScope? scope = null) =>
        Runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync(scope ?? AuditVerificationScope.All, null));

    private Task<List<InstanceEventRecord>> LogAsync(long id) =>
        Runtime.Query(db => db.Set<InstanceEventRecord>().AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Seq).ToListAsync());

    /// <summary>An instance past its first step, with its review task waiting.</summary>
    private async Task<long> StartedAsync()
    {
        var id = await Runtime.StartAsync("deadline");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        return id;
    }

    [DatabaseFact]
    public async Task PathAuditAndTimeline_AreViewsOfTheLog_WithRemindersOverdueNoticesAndEscalations()
    {
        var id = await StartedAsync();
        var review = await Runtime.TaskAsync(id, "review");

        Runtime.Clock.Advance(TimeSpan.FromDays(60)); // past the reminder, the due date and the escalation
        await Runtime.RunJobsAsync();

        var path = await Queries(q => q.HistoryAsync(id));
        Assert.Equal(["start", "apply", "review"], path.Where(h => h.Phase == "Started" && h.ElementKind != "sequenceFlow").Select(h => h.ElementId));
        Assert.Equal(["f1", "f2"], path.Where(h => h.Phase == "Taken").Select(h => h.ElementId));
        Assert.Equal(["start", "apply"], path.Where(h => h.Phase == "Completed").Select(h => h.ElementId));
        var notices = path.Where(h => h.Phase.StartsWith("task.", StringComparison.Ordinal)).ToList();
        Assert.Equal([EventKinds.TaskReminder, EventKinds.TaskOverdue, EventKinds.TaskEscalated], notices.Select(h => h.Phase));
        Assert.All(notices, h => Assert.Equal(("review", "userTask", review.EngineTaskId), (h.ElementId, h.ElementKind, h.TokenId)));

        var audit = await Queries(q => q.AuditAsync(id));
        Assert.Equal(["instance.started", "task.completed", EventKinds.TaskReminder, EventKinds.TaskOverdue, EventKinds.TaskEscalated], audit.Select(a => a.Action));
        Assert.Equal(("zhang.san", "同意"), (audit[1].Actor, audit[1].Comment));
        Assert.All(audit.Skip(2), a => Assert.Equal((review.Id, (string?)null), (a.TaskId!.Value, a.Actor)));

        var timeline = await Queries(q => q.TimelineAsync(id));
        Assert.Equal(Enumerable.Range(1, timeline.Count).Select(n => (long)n), timeline.Select(e => e.Seq));
        Assert.Equal(timeline.Count, path.Count + audit.Count - notices.Count + timeline.Count(e => EventKinds.TimelineOnly.Contains(e.Kind)));
        var created = timeline.Where(e => e.Kind == EventKinds.TaskCreated).ToList();
        Assert.Equal([("apply", "zhang.san"), ("review", "wang.wu")], created.Select(e => (e.ElementId!, e.Outcome!)));
        // A command's own record comes first, then the facts of its effects.
        var completion = timeline.Single(e => e.Kind == "task.completed");
        Assert.Equal((EventKinds.ElementCompleted, "apply"), (timeline[(int)completion.Seq].Kind, timeline[(int)completion.Seq].ElementId));

        var instance = await Runtime.InstanceAsync(id);
        Assert.Equal((timeline.Count, (await LogAsync(id))[^1].Hash), (instance.EventSeq, instance.EventHead));
        Assert.True((await VerifyAsync(new(InstanceId: id))).Intact);
    }

    [DatabaseFact]
    public async Task ACopysReadReceipt_IsAFactOfTheLog_OnlyOnce()
    {
        var id = await Runtime.StartAsync("handling");
        var task = await Runtime.TaskAsync(id, "handle");
        await Runtime.In(s => s.GetRequiredService<InstanceService>().ClaimAsync(task.Id, "li.si"));
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CopyAsync(task.Id, "li.si", ["chen.qi"], "请阅"));
        var copy = await Runtime.Query(db => db.Set<TaskCopyRecord>().SingleAsync(c => c.TaskId == task.Id));
        var version = (await Runtime.InstanceAsync(id)).Version;

        await Runtime.In(s => s.GetRequiredService<InstanceService>().MarkCopyReadAsync(copy.Id, "chen.qi"));
        await Runtime.In(s => s.GetRequiredService<InstanceService>().MarkCopyReadAsync(copy.Id, "chen.qi"));

        var audit = await Queries(q => q.AuditAsync(id));
        Assert.Equal(["instance.started", "task.claimed", "task.copied", EventKinds.CopyRead], audit.Select(a => a.Action));
        Assert.Equal(("chen.qi", task.Id), (audit[^1].Actor, audit[^1].TaskId!.Value));
        Assert.Equal(version, (await Runtime.InstanceAsync(id)).Version); // the log's head moved, not the ETag (IfVersionTests)
        Assert.True((await VerifyAsync(new(InstanceId: id))).Intact);
    }

    [DatabaseFact]
    public async Task AnAlteredRecord_IsReported_EvenWithAHashRecomputedWithoutTheKey()
    {
        var id = await StartedAsync();
        var second = (await LogAsync(id))[1];
        var forged = new InstanceEventRecord
        {
            InstanceId = id, Seq = second.Seq, OccurredAt = second.OccurredAt, Kind = second.Kind, ElementId = second.ElementId, ElementKind = second.ElementKind,
            TokenId = second.TokenId, TaskId = second.TaskId, Actor = "forger", Comment = "改过的意见", KeyId = second.KeyId, Hash = "",
        };
        forged.Hash = AuditLog.ComputeHash(forged, (await LogAsync(id))[0].Hash, new byte[32]); // whoever writes the database has no key

        await Rewrite(id, second.Seq, forged.Actor, forged.Comment, forged.Hash, second.KeyId);
        var altered = Assert.Single((await VerifyAsync()).Breaks, b => b.Chain == AuditLog.InstanceChain(id));
        Assert.Equal((AuditBreakKind.AlteredRecord, 2L), (altered.Kind, altered.Seq));

        await Rewrite(id, second.Seq, second.Actor, second.Comment, second.Hash, 99);
        var unknown = Assert.Single((await VerifyAsync(new(InstanceId: id))).Breaks);
        Assert.Equal((AuditBreakKind.UnknownKey, 2L), (unknown.Kind, unknown.Seq));

        await Rewrite(id, second.Seq, second.Actor, second.Comment, second.Hash, second.KeyId);
        Assert.True((await VerifyAsync()).Intact);
    }

    private Task<int> Rewrite(long id, long seq, string? actor, string? comment, string hash, int keyId) =>
        Runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id && e.Seq == seq)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.Actor, actor).SetProperty(e => e.Comment, comment).SetProperty(e => e.Hash, hash).SetProperty(e => e.KeyId, keyId)));

    [DatabaseFact]
    public async Task ADeletedTail_IsReportedAgainstTheHeadOnTheInstanceRow()
    {
        var id = await StartedAsync();
        var log = await LogAsync(id);

        await DeleteAsync(id, fromSeq: log.Count - 1);
        var broken = Assert.Single((await VerifyAsync()).Breaks, b => b.Chain == AuditLog.InstanceChain(id));
        Assert.Equal((AuditBreakKind.DeletedTail, (long)log.Count - 2), (broken.Kind, broken.Seq));
        Assert.Contains($"records {log.Count}", broken.Reason, StringComparison.Ordinal);

        await RestoreAsync(log.Skip(log.Count - 2));
        Assert.True((await VerifyAsync()).Intact);
    }

    [DatabaseFact]
    public async Task ADeletedLog_AndLogsWhoseInstanceRowWasDeleted_AreReported()
    {
        var id = await StartedAsync();
        var log = await LogAsync(id);
        var instance = await Runtime.Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == id));

        await DeleteAsync(id, fromSeq: 1);
        var deleted = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.DeletedChain, AuditLog.InstanceChain(id)), (deleted.Kind, deleted.Chain));
        await RestoreAsync(log);

        await Runtime.Query(db => db.Set<TaskRecord>().Where(t => t.InstanceId == id).ExecuteDeleteAsync());
        await Runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.Id == id).ExecuteDeleteAsync());
        var orphan = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.DeletedInstance, AuditLog.InstanceChain(id), 1L), (orphan.Kind, orphan.Chain, orphan.Seq));

        await Runtime.Query(db => { db.Add(instance); return db.SaveChangesAsync(); });
        Assert.True((await VerifyAsync()).Intact);
    }

    private Task<int> DeleteAsync(long id, int fromSeq) =>
        Runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id && e.Seq >= fromSeq).ExecuteDeleteAsync());

    private Task<int> RestoreAsync(IEnumerable<InstanceEventRecord> records) =>
        Runtime.Query(db => { db.AddRange(records); return db.SaveChangesAsync(); });
}

public sealed class SqliteEventLogTests(SqliteTestDatabase database) : EventLogTests<SqliteTestDatabase>(database);

public sealed class PostgresEventLogTests(PostgresTestDatabase database) : EventLogTests<PostgresTestDatabase>(database);
