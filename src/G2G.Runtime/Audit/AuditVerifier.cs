using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Audit;

/// <summary>How a chain can be broken.</summary>
public enum AuditBreakKind
{
    /// <summary>A sequence number is skipped: a record in the middle was deleted.</summary>
    MissingRecord,

    /// <summary>A record does not link to its predecessor's hash (shared chains, which store the link).</summary>
    WrongLink,

    /// <summary>A record's content does not match its keyed hash: it was altered, or the chain after it rewritten.</summary>
    AlteredRecord,

    /// <summary>A record names a key the key ring does not hold.</summary>
    UnknownKey,

    /// <summary>An instance's log ends before the head recorded on the instance row: its last records were deleted.</summary>
    DeletedTail,

    /// <summary>An instance row records a head but none of its log is left.</summary>
    DeletedChain,

    /// <summary>Log records whose instance row is gone.</summary>
    DeletedInstance,
}

/// <summary>A broken link: the chain, the record (its sequence number; the <c>audit_log</c> row id for shared chains, else 0) and why.</summary>
public sealed record AuditBreak(string Chain, long Seq, long RecordId, string Reason)
{
    public AuditBreakKind Kind { get; init; }
}

/// <summary>Which chains to check: one instance's, or the instances started since a time (and then no shared chain), or all.</summary>
public sealed record AuditVerificationScope(long? InstanceId = null, DateTimeOffset? Since = null)
{
    public static readonly AuditVerificationScope All = new();

    public bool OnlyInstances => InstanceId is not null || Since is not null;
}

/// <summary>What a verification checked and the first break of each kind found (none: every chain is intact).</summary>
public sealed record AuditVerification(long Chains, long Records, IReadOnlyList<AuditBreak> Breaks)
{
    public bool Intact => Breaks.Count == 0;

    /// <summary>The latest anchor checked (its number and time), or null when none was (none yet, or a verification of some instances only).</summary>
    public (long Seq, DateTimeOffset At)? LatestAnchor { get; init; }
}

/// <summary>
/// Verifies the hash chains: every instance's event log against the head recorded on its instance row (a deleted tail, a
/// deleted log, records of a deleted instance row, an altered record, a missing one) and against the head the latest
/// anchor recorded for it (an instance deleted with its whole log, a log cut back with its head); the shared audit chains
/// record by record against their heads (<c>audit_heads</c>) and the anchor's; the anchors' own chain and the digest of
/// the anchored heads (<see cref="EventAnchors"/>). The admin API and the operator's <c>audit verify</c> command both use it.
/// </summary>
public sealed class AuditVerifier(G2GDbContext db, CallerContext callers, EventLogKeys keys)
{
    private const int InstancesPerPage = 500;

    /// <summary>Checks every chain; the first broken link, or null when all are intact. Administrators only.</summary>
    public async Task<AuditBreak?> VerifyAsync(CancellationToken cancellationToken = default) =>
        (await VerifyAsync(AuditVerificationScope.All, null, cancellationToken).ConfigureAwait(false)).Breaks is [var first, ..] ? first : null;

    /// <summary>
    /// Checks the chains in <paramref name="scope"/>, streaming (memory stays flat however long the log is), and reports
    /// the first break of each kind; <paramref name="progress"/> hears the chains and records checked so far every few
    /// thousand records. Administrators only.
    /// </summary>
    public async Task<AuditVerification> VerifyAsync(AuditVerificationScope scope, Action<long, long>? progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(scope);
        AccessRefusals.RequireAdministrator(callers, "verify the audit log");
        var run = new Run(progress);
        var anchor = scope.OnlyInstances ? null : await VerifyAnchorsAsync(run, cancellationToken).ConfigureAwait(false);
        await VerifyInstancesAsync(scope, run, cancellationToken).ConfigureAwait(false);
        if (!scope.OnlyInstances)
            await VerifySharedChainsAsync(anchor, run, cancellationToken).ConfigureAwait(false);
        return new AuditVerification(run.Chains, run.Records, [.. run.Breaks.Values.OrderBy(b => b.Kind)])
        {
            LatestAnchor = anchor is null ? null : (anchor.Seq, anchor.CreatedAt),
        };
    }

