using G2G.Engine.Execution;

namespace G2G.Runtime.Instances;

/// <summary>Instance states as stored in <c>process_instances.status</c>.</summary>
public static class InstanceStatus
{
    public const string Running = "running";
    public const string Completed = "completed";
    public const string Terminated = "terminated";
    public const string Cancelled = "cancelled";

    /// <summary>Not stored: an uncaught BPMN error handed to the parent.</summary>
    internal const string Failed = "failed";
}

/// <summary>Task states as stored in <c>tasks.state</c>.</summary>
public static class TaskStates
{
    public const string Open = "open";
    public const string Completed = "completed";
    public const string Cancelled = "cancelled";
}

/// <summary>
/// The outcome of a task that ended without a decision, by why the engine ended it (<c>tasks.outcome</c>). A task its
/// holder sent back (退回) is completed with <see cref="SentBack"/>; tasks further on that the send back cancelled
/// carry it as well.
/// </summary>
public static class TaskOutcomes
{
    public const string SentBack = "sent-back";

    public static string Of(CancelReason reason) => reason switch
    {
        CancelReason.SentBack => SentBack,
        CancelReason.Interrupted => "interrupted",
        CancelReason.Withdrawn => "withdrawn",
        CancelReason.SignerAdded => "signer-added",
        CancelReason.SignerRemoved => "signer-removed",
        CancelReason.CompletionConditionMet => "completion-condition-met",
        CancelReason.ProcessCancelled => "process-cancelled",
        _ => "terminated",
    };
}
