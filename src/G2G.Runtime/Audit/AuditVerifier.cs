using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Audit;

/// <summary>The first record whose hash or link does not match, or null when every chain verifies.</summary>
public sealed record AuditBreak(string Chain, long Seq, long RecordId, string Reason);

/// <summary>Walks every audit chain in order and reports the first broken link.</summary>
public sealed class AuditVerifier(G2GDbContext db, CallerContext callers)
{
    /// <summary>Checks every chain; the first broken link, or null when all are intact. Administrators only.</summary>
    public async Task<AuditBreak?> VerifyAsync(CancellationToken cancellationToken = default)
    {
        AccessRefusals.RequireAdministrator(callers, "verify the audit log");
        string? chain = null;
        var previous = AuditLog.GenesisHash;
        long expectedSeq = 1;
        // Streamed in (chain, seq) order: memory stays flat however long the log is.
        await foreach (var record in db.Set<AuditRecord>().AsNoTracking().OrderBy(r => r.Chain).ThenBy(r => r.Seq).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (record.Chain != chain)
            {
                chain = record.Chain;
                previous = AuditLog.GenesisHash;
                expectedSeq = 1;
            }
            if (record.Seq != expectedSeq)
                return new AuditBreak(record.Chain, record.Seq, record.Id, $"sequence jumps from {expectedSeq - 1} to {record.Seq}: a record is missing");
            if (record.PrevHash != previous)
                return new AuditBreak(record.Chain, record.Seq, record.Id, "it does not link to the previous record's hash");
            if (AuditLog.ComputeHash(record) != record.Hash)
                return new AuditBreak(record.Chain, record.Seq, record.Id, "its content does not match its hash: the record was altered");
            previous = record.Hash;
            expectedSeq++;
        }
        return null;
    }
}
