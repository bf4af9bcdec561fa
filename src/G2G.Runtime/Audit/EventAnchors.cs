using System.Globalization;
using System.Numerics;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace G2G.Runtime.Audit;

/// <summary>
/// Periodic anchors over every chain's head, appended by the job executor (<see cref="Jobs.JobExecutor"/>) once per
/// <see cref="EventLogOptions.AnchorInterval"/>. An anchor carries the number of instance heads it covers and a keyed
/// digest of them — the heads themselves are kept in <c>event_anchor_heads</c>, one row per instance, moved on as the
/// instance's log grows — and the shared chains' heads; each anchor is signed over all that and the previous anchor's
/// hash. The verifier then catches what the heads on the rows cannot: an instance deleted with its whole log (its anchored
/// head has no instance and no log), a log cut back together with the head on its row (the log ends before the anchored
/// head), and anchored heads removed to hide either (the digest no longer adds up).
/// </summary>
public sealed class EventAnchors(G2GDbContext db, EventLogKeys keys, SqliteWriteGate writeGate, IOptions<EventLogOptions> options, TimeProvider clock)
{
    /// <summary>How the anchors' chain is named in verification reports.</summary>
    public const string Chain = "anchors";

    private static readonly BigInteger Modulus = BigInteger.One << 256;

    /// <summary>
    /// Appends an anchor when the latest is older than the interval (or there is none); returns when the next one is due.
    /// Nodes that race append one anchor between them: the loser's insert collides on the anchor's sequence number and
    /// rolls back.
    /// </summary>
    public async Task<DateTimeOffset> AppendIfDueAsync(CancellationToken cancellationToken = default)
    {
        var interval = options.Value.AnchorInterval;
        using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var now = clock.GetUtcNow();
        var latest = await db.Set<EventAnchorRecord>().AsNoTracking().OrderByDescending(a => a.Seq).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (latest is not null && latest.CreatedAt + interval > now)
            return latest.CreatedAt + interval;
        await AppendAsync(latest, now, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return now + interval;
    }

    /// <summary>
    /// Moves the anchored heads on to the instances' current heads (only those that changed since the last anchor are read
    /// and written) and appends the anchor. The digest is carried forward term by term; under a new key it is added up again.
    /// </summary>
    private async Task AppendAsync(EventAnchorRecord? latest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var changed = await (
                from i in db.Set<ProcessInstanceRecord>()
                where i.EventSeq > 0 && i.EventHead != null
                join a in db.Set<AnchoredHeadRecord>() on i.Id equals a.InstanceId into anchored
                from a in anchored.DefaultIfEmpty()
                where a == null || a.Seq != i.EventSeq
                select new { i.Id, i.EventSeq, Head = i.EventHead!, Anchored = a })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var carried = latest is not null && latest.KeyId == keys.CurrentId;
        var digest = carried ? Parse(latest!.HeadsDigest) : BigInteger.Zero;
        var count = latest?.Instances ?? 0;
        foreach (var head in changed)
        {
            if (head.Anchored is { } anchored)
            {
                digest -= Term(keys.Current, anchored);
                anchored.Seq = head.EventSeq;
                anchored.Hash = head.Head;
                digest += Term(keys.Current, anchored);
            }
            else
            {
                var added = new AnchoredHeadRecord { InstanceId = head.Id, Seq = head.EventSeq, Hash = head.Head };
                db.Add(added);
                digest += Term(keys.Current, added);
                count++;
            }
        }
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        if (!carried)
            (count, digest) = await SumAsync(db.Set<AnchoredHeadRecord>().AsNoTracking(), keys.Current, cancellationToken).ConfigureAwait(false);
        var shared = await db.Set<AuditHeadRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var anchor = new EventAnchorRecord
        {
            Seq = (latest?.Seq ?? 0) + 1,
            CreatedAt = AuditLog.Truncate(now),
            Instances = count,
            HeadsDigest = Format(digest),
            SharedHeads = FormatSharedHeads(shared),
            KeyId = keys.CurrentId,
            PrevHash = latest?.Hash ?? AuditLog.GenesisHash,
            Hash = "",
        };
        anchor.Hash = AuditLog.ComputeHash(anchor, keys.Current);
        db.Add(anchor);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
    }

    /// <summary>The number of anchored heads and their digest under <paramref name="key"/>, streamed.</summary>
    internal static async Task<(long Count, BigInteger Digest)> SumAsync(IQueryable<AnchoredHeadRecord> heads, byte[] key, CancellationToken cancellationToken)
    {
        var count = 0L;
        var digest = BigInteger.Zero;
        await foreach (var head in heads.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            count++;
            digest += Term(key, head);
        }
        return (count, Normalise(digest));
    }

    /// <summary>The digest as stored: 64 hex digits.</summary>
    internal static string Format(BigInteger digest) => Convert.ToHexStringLower(Normalise(digest).ToByteArray(isUnsigned: true, isBigEndian: true)).PadLeft(64, '0');

    /// <summary>A shared chain's head in an anchor: <c>chain seq hash</c>, one a line, in chain order.</summary>
    internal static string FormatSharedHeads(IEnumerable<AuditHeadRecord> heads) =>
        string.Join('\n', heads.OrderBy(h => h.Chain, StringComparer.Ordinal).Select(h => string.Create(CultureInfo.InvariantCulture, $"{h.Chain} {h.Seq} {h.Hash}")));

    /// <summary>The shared chains' heads an anchor recorded, by chain.</summary>
    internal static Dictionary<string, (long Seq, string Hash)> ParseSharedHeads(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(' '))
            .ToDictionary(f => f[0], f => (long.Parse(f[1], CultureInfo.InvariantCulture), f[2]), StringComparer.Ordinal);

    private static BigInteger Parse(string digest) => new(Convert.FromHexString(digest), isUnsigned: true, isBigEndian: true);

    private static BigInteger Term(byte[] key, AnchoredHeadRecord head) =>
        new(AuditLog.HeadMac(key, head.InstanceId, head.Seq, head.Hash), isUnsigned: true, isBigEndian: true);

    private static BigInteger Normalise(BigInteger digest) => (digest % Modulus + Modulus) % Modulus;
}
