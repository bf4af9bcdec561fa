using G2G.Runtime.Organisation;

namespace G2G.Runtime.Persistence;

/// <summary>A running or finished process instance: the engine state as JSON plus what lists and filters need.</summary>
public sealed class ProcessInstanceRecord
{
    public long Id { get; set; }
    public long DefinitionId { get; set; }
    public required string ProcessKey { get; set; }
    public int DefinitionVersion { get; set; }
    public string? BusinessKey { get; set; }
    public string? Title { get; set; }
    public required string Status { get; set; }
    public bool Suspended { get; set; }

    /// <summary>The engine's <c>ProcessState</c> as JSON.</summary>
    public required string State { get; set; }

    /// <summary>
    /// Optimistic concurrency: every command writes with <c>WHERE version = @loaded AND event_seq = @loaded</c>. The version
    /// moves with every change a user can see (it is the ETag their If-Match names); notices that only append to the event
    /// log (reminders, overdue notices, escalations) move the head (<see cref="EventSeq"/>) alone.
    /// </summary>
    public int Version { get; set; }

    public string? Initiator { get; set; }
    public string? AgencyId { get; set; }

    /// <summary>密级 of the document the instance carries; only people cleared to this level see it.</summary>
    public ClearanceLevel Classification { get; set; }

    public long? ParentInstanceId { get; set; }
    public long? ParentTokenId { get; set; }
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>
    /// Sequence number and hash of the last record of this instance's event log (<see cref="InstanceEventRecord"/>):
    /// the verifier compares the chain with them, so a deleted tail is caught.
    /// </summary>
    public string? EventHead { get; set; }
    public long EventSeq { get; set; }
}

/// <summary>A user task as the inbox and supervision see it, projected from the engine's task effects.</summary>
public sealed class TaskRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long EngineTaskId { get; set; }
    public required string ElementId { get; set; }
    public string? Name { get; set; }
    public required string ProcessKey { get; set; }
    public string? Title { get; set; }
    public string? FormKey { get; set; }
    public string? Assignee { get; set; }
    public string? AgencyId { get; set; }

    /// <summary>The instance's 密级, copied so inbox and supervision filter by clearance without a join.</summary>
    public ClearanceLevel Classification { get; set; }

    public required string State { get; set; }
    public string? Outcome { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public DateTimeOffset? RemindAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }

    /// <summary>When the task belongs to a signer added by 加签, who that is.</summary>
    public string? AddedSigner { get; set; }

    /// <summary>When a standing delegation routed the task to its assignee, whom it was meant for (委托).</summary>
    public string? OnBehalfOf { get; set; }

    /// <summary>While delegated (委派): the assignee the task returns to.</summary>
    public string? Owner { get; set; }

    /// <summary>
    /// The deadline was counted over a year whose official holidays were not loaded (weekend rule only); it is
    /// counted again when that year is loaded.
    /// </summary>
    public bool DueProvisional { get; set; }

    public int Version { get; set; }

    public List<TaskCandidateRecord> Candidates { get; set; } = [];
}

/// <summary>A candidate of a task: a user or a group that may claim it.</summary>
public sealed class TaskCandidateRecord
{
    public long TaskId { get; set; }
    public required string Kind { get; set; }
    public required string Value { get; set; }
}

