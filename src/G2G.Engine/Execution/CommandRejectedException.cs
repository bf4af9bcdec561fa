namespace G2G.Engine.Execution;

/// <summary>Stable codes for commands the engine refuses. A refused command changes nothing.</summary>
public enum RejectionCode
{
    NotRunning,
    AlreadyStarted,
    TaskNotFound,
    TimerNotFound,
    NoMatchingSubscription,
    InvalidTarget,
    NotAllowed,
    NothingToWithdraw,
    IncidentNotFound,
    InvalidStartEvent,
}

/// <summary>The command does not apply to the instance in its current state; nothing was changed.</summary>
public sealed class CommandRejectedException(RejectionCode code, string message) : InvalidOperationException(message)
{
    public RejectionCode Code { get; } = code;
}
