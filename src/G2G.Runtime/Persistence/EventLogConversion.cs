using System.Data.Common;
using G2G.Runtime.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;

namespace G2G.Runtime.Persistence;

/// <summary>
/// Carries the rows of the audit log and history of before the event log over (between migrations <c>EventLog</c> and
/// <c>DropHistory</c>), in one transaction (instances that already have a log, from a run that committed just before
/// a crash, are left as they are): each instance's audit records and history steps become its event log, in time
/// order (at the same instant the command's record before its steps), signed with the current key, its head on the
/// instance row; the shared chains are signed again record by record. Every old chain is first verified with the old
/// unkeyed hash, against the head the instance row recorded: a break found is carried over as a last event of kind
/// <c>log.carried-over-break</c> saying where and why (and logged), so the upgrade neither stops nor launders it.
/// </summary>
internal static class EventLogConversion
{
    public const string CarriedOverBreak = "log.carried-over-break";

    private sealed record OldStep(long InstanceId, long Id, string ElementId, string ElementKind, string Phase, long TokenId, DateTimeOffset OccurredAt);

    public static async Task RunAsync(G2GDbContext db, EventLogKeys keys, ILogger logger, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var instances = 0;
        var events = 0;
        var instanceIds = await db.Set<ProcessInstanceRecord>().AsNoTracking().OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in instanceIds.Chunk(200))
        {
            var (first, last) = (chunk[0], chunk[^1]);
            var steps = (await ReadStepsAsync(db, first, last, cancellationToken).ConfigureAwait(false)).ToLookup(s => s.InstanceId);
            var chains = chunk.Select(AuditLog.InstanceChain).ToList();
            var audit = (await db.Set<AuditRecord>().AsNoTracking().Where(a => chains.Contains(a.Chain)).OrderBy(a => a.Seq)
                .ToListAsync(cancellationToken).ConfigureAwait(false)).ToLookup(a => a.Chain);
            // Instances that have a log already were converted by a run that committed before DropHistory could follow.
            var converted = await db.Set<InstanceEventRecord>().Where(e => e.InstanceId >= first && e.InstanceId <= last).Select(e => e.InstanceId).Distinct()
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var instance in await db.Set<ProcessInstanceRecord>().Where(i => i.Id >= first && i.Id <= last && !converted.Contains(i.Id))
                .ToListAsync(cancellationToken).ConfigureAwait(false))
            {
                var records = audit[AuditLog.InstanceChain(instance.Id)].ToList();
                var broken = LegacyBreak(records, instance.EventSeq, instance.EventHead);
                var log = records.Select(a => (a.OccurredAt, Order: 0, a.Seq, Event: AuditLog.Record(instance.Id,
                        new AuditEntry(a.Actor, a.Action, TaskId: a.TaskId, ElementId: a.ElementId, Outcome: a.Outcome, Comment: a.Comment, Data: a.Data), a.OccurredAt)))
                    .Concat(steps[instance.Id].Select(s => (s.OccurredAt, Order: 1, Seq: s.Id, Event: AuditLog.Record(instance.Id,
                        new AuditEntry(null, s.Phase.Contains('.', StringComparison.Ordinal) ? s.Phase : EventKinds.Of(Enum.Parse<G2G.Engine.Execution.ElementPhase>(s.Phase)),
                            ElementId: s.ElementId, ElementKind: s.ElementKind, TokenId: s.TokenId), s.OccurredAt))))
                    .OrderBy(e => e.OccurredAt).ThenBy(e => e.Order).ThenBy(e => e.Seq).Select(e => e.Event).ToList();
                if (broken is not null)
                {
                    logger.LogWarning("The audit chain of process instance {InstanceId} was broken before the upgrade: {Reason}", instance.Id, broken);
                    log.Add(AuditLog.Record(instance.Id, new AuditEntry("system", CarriedOverBreak, Comment: broken), log.Count > 0 ? log[^1].OccurredAt : instance.StartedAt));
                }
                instance.EventSeq = 0;
                instance.EventHead = null;
                AuditLog.Chain(instance, log, keys);
                db.AddRange(log);
                instances++;
                events += log.Count;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }
        var shared = await ResignSharedChainsAsync(db, keys, logger, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        if (instances + shared > 0 && logger.IsEnabled(LogLevel.Information))
            logger.LogInformation("Carried {Instances} instances' audit and history over into {Events} events; signed {Shared} records of the shared audit chains again", instances, events, shared);
    }

