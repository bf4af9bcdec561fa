using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Audit;

/// <summary>What an audit record says: who did what to which instance, task or element, with which outcome and opinion.</summary>
public sealed record AuditEntry(
    string? Actor, string Action, long? InstanceId = null, long? TaskId = null, string? ElementId = null,
    string? Outcome = null, string? Comment = null, string? Data = null);

/// <summary>
/// The append-only, hash-chained audit log. Each process instance has its own chain, whose head lives
/// on the instance row (so appending costs no extra query and the instance's optimistic version check
/// orders the chain); definitions and organisation changes have shared chains.
/// </summary>
public static class AuditLog
{
    public const string DefinitionsChain = "definitions";
    public const string OrganisationChain = "organisation";

    /// <summary>Changes of the working-day calendar: years loaded, agencies' overrides.</summary>
    public const string CalendarChain = "calendar";

    /// <summary>Refused accesses: who tried what on which item, and why.</summary>
    public const string AccessChain = "access";
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string InstanceChain(long instanceId) => $"instance:{instanceId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>Appends to an instance's chain and advances the head stored on the instance row.</summary>
    public static void Append(G2GDbContext db, ProcessInstanceRecord instance, AuditEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Add(Next(instance, entry, at));
    }

    /// <summary>
    /// The next record of an instance's chain, for the caller to write in the transaction that saves the instance;
    /// advances the head stored on the instance row. Every writer of an instance's chain also raises the instance's
    /// version, so the version check decides which of two concurrent appends gets the sequence number.
    /// </summary>
    public static AuditRecord Next(ProcessInstanceRecord instance, AuditEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(entry);
        var record = Create(InstanceChain(instance.Id), instance.AuditSeq + 1, instance.AuditHead ?? GenesisHash, entry with { InstanceId = instance.Id }, at);
        instance.AuditSeq = record.Seq;
        instance.AuditHead = record.Hash;
        return record;
    }

    /// <summary>Appends to a shared chain, after the records of it already pending in this context.</summary>
    public static void Append(G2GDbContext db, string chain, AuditEntry entry, DateTimeOffset at)
    {
        var pending = db.ChangeTracker.Entries<AuditRecord>().Select(e => e.Entity).Where(r => r.Chain == chain).MaxBy(r => r.Seq);
        var head = pending ?? db.Set<AuditRecord>().AsNoTracking().Where(r => r.Chain == chain).OrderByDescending(r => r.Seq).FirstOrDefault();
        db.Add(Create(chain, (head?.Seq ?? 0) + 1, head?.Hash ?? GenesisHash, entry, at));
    }

    private static AuditRecord Create(string chain, long seq, string previous, AuditEntry entry, DateTimeOffset at)
    {
        var record = new AuditRecord
        {
            Chain = chain,
            Seq = seq,
            OccurredAt = Truncate(at),
            Actor = entry.Actor,
            Action = entry.Action,
            InstanceId = entry.InstanceId,
            TaskId = entry.TaskId,
            ElementId = entry.ElementId,
            Outcome = entry.Outcome,
            Comment = entry.Comment,
            Data = entry.Data,
            PrevHash = previous,
            Hash = "",
        };
        record.Hash = ComputeHash(record);
        return record;
    }

    /// <summary>Both providers keep microseconds; the hash must cover exactly what is stored.</summary>
    private static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>SHA-256 over every field and the previous hash, each field length-prefixed so no two records collide by concatenation.</summary>
    public static string ComputeHash(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var text = new StringBuilder();
        foreach (var field in new[]
        {
            record.Chain, record.Seq.ToString(CultureInfo.InvariantCulture),
            record.OccurredAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
            record.Actor, record.Action, record.InstanceId?.ToString(CultureInfo.InvariantCulture), record.TaskId?.ToString(CultureInfo.InvariantCulture),
            record.ElementId, record.Outcome, record.Comment, record.Data, record.PrevHash,
        })
        {
            text.Append(field is null ? "-1" : field.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(field).Append('|');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