/// <summary>Background work: a timer, a reminder, an escalation, a continuation. Written in the same transaction as the state that needs it.</summary>
public sealed class JobRecord
{
    public long Id { get; set; }
    public required string Kind { get; set; }
    public long? InstanceId { get; set; }
    public long? TargetId { get; set; }
    public string? Payload { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public required string State { get; set; }
    public int Attempts { get; set; }
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseUntil { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// One fact of an instance's append-only event log: the instance started, an element entered, completed or cancelled,
/// a flow taken, a task created, completed, sent back, claimed, transferred, copied, a reminder, an overdue notice, an
/// escalation (督办), an incident, a suspension. The path (history), the audit trail and the timeline are views of it.
/// Each record's keyed hash (HMAC-SHA-256 with the key <see cref="KeyId"/>) covers its fields and the previous record's
/// hash; the instance row records the head (<see cref="ProcessInstanceRecord.EventSeq"/>, <see cref="ProcessInstanceRecord.EventHead"/>).
/// </summary>
public sealed class InstanceEventRecord
{
    public long InstanceId { get; set; }
    public long Seq { get; set; }
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>What happened, such as <c>task.completed</c> or <c>element.started</c> (<see cref="Audit.EventKinds"/>).</summary>
    public required string Kind { get; set; }

    public string? ElementId { get; set; }
    public string? ElementKind { get; set; }
    public long? TokenId { get; set; }
    public long? TaskId { get; set; }
    public string? Actor { get; set; }
    public string? OnBehalfOf { get; set; }
    public string? Outcome { get; set; }

    /// <summary>The opinion (审批意见) or reason given.</summary>
    public string? Comment { get; set; }

    public string? Data { get; set; }

    /// <summary>Which key of the event-log key ring signed the record (<see cref="Audit.EventLogKeys"/>).</summary>
    public int KeyId { get; set; }

    public required string Hash { get; set; }
}

/// <summary>
/// An append-only record of a shared audit chain (definitions, organisation, calendar, refused accesses); each carries
/// the keyed hash of the previous record of its chain. Instances have their own log (<see cref="InstanceEventRecord"/>).
/// </summary>
public sealed class AuditRecord
{
    public long Id { get; set; }
    public required string Chain { get; set; }
    public long Seq { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public string? Actor { get; set; }
    public required string Action { get; set; }

    /// <summary>
    /// Only on records of before the event log, whose hash covers it; nothing writes it now and nothing looks records up by it
    /// (its index went with <see cref="Migrations.DropAuditInstanceIndex"/>).
    /// </summary>
    public long? InstanceId { get; set; }

    public long? TaskId { get; set; }
    public string? ElementId { get; set; }
    public string? Outcome { get; set; }
    public string? Comment { get; set; }
    public string? Data { get; set; }
    public required string PrevHash { get; set; }

    /// <summary>Which key of the event-log key ring signed the record (<see cref="Audit.EventLogKeys"/>).</summary>
    public int KeyId { get; set; }

    public required string Hash { get; set; }
}

/// <summary>A notification waiting to be delivered after its transaction committed.</summary>
public sealed class OutboxRecord
{
    public long Id { get; set; }

    /// <summary>Stable id of the notification; delivery is idempotent on it.</summary>
    public required string NotificationId { get; set; }

    public required string Kind { get; set; }
    public required string Recipient { get; set; }
    public required string Subject { get; set; }
    public string? Body { get; set; }
    public long? InstanceId { get; set; }
    public long? TaskId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? DispatchedAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

/// <summary>An in-app notification shown to a user.</summary>
public sealed class NotificationRecord
{
    public required string Id { get; set; }
    public required string UserId { get; set; }
    public required string Kind { get; set; }
    public required string Subject { get; set; }
    public string? Body { get; set; }
    public long? InstanceId { get; set; }
    public long? TaskId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>A message or signal an instance waits for, so a correlation finds it by name and key.</summary>
public sealed class EventSubscriptionRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long SubscriptionId { get; set; }
    public required string Kind { get; set; }
    public required string Name { get; set; }
    public string? CorrelationKey { get; set; }
    public required string ElementId { get; set; }
}

/// <summary>A problem an administrator must look at: an engine incident or a job that failed every retry.</summary>
public sealed class IncidentRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long? EngineIncidentId { get; set; }
    public long? JobId { get; set; }
    public string? ElementId { get; set; }
    public required string Message { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

/// <summary>
/// A deployed form schema (JSON), one row per version; <see cref="DefinitionId"/> names the definition version it was
/// deployed with, whose tasks use it (null: deployed on its own, the latest serves every version).
/// </summary>
public sealed class FormDefinitionRecord
{
    public long Id { get; set; }
    public long? DefinitionId { get; set; }
    public required string FormKey { get; set; }
    public int Version { get; set; }
    public required string ContentHash { get; set; }
    public required string Schema { get; set; }
    public DateTimeOffset DeployedAt { get; set; }
}

/// <summary>A copy of a task or instance sent to someone for reading (抄送/传阅), with its read receipt.</summary>
public sealed class TaskCopyRecord
{
    public long Id { get; set; }
    public long InstanceId { get; set; }
    public long? TaskId { get; set; }
    public required string UserId { get; set; }
    public required string CopiedBy { get; set; }
    public string? Comment { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

/// <summary>
/// The head of a shared audit chain (<see cref="AuditRecord.Chain"/>): the sequence number and hash of its last record,
/// advanced with every append, so the verifier notices a deleted tail of the organisation's, the access log's or any other
/// shared chain as it does an instance's.
/// </summary>
public sealed class AuditHeadRecord
{
    public required string Chain { get; set; }
    public long Seq { get; set; }
    public required string Hash { get; set; }
}

/// <summary>
/// A periodic anchor over every chain's head (docs/operations.md, "Anchors"): how many instance heads are anchored and a
/// keyed digest of them (<see cref="AnchoredHeadRecord"/>), the shared chains' heads, and a keyed hash over all that and the
/// previous anchor's hash. An instance deleted with its whole log, or a log cut back together with its head, no longer
/// matches the last anchor.
/// </summary>
public sealed class EventAnchorRecord
{
    public long Seq { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>How many instances' heads are anchored (rows of <see cref="AnchoredHeadRecord"/>).</summary>
    public long Instances { get; set; }

    /// <summary>The keyed digest of every anchored instance head (a sum of their HMACs modulo 2^256).</summary>
    public required string HeadsDigest { get; set; }

    /// <summary>The shared chains' heads, one <c>chain seq hash</c> line each, in chain order.</summary>
    public required string SharedHeads { get; set; }

    public int KeyId { get; set; }
    public required string PrevHash { get; set; }
    public required string Hash { get; set; }
}

/// <summary>
/// The head of an instance's event log as the latest anchor saw it. Logs only grow, so the instance's log must still hold
/// this record and the instance row a head at least this far.
/// </summary>
public sealed class AnchoredHeadRecord
{
    public long InstanceId { get; set; }
    public long Seq { get; set; }
    public required string Hash { get; set; }
}