    /// <summary>The first break of an old instance chain (unkeyed SHA-256), including against the head its instance row recorded; null when intact.</summary>
    private static string? LegacyBreak(List<AuditRecord> records, long headSeq, string? head)
    {
        var previous = AuditLog.GenesisHash;
        for (var i = 0; i < records.Count; i++)
        {
            var record = records[i];
            if (record.Seq != i + 1)
                return $"sequence jumps from {i} to {record.Seq}: a record is missing";
            if (record.PrevHash != previous)
                return $"record {record.Seq} does not link to the previous record's hash";
            if (AuditLog.LegacyHash(record) != record.Hash)
                return $"record {record.Seq} does not match its hash: it was altered";
            previous = record.Hash;
        }
        return records.Count != headSeq || (records.Count > 0 && previous != head)
            ? $"the chain ends at {records.Count} but the instance row recorded {headSeq}: records were deleted"
            : null;
    }

    /// <summary>The old history rows of instances first..last, read with plain SQL (the table has no entity any more).</summary>
    private static async Task<List<OldStep>> ReadStepsAsync(G2GDbContext db, long first, long last, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "SELECT instance_id, id, element_id, element_kind, phase, token_id, occurred_at FROM history WHERE instance_id >= @first AND instance_id <= @last ORDER BY instance_id, id";
        Parameter(command, "@first", first);
        Parameter(command, "@last", last);
        var steps = new List<OldStep>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            steps.Add(new OldStep(reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt64(5),
                reader.GetFieldValue<DateTimeOffset>(6).ToUniversalTime()));
        }
        return steps;
    }

    private static void Parameter(DbCommand command, string name, long value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>Verifies each shared chain with the old hash and signs it again with the key, record by record; returns how many.</summary>
    private static async Task<int> ResignSharedChainsAsync(G2GDbContext db, EventLogKeys keys, ILogger logger, CancellationToken cancellationToken)
    {
        var chains = await db.Set<AuditRecord>().AsNoTracking().Where(a => a.KeyId == 0 && !a.Chain.StartsWith("instance:")).Select(a => a.Chain).Distinct()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var count = 0;
        foreach (var chain in chains)
        {
            var records = await db.Set<AuditRecord>().Where(a => a.Chain == chain).OrderBy(a => a.Seq).ToListAsync(cancellationToken).ConfigureAwait(false);
            var broken = LegacyBreak(records, records.Count, records.Count > 0 ? records[^1].Hash : null);
            var previous = AuditLog.GenesisHash;
            foreach (var record in records)
            {
                record.PrevHash = previous;
                record.KeyId = keys.CurrentId;
                record.Hash = AuditLog.ComputeHash(record, keys.Current);
                previous = record.Hash;
            }
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            if (broken is not null)
            {
                logger.LogWarning("The audit chain {Chain} was broken before the upgrade: {Reason}", chain, broken);
                // Appended by hand: the chains' heads (audit_heads) come with a later migration, filled from the chains as they are then.
                var carried = new AuditRecord
                {
                    Chain = chain, Seq = records[^1].Seq + 1, OccurredAt = records[^1].OccurredAt, Actor = "system", Action = CarriedOverBreak,
                    Comment = broken, PrevHash = previous, KeyId = keys.CurrentId, Hash = "",
                };
                carried.Hash = AuditLog.ComputeHash(carried, keys.Current);
                db.Add(carried);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
            }
            count += records.Count;
        }
        return count;
    }
}
