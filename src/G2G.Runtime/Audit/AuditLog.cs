using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Audit;

/// <summary>What an audit record says: who did what to which task or element, with which outcome and opinion.</summary>
public sealed record AuditEntry(
    string? Actor, string Action, long? TaskId = null, string? ElementId = null,
    string? Outcome = null, string? Comment = null, string? Data = null, string? OnBehalfOf = null,
    string? ElementKind = null, long? TokenId = null);

/// <summary>
/// The hash chains. Each process instance has its own append-only event log (<see cref="InstanceEventRecord"/>), whose head
/// lives on the instance row, so appending costs no extra query, the instance's optimistic version check orders the
/// chain and the verifier notices a deleted tail; definitions, organisation, calendar and refused accesses have shared
/// chains in <c>audit_log</c>. Every record is signed with HMAC-SHA-256 under a key kept outside the database
/// (<see cref="EventLogKeys"/>) over every field (length-prefixed) and the previous record's hash.
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

    /// <summary>How an instance's log is named in verification reports.</summary>
    public static string InstanceChain(long instanceId) => $"instance:{instanceId.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Appends to an instance's event log (tracked, written by the caller's SaveChanges) and advances the head stored on the
    /// instance row. The caller raises the instance's version in the same save when the fact changes what users see; the head
    /// is a concurrency token of the row either way, so appends never fork the log.
    /// </summary>
    public static void Append(G2GDbContext db, ProcessInstanceRecord instance, AuditEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        var record = Record(instance.Id, entry, at);
        Chain(instance, [record], EventLogKeys.Of(db));
        db.Add(record);
    }

    /// <summary>An unsigned event of an instance, for <see cref="Chain"/> to number and sign.</summary>
    public static InstanceEventRecord Record(long instanceId, AuditEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new InstanceEventRecord
        {
            InstanceId = instanceId, OccurredAt = Truncate(at), Kind = entry.Action, Actor = entry.Actor, OnBehalfOf = entry.OnBehalfOf,
            TaskId = entry.TaskId, ElementId = entry.ElementId, ElementKind = entry.ElementKind, TokenId = entry.TokenId,
            Outcome = entry.Outcome, Comment = entry.Comment, Data = entry.Data, Hash = "",
        };
    }

    /// <summary>
    /// Numbers and signs events in order after the instance's head and advances the head. The head (sequence number) is a
    /// concurrency token of the instance row, so the check of the row's update decides which of two concurrent appends gets
    /// the sequence numbers.
    /// </summary>
    public static void Chain(ProcessInstanceRecord instance, IEnumerable<InstanceEventRecord> events, EventLogKeys keys)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(keys);
        var head = instance.EventHead ?? GenesisHash;
        var seq = instance.EventSeq;
        foreach (var record in events)
        {
            record.Seq = ++seq;
            record.KeyId = keys.CurrentId;
            record.Hash = ComputeHash(record, head, keys.Current);
            head = record.Hash;
        }
        instance.EventSeq = seq;
        instance.EventHead = head;
    }

    /// <summary>
    /// Appends to a shared chain after its head (<see cref="AuditHeadRecord"/>, tracked: a second append in the same context
    /// follows the first) and advances the head, both written by the caller's SaveChanges. Two concurrent appends to a chain
    /// collide on its (chain, seq) key, so the chain never forks.
    /// </summary>
    public static void Append(G2GDbContext db, string chain, AuditEntry entry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entry);
        var head = db.Set<AuditHeadRecord>().Find(chain);
        if (head is null)
        {
            head = new AuditHeadRecord { Chain = chain, Seq = 0, Hash = GenesisHash };
            db.Add(head);
        }
        var keys = EventLogKeys.Of(db);
        var record = new AuditRecord
        {
            Chain = chain,
            Seq = head.Seq + 1,
            OccurredAt = Truncate(at),
            Actor = entry.Actor,
            Action = entry.Action,
            TaskId = entry.TaskId,
            ElementId = entry.ElementId,
            Outcome = entry.Outcome,
            Comment = entry.Comment,
            Data = entry.Data,
            PrevHash = head.Hash,
            KeyId = keys.CurrentId,
            Hash = "",
        };
        record.Hash = ComputeHash(record, keys.Current);
        head.Seq = record.Seq;
        head.Hash = record.Hash;
        db.Add(record);
    }

    /// <summary>Both providers keep microseconds; the hash must cover exactly what is stored.</summary>
    internal static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - at.UtcTicks % 10, TimeSpan.Zero);

    /// <summary>The keyed hash of an instance event: every field, the key's id and the previous record's hash.</summary>
    public static string ComputeHash(InstanceEventRecord record, string previous, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Sign(key, Number(record.InstanceId), Number(record.Seq), Time(record.OccurredAt), record.Kind, record.ElementId, record.ElementKind,
            Number(record.TokenId), Number(record.TaskId), record.Actor, record.OnBehalfOf, record.Outcome, record.Comment, record.Data,
            Number(record.KeyId), previous);
    }

    /// <summary>The keyed hash of a shared chain's record: every field, the key's id and the previous record's hash.</summary>
    public static string ComputeHash(AuditRecord record, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(record);
        return Sign(key, record.Chain, Number(record.Seq), Time(record.OccurredAt), record.Actor, record.Action, Number(record.InstanceId),
            Number(record.TaskId), record.ElementId, record.Outcome, record.Comment, record.Data, Number(record.KeyId), record.PrevHash);
    }

    /// <summary>The keyed hash of an anchor: every field, the key's id and the previous anchor's hash.</summary>
    public static string ComputeHash(EventAnchorRecord anchor, byte[] key)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        return Sign(key, EventAnchors.Chain, Number(anchor.Seq), Time(anchor.CreatedAt), Number(anchor.Instances), anchor.HeadsDigest, anchor.SharedHeads,
            Number(anchor.KeyId), anchor.PrevHash);
    }

    /// <summary>The keyed MAC of an anchored instance head, the term the anchor's digest adds up.</summary>
    internal static byte[] HeadMac(byte[] key, long instanceId, long seq, string hash) =>
        HMACSHA256.HashData(key, Fields(Number(instanceId), Number(seq), hash));

    /// <summary>The hash of the audit log before the event log (unkeyed SHA-256), for checking old chains when they are carried over.</summary>
    internal static string LegacyHash(AuditRecord record) => Convert.ToHexStringLower(SHA256.HashData(Fields(
        record.Chain, Number(record.Seq), Time(record.OccurredAt), record.Actor, record.Action, Number(record.InstanceId), Number(record.TaskId),
        record.ElementId, record.Outcome, record.Comment, record.Data, record.PrevHash)));

    private static string? Number(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    /// <summary>The HMAC of the fields, encoded into a pooled buffer: a command signs several records, each a dozen fields.</summary>
    private static string Sign(byte[] key, params ReadOnlySpan<string?> fields)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(MaxLength(fields));
        try
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(key, buffer.AsSpan(0, Encode(buffer, fields)), mac);
            return Convert.ToHexStringLower(mac);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static byte[] Fields(params ReadOnlySpan<string?> fields)
    {
        var buffer = new byte[MaxLength(fields)];
        return buffer[..Encode(buffer, fields)];
    }

    /// <summary>
    /// Each field as UTF-8 <c>length:field|</c>, the length in UTF-16 code units and <c>-1</c> for a missing field, so no two
    /// records collide by concatenation. The layout is stored format (docs/operations.md, "Changing the stored format").
    /// </summary>
    private static int Encode(Span<byte> destination, ReadOnlySpan<string?> fields)
    {
        var written = 0;
        foreach (var field in fields)
        {
            (field?.Length ?? -1).TryFormat(destination[written..], out var digits, provider: CultureInfo.InvariantCulture);
            written += digits;
            destination[written++] = (byte)':';
            written += Encoding.UTF8.GetBytes(field, destination[written..]);
            destination[written++] = (byte)'|';
        }
        return written;
    }

    private static int MaxLength(ReadOnlySpan<string?> fields)
    {
        var length = 0;
        foreach (var field in fields)
            length += 13 + Encoding.UTF8.GetMaxByteCount(field?.Length ?? 0); // 11 digits and sign, ':' and '|'
        return length;
    }
}
