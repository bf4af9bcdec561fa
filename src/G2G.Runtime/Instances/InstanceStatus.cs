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
