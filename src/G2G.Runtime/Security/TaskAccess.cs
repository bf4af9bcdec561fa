using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;

namespace G2G.Runtime.Security;

/// <summary>What a caller wants to do with a task.</summary>
public enum TaskAction
{
    View,
    Claim,
    Release,
    Complete,
    SendBack,
    AddSigner,
    RemoveSigner,
    Transfer,
    Delegate,
    ReturnDelegated,
    Copy,
    Urge,
}

/// <summary>
/// Who may see and do what with a task. A task is visible when its 密级 is within the caller's clearance and it
/// is in the caller's agency scope or the caller is involved (assignee, owner of a delegated task, candidate,
/// the one it was meant for, who completed it, the instance's initiator). Work on it (complete, 退回, 加签/减签,
/// 转办, 委派, 抄送, release) belongs to its assignee; claiming to its candidates; 催办 to the initiator,
/// supervisors of its agency and administrators. System clients act on any task.
/// </summary>
public static class TaskAccess
{
    /// <summary>Refusal, or null when allowed. A task the caller may not see is refused as <see cref="RuntimeErrorCode.NotFound"/>.</summary>
    public static RuntimeException? Check(Caller caller, TaskRecord task, string? initiator, TaskAction action)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(task);
        if (!Visible(caller, task, initiator))
            return AccessRefusals.Hidden(caller, RuntimeMessages.TaskNotFound(task.Id), $"task {task.Id}", action.ToString());
        if (caller.IsSystem || Allowed(caller, task, initiator, action))
            return null;
        return AccessRefusals.Forbidden(caller, Reason(task, action), $"task {task.Id}", action.ToString());
    }

    public static bool Visible(Caller caller, TaskRecord task, string? initiator)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(task);
        return task.Classification <= caller.Clearance
            && (caller.InScope(task.AgencyId) || Involved(caller, task) || caller.UserId == initiator);
    }

    private static bool Involved(Caller caller, TaskRecord task) =>
        caller.UserId == task.Assignee || caller.UserId == task.Owner || caller.UserId == task.OnBehalfOf
        || caller.UserId == task.CompletedBy || IsCandidate(caller, task);

    private static bool IsCandidate(Caller caller, TaskRecord task) =>
        task.Candidates.Any(c => c.Kind == CandidateKinds.User ? c.Value == caller.UserId : caller.Groups.Contains(c.Value));

    private static bool Allowed(Caller caller, TaskRecord task, string? initiator, TaskAction action) => action switch
    {
        TaskAction.View => true,
        TaskAction.Claim => IsCandidate(caller, task),
        TaskAction.Urge => caller.UserId == initiator || (caller.IsSupervisor && caller.InScope(task.AgencyId)),
        _ => caller.UserId == task.Assignee,
    };

    private static RuntimeText Reason(TaskRecord task, TaskAction action) => action switch
    {
        TaskAction.Claim => RuntimeMessages.TaskNotOffered(task.Id),
        TaskAction.Urge => RuntimeMessages.OnlyInitiatorOrSupervisorUrges(task.AgencyId ?? "-", task.Id),
        _ => task.Assignee is { } assignee
            ? RuntimeMessages.OnlyAssignee(assignee, task.Id, action.ToString())
            : RuntimeMessages.OnlyAssigneeNoneYet(task.Id, action.ToString()),
    };

    /// <summary>The 密级 a user may read, as a name for messages.</summary>
    internal static string Describe(ClearanceLevel level) => $"{level.ChineseName()} ({level})";
}