    /// <summary>
    /// Checks one instance's event log — the same checks as <see cref="VerifyAsync(AuditVerificationScope, Action{long, long}?, CancellationToken)"/>
    /// for that instance — for anyone who may see the instance (its page shows the result); an instance the caller may not
    /// see does not exist for them (NotFound, with the refusal to record).
    /// </summary>
    public async Task<AuditVerification> VerifyInstanceAsync(long instanceId, CancellationToken cancellationToken = default)
    {
        if (!await db.Set<ProcessInstanceRecord>().AsNoTracking().VisibleTo(db, callers.Current).AnyAsync(i => i.Id == instanceId, cancellationToken).ConfigureAwait(false))
        {
            throw callers.Current is { } caller
                ? AccessRefusals.Hidden(caller, RuntimeMessages.InstanceNotFound(instanceId), $"instance {instanceId}", "verify")
                : new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.InstanceNotFound(instanceId));
        }
        var run = new Run(null);
        await VerifyInstancesAsync(new AuditVerificationScope(instanceId), run, cancellationToken).ConfigureAwait(false);
        return new AuditVerification(run.Chains, run.Records, [.. run.Breaks.Values.OrderBy(b => b.Kind)]);
    }

    /// <summary>Counts, the first break of each kind, and the progress report.</summary>
    private sealed class Run(Action<long, long>? progress)
    {
        public long Chains, Records;
        public readonly Dictionary<AuditBreakKind, AuditBreak> Breaks = [];

        public void Break(AuditBreakKind kind, string chain, long seq, long recordId, string reason) =>
            Breaks.TryAdd(kind, new AuditBreak(chain, seq, recordId, reason) { Kind = kind });

        public void Counted()
        {
            if (++Records % 10_000 == 0)
                progress?.Invoke(Chains, Records);
        }
    }

    /// <summary>
    /// Instances page by page in id order, each page's logs in (instance, sequence) order. Without a filter the logs of a page
    /// are read by id range, so records of an instance row that no longer exists are seen too.
    /// </summary>
    private async Task VerifyInstancesAsync(AuditVerificationScope scope, Run run, CancellationToken cancellationToken)
    {
        long after = long.MinValue;
        while (true)
        {
            var instances = db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Id > after);
            if (scope.InstanceId is { } only)
                instances = instances.Where(i => i.Id == only);
            if (scope.Since is { } since)
                instances = instances.Where(i => i.StartedAt >= since);
            var page = await instances.OrderBy(i => i.Id).Take(InstancesPerPage)
                .Select(i => new Head(i.Id, i.EventSeq, i.EventHead)).ToListAsync(cancellationToken).ConfigureAwait(false);
            var last = page.Count == InstancesPerPage ? page[^1].Id : (long?)null;
            var heads = page.ToDictionary(h => h.Id);
            var ids = heads.Keys.ToList();
            var events = db.Set<InstanceEventRecord>().AsNoTracking();
            events = scope.OnlyInstances
                ? events.Where(e => ids.Contains(e.InstanceId))
                : events.Where(e => e.InstanceId > after && (last == null || e.InstanceId <= last));
            var anchoredHeads = db.Set<AnchoredHeadRecord>().AsNoTracking();
            anchoredHeads = scope.OnlyInstances
                ? anchoredHeads.Where(a => ids.Contains(a.InstanceId))
                : anchoredHeads.Where(a => a.InstanceId > after && (last == null || a.InstanceId <= last));
            var anchored = await anchoredHeads.ToDictionaryAsync(a => a.InstanceId, cancellationToken).ConfigureAwait(false);
            Chain? chain = null;
            await foreach (var record in events.OrderBy(e => e.InstanceId).ThenBy(e => e.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (chain?.InstanceId != record.InstanceId)
                {
                    chain?.End(run);
                    chain = new Chain(record.InstanceId, heads.GetValueOrDefault(record.InstanceId), anchored.GetValueOrDefault(record.InstanceId));
                    heads.Remove(record.InstanceId);
                    anchored.Remove(record.InstanceId);
                    run.Chains++;
                }
                chain.Check(record, keys, run);
                run.Counted();
            }
            chain?.End(run);
            foreach (var head in heads.Values.Where(h => h.Seq > 0))
            {
                run.Chains++;
                run.Break(AuditBreakKind.DeletedChain, AuditLog.InstanceChain(head.Id), head.Seq, 0,
                    $"the instance row records {head.Seq} events but none is left: the instance's whole log was deleted");
            }
            foreach (var gone in anchored.Values)
            {
                run.Chains++;
                if (!heads.TryGetValue(gone.InstanceId, out var row))
                {
                    run.Break(AuditBreakKind.DeletedInstance, AuditLog.InstanceChain(gone.InstanceId), gone.Seq, 0,
                        $"an anchor recorded its log up to {gone.Seq}, but neither the instance row nor any of its log is left: the instance was deleted with its whole log");
                }
                else if (row.Seq == 0)
                {
                    run.Break(AuditBreakKind.DeletedChain, AuditLog.InstanceChain(gone.InstanceId), gone.Seq, 0,
                        $"an anchor recorded its log up to {gone.Seq}, but none of it is left and the instance row's head was cleared: the whole log was deleted");
                }
            }
            if (last is null)
                return;
            after = last.Value;
        }
    }

    private sealed record Head(long Id, long Seq, string? Hash);

    /// <summary>
    /// One instance's log as it is read: the next sequence number expected and the hash it must link to; the log must
    /// reach the head its row records and the one the latest anchor recorded.
    /// </summary>
    private sealed class Chain(long instanceId, Head? head, AnchoredHeadRecord? anchored)
    {
        private long _expected = 1;
        private string _previous = AuditLog.GenesisHash;

        public long InstanceId => instanceId;

        private string Name => AuditLog.InstanceChain(instanceId);

        public void Check(InstanceEventRecord record, EventLogKeys keys, Run run)
        {
            if (head is null && _expected == 1)
                run.Break(AuditBreakKind.DeletedInstance, Name, record.Seq, 0, "the log has records but its instance row is gone: the instance was deleted");
            if (record.Seq != _expected)
                run.Break(AuditBreakKind.MissingRecord, Name, record.Seq, 0, $"sequence jumps from {_expected - 1} to {record.Seq}: a record is missing");
            if (keys.Find(record.KeyId) is not { } key)
                run.Break(AuditBreakKind.UnknownKey, Name, record.Seq, 0, $"it was signed with key {record.KeyId}, which the key ring does not hold");
            else if (AuditLog.ComputeHash(record, _previous, key) != record.Hash)
                run.Break(AuditBreakKind.AlteredRecord, Name, record.Seq, 0, "its content does not match its keyed hash: the record was altered or a record before it removed");
            if (record.Seq == anchored?.Seq && record.Hash != anchored.Hash)
                run.Break(AuditBreakKind.AlteredRecord, Name, record.Seq, 0, "it is not the record the latest anchor recorded at this place: the log was replaced");
            _previous = record.Hash;
            _expected = record.Seq + 1;
        }

        /// <summary>After the last record: the log must end exactly at the head the instance row records.</summary>
        public void End(Run run)
        {
            var last = _expected - 1;
            if (last < anchored?.Seq)
            {
                run.Break(AuditBreakKind.DeletedTail, Name, last, 0,
                    $"the log ends at {last} but an anchor recorded it up to {anchored.Seq}: its last records were deleted and the head rolled back");
            }
            if (head is null)
                return;
            if (last < head.Seq)
                run.Break(AuditBreakKind.DeletedTail, Name, last, 0, $"the log ends at {last} but the instance row records {head.Seq}: its last records were deleted");
            else if (last > head.Seq || _previous != head.Hash)
                run.Break(AuditBreakKind.DeletedTail, Name, last, 0, $"the log's last record ({last}) is not the head the instance row records ({head.Seq}): the head was rolled back");
        }
    }

    /// <summary>
    /// The anchors' chain, record by record, then the anchored instance heads against the latest anchor's count and digest;
    /// returns the latest anchor (null when there is none).
    /// </summary>
    private async Task<EventAnchorRecord?> VerifyAnchorsAsync(Run run, CancellationToken cancellationToken)
    {
        EventAnchorRecord? latest = null;
        var previous = AuditLog.GenesisHash;
        await foreach (var anchor in db.Set<EventAnchorRecord>().AsNoTracking().OrderBy(a => a.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var expected = (latest?.Seq ?? 0) + 1;
            if (anchor.Seq != expected)
                run.Break(AuditBreakKind.MissingRecord, EventAnchors.Chain, anchor.Seq, 0, $"anchors jump from {expected - 1} to {anchor.Seq}: an anchor is missing");
            if (anchor.PrevHash != previous)
                run.Break(AuditBreakKind.WrongLink, EventAnchors.Chain, anchor.Seq, 0, "it does not link to the previous anchor's hash");
            if (keys.Find(anchor.KeyId) is not { } key)
                run.Break(AuditBreakKind.UnknownKey, EventAnchors.Chain, anchor.Seq, 0, $"it was signed with key {anchor.KeyId}, which the key ring does not hold");
            else if (AuditLog.ComputeHash(anchor, key) != anchor.Hash)
                run.Break(AuditBreakKind.AlteredRecord, EventAnchors.Chain, anchor.Seq, 0, "its content does not match its keyed hash: the anchor was altered");
            previous = anchor.Hash;
            latest = anchor;
            run.Counted();
        }
        var heads = db.Set<AnchoredHeadRecord>().AsNoTracking();
        if (latest is null)
        {
            if (await heads.AnyAsync(cancellationToken).ConfigureAwait(false))
                run.Break(AuditBreakKind.DeletedChain, EventAnchors.Chain, 0, 0, "instance heads are anchored but no anchor is left: the anchors were deleted");
            return null;
        }
        run.Chains++;
        if (keys.Find(latest.KeyId) is { } latestKey)
        {
            var (count, digest) = await EventAnchors.SumAsync(heads, latestKey, cancellationToken).ConfigureAwait(false);
            if (count != latest.Instances || EventAnchors.Format(digest) != latest.HeadsDigest)
            {
                run.Break(AuditBreakKind.AlteredRecord, EventAnchors.Chain, latest.Seq, 0,
                    $"the {count} anchored instance heads do not add up to the latest anchor's {latest.Instances}: anchored heads were deleted or altered, or the last anchors deleted");
            }
        }
        return latest;
    }

    /// <summary>
    /// The shared chains (definitions, organisation, calendar, access, …), streamed in (chain, seq) order, each against
    /// its head (<c>audit_heads</c>) and the head the latest anchor recorded.
    /// </summary>
    private async Task VerifySharedChainsAsync(EventAnchorRecord? anchor, Run run, CancellationToken cancellationToken)
    {
        var heads = await db.Set<AuditHeadRecord>().AsNoTracking().ToDictionaryAsync(h => h.Chain, StringComparer.Ordinal, cancellationToken).ConfigureAwait(false);
        Dictionary<string, (long Seq, string Hash)> anchored = anchor is null ? [] : EventAnchors.ParseSharedHeads(anchor.SharedHeads);
        string? chain = null;
        var previous = AuditLog.GenesisHash;
        long expectedSeq = 1;
        await foreach (var record in db.Set<AuditRecord>().AsNoTracking().OrderBy(r => r.Chain).ThenBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record.Chain != chain)
            {
                if (chain is not null)
                    EndSharedChain(chain, expectedSeq - 1, previous, heads, anchored, run);
                chain = record.Chain;
                previous = AuditLog.GenesisHash;
                expectedSeq = 1;
                run.Chains++;
            }
            if (record.Seq != expectedSeq)
                run.Break(AuditBreakKind.MissingRecord, record.Chain, record.Seq, record.Id, $"sequence jumps from {expectedSeq - 1} to {record.Seq}: a record is missing");
            if (record.PrevHash != previous)
                run.Break(AuditBreakKind.WrongLink, record.Chain, record.Seq, record.Id, "it does not link to the previous record's hash");
            if (keys.Find(record.KeyId) is not { } key)
                run.Break(AuditBreakKind.UnknownKey, record.Chain, record.Seq, record.Id, $"it was signed with key {record.KeyId}, which the key ring does not hold");
            else if (AuditLog.ComputeHash(record, key) != record.Hash)
                run.Break(AuditBreakKind.AlteredRecord, record.Chain, record.Seq, record.Id, "its content does not match its keyed hash: the record was altered");
            if (anchored.TryGetValue(record.Chain, out var mark) && mark.Seq == record.Seq && mark.Hash != record.Hash)
                run.Break(AuditBreakKind.AlteredRecord, record.Chain, record.Seq, record.Id, "it is not the record the latest anchor recorded at this place: the chain was replaced");
            previous = record.Hash;
            expectedSeq = record.Seq + 1;
            run.Counted();
        }
        if (chain is not null)
            EndSharedChain(chain, expectedSeq - 1, previous, heads, anchored, run);
        foreach (var (name, head) in heads)
        {
            run.Chains++;
            run.Break(AuditBreakKind.DeletedChain, name, head.Seq, 0, $"its head records {head.Seq} records but none is left: the whole chain was deleted");
        }
        foreach (var (name, mark) in anchored.Where(a => !heads.ContainsKey(a.Key)))
            run.Break(AuditBreakKind.DeletedChain, name, mark.Seq, 0, $"an anchor recorded it up to {mark.Seq} but none of it is left: the whole chain and its head were deleted");
    }

    /// <summary>After a shared chain's last record: it must end at its recorded head and reach the anchor's.</summary>
    private static void EndSharedChain(string chain, long last, string previous, Dictionary<string, AuditHeadRecord> heads,
        Dictionary<string, (long Seq, string Hash)> anchored, Run run)
    {
        if (anchored.Remove(chain, out var mark) && last < mark.Seq)
        {
            run.Break(AuditBreakKind.DeletedTail, chain, last, 0,
                $"the chain ends at {last} but an anchor recorded it up to {mark.Seq}: its last records were deleted and its head rolled back");
        }
        if (!heads.Remove(chain, out var head))
            run.Break(AuditBreakKind.DeletedTail, chain, last, 0, "the chain has no recorded head: its head was deleted");
        else if (last < head.Seq)
            run.Break(AuditBreakKind.DeletedTail, chain, last, 0, $"the chain ends at {last} but its head records {head.Seq}: its last records were deleted");
        else if (last > head.Seq || previous != head.Hash)
            run.Break(AuditBreakKind.DeletedTail, chain, last, 0, $"the chain's last record ({last}) is not its recorded head ({head.Seq}): the head was rolled back");
    }
}
