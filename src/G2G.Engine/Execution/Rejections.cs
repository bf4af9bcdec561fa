namespace G2G.Engine.Execution;

/// <summary>
/// Every reason the engine refuses a command, one factory each: the method's name is the stable
/// <see cref="CommandRejectedException.Reason"/>, its parameters the template's arguments in order. A host that
/// translates the reasons keeps one template per method (the runtime's catalogue test checks it has them all).
/// </summary>
public static class Rejections
{
    public static CommandRejectedException AlreadyStarted() =>
        new(RejectionCode.AlreadyStarted, nameof(AlreadyStarted), "The instance has already been started.");

    public static CommandRejectedException InstanceNotStarted() =>
        new(RejectionCode.NotRunning, nameof(InstanceNotStarted), "The instance has not been started, so it takes no commands yet.");

    public static CommandRejectedException InstanceCompleted() =>
        new(RejectionCode.NotRunning, nameof(InstanceCompleted), "The instance is completed, so it takes no more commands.");

    public static CommandRejectedException InstanceTerminated() =>
        new(RejectionCode.NotRunning, nameof(InstanceTerminated), "The instance is terminated, so it takes no more commands.");

    public static CommandRejectedException InstanceCancelled() =>
        new(RejectionCode.NotRunning, nameof(InstanceCancelled), "The instance is cancelled, so it takes no more commands.");

    public static CommandRejectedException NoNoneStartEvent(string processId) =>
        new(RejectionCode.InvalidStartEvent, nameof(NoNoneStartEvent),
            "Process '{0}' has no none start event; name the start event to use.", processId);

    public static CommandRejectedException NoSuchStartEvent(string processId, string startEventId) =>
        new(RejectionCode.InvalidStartEvent, nameof(NoSuchStartEvent),
            "Process '{0}' has no start event '{1}' at its top level.", processId, startEventId);

    public static CommandRejectedException TimerNotArmed(long subscriptionId) =>
        new(RejectionCode.TimerNotFound, nameof(TimerNotArmed),
            "Timer {0} is not armed any more (the step it belonged to has ended).", subscriptionId);

    public static CommandRejectedException NoMessageWaiter(string messageName) =>
        new(RejectionCode.NoMatchingSubscription, nameof(NoMessageWaiter), "Nothing in the instance waits for message '{0}'.", messageName);

    public static CommandRejectedException NoSignalWaiter(string signalName) =>
        new(RejectionCode.NoMatchingSubscription, nameof(NoSignalWaiter), "Nothing in the instance waits for signal '{0}'.", signalName);

    public static CommandRejectedException NoWaitingCallActivity(long tokenId) =>
        new(RejectionCode.TaskNotFound, nameof(NoWaitingCallActivity), "No call activity of the instance waits with token {0}.", tokenId);

    public static CommandRejectedException NoOpenIncident(long incidentId) =>
        new(RejectionCode.IncidentNotFound, nameof(NoOpenIncident), "The instance has no open incident {0}.", incidentId);

    public static CommandRejectedException TaskNotOpen(long taskId) =>
        new(RejectionCode.TaskNotFound, nameof(TaskNotOpen),
            "Task {0} is not open in this instance (it may have been completed or withdrawn).", taskId);

    public static CommandRejectedException OperationNotAllowed(string step, string operation) =>
        new(RejectionCode.NotAllowed, nameof(OperationNotAllowed), "Step '{0}' does not allow {1} (g2g:operations).", step, operation);

    public static CommandRejectedException ErrorNotCaught(string errorCode, string elementId) =>
        new(RejectionCode.NotAllowed, nameof(ErrorNotCaught),
            "No error boundary event or event subprocess catches error '{0}' thrown from '{1}'.", errorCode, elementId);

    public static CommandRejectedException SignerTooLate() =>
        new(RejectionCode.NotAllowed, nameof(SignerTooLate),
            "A signer can be added before a step only while the step's own assignee has not acted.");

    public static CommandRejectedException NotPendingSigner(string userId, long taskId) =>
        new(RejectionCode.NotAllowed, nameof(NotPendingSigner), "'{0}' is not an added signer of task {1} who has yet to act.", userId, taskId);

    public static CommandRejectedException NotInSameScope(string targetId, string taskId) =>
        new(RejectionCode.InvalidTarget, nameof(NotInSameScope), "'{0}' is not a user task in the same (sub)process as '{1}'.", targetId, taskId);

    public static CommandRejectedException NotAnEarlierStep(string targetId, string taskId) =>
        new(RejectionCode.InvalidTarget, nameof(NotAnEarlierStep), "'{0}' is not an earlier step of '{1}'.", targetId, taskId);

    public static CommandRejectedException SendBackOnlyTo(string taskId, string allowed) =>
        new(RejectionCode.NotAllowed, nameof(SendBackOnlyTo), "Step '{0}' may send work back only to: {1}.", taskId, allowed);

    public static CommandRejectedException SendBackWouldDeadlock(string targetId, string joinId) =>
        new(RejectionCode.InvalidTarget, nameof(SendBackWouldDeadlock),
            "Sent back to '{0}', the work would wait forever at parallel gateway '{1}' for branches that do not run again; "
            + "send it back to a step before the fork, or return straight to the sender.", targetId, joinId);

    public static CommandRejectedException NotAUserTask(string elementId) =>
        new(RejectionCode.InvalidTarget, nameof(NotAUserTask), "'{0}' is not a user task of this process.", elementId);

    public static CommandRejectedException CannotWithdraw(string step) =>
        new(RejectionCode.NothingToWithdraw, nameof(CannotWithdraw),
            "Step '{0}' cannot be withdrawn: the next step has already been acted on.", step);

    /// <summary>The instance is not running (<paramref name="status"/>), so it takes no more commands.</summary>
    internal static CommandRejectedException NotRunning(ProcessStatus status) => status switch
    {
        ProcessStatus.NotStarted => InstanceNotStarted(),
        ProcessStatus.Completed => InstanceCompleted(),
        ProcessStatus.Terminated => InstanceTerminated(),
        _ => InstanceCancelled(),
    };
}
