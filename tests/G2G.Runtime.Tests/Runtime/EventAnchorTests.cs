using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>
/// Anchors over every chain's head: the job executor appends them once per interval, chained; what the heads on the rows
/// cannot show — an instance deleted with its whole log, a log cut back together with its head, a shared chain cut back
/// with its head — is reported against the latest anchor, and so is tampering with the anchors or the anchored heads.
/// Each tampering test puts back what it changed, so the class's database stays intact.
/// </summary>
public abstract class EventAnchorTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "deadline.bpmn")
    where TDatabase : TestDatabase
{
    private Task<AuditVerification> VerifyAsync() =>
        Runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync(AuditVerificationScope.All, null));

    /// <summary>Moves the clock past the latest anchor's interval (earlier tests of the class anchored too) and lets the executor anchor.</summary>
    private async Task<EventAnchorRecord> AnchorAsync()
    {
        var latest = await LatestAnchorAsync();
        if (latest is not null && latest.CreatedAt.AddHours(1) > Runtime.Clock.GetUtcNow())
            Runtime.Clock.Set(latest.CreatedAt.AddHours(1));
        await Runtime.Services.GetRequiredService<JobExecutor>().AnchorAsync(CancellationToken.None);
        var anchor = await LatestAnchorAsync();
        Assert.Equal((latest?.Seq ?? 0) + 1, anchor!.Seq);
        return anchor;
    }

    private Task<EventAnchorRecord?> LatestAnchorAsync() =>
        Runtime.Query(db => db.Set<EventAnchorRecord>().AsNoTracking().OrderByDescending(a => a.Seq).FirstOrDefaultAsync());

    private Task<List<InstanceEventRecord>> LogAsync(long id) =>
        Runtime.Query(db => db.Set<InstanceEventRecord>().AsNoTracking().Where(e => e.InstanceId == id).OrderBy(e => e.Seq).ToListAsync());

    private Task<ProcessInstanceRecord> RowAsync(long id) =>
        Runtime.Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking().SingleAsync(i => i.Id == id));

    private Task<int> RestoreAsync(IEnumerable<object> rows) => Runtime.Query(db => { db.AddRange(rows); return db.SaveChangesAsync(); });

    [DatabaseFact]
    public async Task TheExecutor_AnchorsOncePerInterval_ChainedAndMovingOnWithTheHeads()
    {
        var id = await Runtime.StartAsync("deadline");
        var first = await AnchorAsync();
        var anchored = await Runtime.Query(db => db.Set<AnchoredHeadRecord>().AsNoTracking().SingleAsync(a => a.InstanceId == id));
        var row = await RowAsync(id);
        Assert.Equal((row.EventSeq, row.EventHead), (anchored.Seq, anchored.Hash));

        var due = await Runtime.Services.GetRequiredService<JobExecutor>().AnchorAsync(CancellationToken.None);
        Assert.Equal(first.CreatedAt.AddHours(1), due); // not due yet: no second anchor
        Assert.Equal(first.Seq, (await LatestAnchorAsync())!.Seq);

        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        var second = await AnchorAsync();
        Assert.Equal((first.Hash, first.Instances), (second.PrevHash, second.Instances));
        Assert.NotEqual(first.HeadsDigest, second.HeadsDigest);
        row = await RowAsync(id);
        Assert.Equal(row.EventSeq, (await Runtime.Query(db => db.Set<AnchoredHeadRecord>().AsNoTracking().SingleAsync(a => a.InstanceId == id))).Seq);
        var verification = await VerifyAsync();
        Assert.True(verification.Intact, string.Join("\n", verification.Breaks));
        Assert.Equal((second.Seq, second.CreatedAt), verification.LatestAnchor);

        // The last anchor deleted: the anchored heads no longer add up to the one before it.
        await Runtime.Query(db => db.Set<EventAnchorRecord>().Where(a => a.Seq == second.Seq).ExecuteDeleteAsync());
        var stale = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.AlteredRecord, EventAnchors.Chain, first.Seq), (stale.Kind, stale.Chain, stale.Seq));
        await RestoreAsync([second]);

        // An anchor altered without the key.
        await Runtime.Query(db => db.Set<EventAnchorRecord>().Where(a => a.Seq == first.Seq).ExecuteUpdateAsync(s => s.SetProperty(a => a.Instances, 0L)));
        var altered = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.AlteredRecord, EventAnchors.Chain, first.Seq), (altered.Kind, altered.Chain, altered.Seq));
        await Runtime.Query(db => db.Set<EventAnchorRecord>().Where(a => a.Seq == first.Seq).ExecuteUpdateAsync(s => s.SetProperty(a => a.Instances, first.Instances)));
        Assert.True((await VerifyAsync()).Intact);
    }

    [DatabaseFact]
    public async Task AnInstanceDeletedWithItsWholeLog_IsReportedAgainstTheAnchor()
    {
        var id = await Runtime.StartAsync("deadline");
        await AnchorAsync();
        var log = await LogAsync(id);
        var row = await RowAsync(id);
        var tasks = await Runtime.Query(db => db.Set<TaskRecord>().AsNoTracking().Include(t => t.Candidates).Where(t => t.InstanceId == id).ToListAsync());

        await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id).ExecuteDeleteAsync());
        await Runtime.Query(db => db.Set<TaskRecord>().Where(t => t.InstanceId == id).ExecuteDeleteAsync());
        await Runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.Id == id).ExecuteDeleteAsync());
        var deleted = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.DeletedInstance, AuditLog.InstanceChain(id), (long)log.Count), (deleted.Kind, deleted.Chain, deleted.Seq));
        Assert.Contains("deleted with its whole log", deleted.Reason, StringComparison.Ordinal);

        // Its anchored head removed as well: the anchored heads no longer add up to the anchor.
        var anchored = await Runtime.Query(db => db.Set<AnchoredHeadRecord>().AsNoTracking().SingleAsync(a => a.InstanceId == id));
        await Runtime.Query(db => db.Set<AnchoredHeadRecord>().Where(a => a.InstanceId == id).ExecuteDeleteAsync());
        var hidden = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.AlteredRecord, EventAnchors.Chain), (hidden.Kind, hidden.Chain));

        await RestoreAsync([anchored, row, .. tasks, .. log]);
        Assert.True((await VerifyAsync()).Intact);
    }

    [DatabaseFact]
    public async Task ALogCutBackTogetherWithTheHeadOnItsRow_IsReportedAgainstTheAnchor()
    {
        var id = await Runtime.StartAsync("deadline");
        await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, "zhang.san");
        await AnchorAsync();
        var log = await LogAsync(id);
        var row = await RowAsync(id);
        var kept = log[1];

        await Runtime.Query(db => db.Set<InstanceEventRecord>().Where(e => e.InstanceId == id && e.Seq > kept.Seq).ExecuteDeleteAsync());
        await SetHeadAsync(id, kept.Seq, kept.Hash);
        var cut = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.DeletedTail, AuditLog.InstanceChain(id), kept.Seq), (cut.Kind, cut.Chain, cut.Seq));
        Assert.Contains($"an anchor recorded it up to {log.Count}", cut.Reason, StringComparison.Ordinal);

        await RestoreAsync(log.Skip(2));
        await SetHeadAsync(id, row.EventSeq, row.EventHead!);
        Assert.True((await VerifyAsync()).Intact);
    }

    private Task<int> SetHeadAsync(long id, long seq, string hash) =>
        Runtime.Query(db => db.Set<ProcessInstanceRecord>().Where(i => i.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.EventSeq, seq).SetProperty(i => i.EventHead, hash)));

    [DatabaseFact]
    public async Task ASharedChain_EndsAtItsRecordedHead_AndReachesTheAnchorsHead()
    {
        for (var i = 0; i < 3; i++)
        {
            await Runtime.Query(db =>
            {
                AuditLog.Append(db, AuditLog.AccessChain, new AuditEntry("stranger", "access.refused", Comment: $"test {i}"), Runtime.Clock.GetUtcNow());
                return db.SaveChangesAsync();
            });
        }
        var chain = await Runtime.Query(db => db.Set<AuditRecord>().AsNoTracking().Where(a => a.Chain == AuditLog.AccessChain).OrderBy(a => a.Seq).ToListAsync());
        var head = await Runtime.Query(db => db.Set<AuditHeadRecord>().AsNoTracking().SingleAsync(h => h.Chain == AuditLog.AccessChain));
        Assert.Equal((chain[^1].Seq, chain[^1].Hash), (head.Seq, head.Hash));
        await AnchorAsync();

        var last = chain[^1];
        await Runtime.Query(db => db.Set<AuditRecord>().Where(a => a.Id == last.Id).ExecuteDeleteAsync());
        var tail = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.DeletedTail, AuditLog.AccessChain, last.Seq - 1), (tail.Kind, tail.Chain, tail.Seq));

        // The head rolled back too: the anchor still knows how far the chain reached.
        var before = chain[^2];
        await Runtime.Query(db => db.Set<AuditHeadRecord>().Where(h => h.Chain == AuditLog.AccessChain)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Seq, before.Seq).SetProperty(h => h.Hash, before.Hash)));
        var rolledBack = Assert.Single((await VerifyAsync()).Breaks);
        Assert.Equal((AuditBreakKind.DeletedTail, AuditLog.AccessChain), (rolledBack.Kind, rolledBack.Chain));
        Assert.Contains("an anchor recorded it up to", rolledBack.Reason, StringComparison.Ordinal);

        await RestoreAsync([last]);
        await Runtime.Query(db => db.Set<AuditHeadRecord>().Where(h => h.Chain == AuditLog.AccessChain)
            .ExecuteUpdateAsync(s => s.SetProperty(h => h.Seq, head.Seq).SetProperty(h => h.Hash, head.Hash)));
        Assert.True((await VerifyAsync()).Intact);
    }
}

public sealed class SqliteEventAnchorTests(SqliteTestDatabase database) : EventAnchorTests<SqliteTestDatabase>(database);

public sealed class PostgresEventAnchorTests(PostgresTestDatabase database) : EventAnchorTests<PostgresTestDatabase>(database);
