using G2G.Engine.Model.Extensions;
using G2G.Runtime.Instances;
using G2G.Runtime.Queries;
using G2G.Runtime.Security;

namespace G2G.Web.Components.Work;

/// <summary>An operation the task page offers as a button.</summary>
public enum TaskOperation
{
    /// <summary>Completes the task (a form without a decision): 提交.</summary>
    Submit,

    /// <summary>Completes the task with one of the choices of its decision field (同意 / 不同意 …).</summary>
    Decide,
    Claim,
    Release,
    SendBack,
    AddSigner,
    RemoveSigner,
    Transfer,
    Delegate,
    ReturnDelegated,
    Copy,
    Urge,
    Withdraw,
}

/// <summary>
/// Exactly the operations a user may use on a task: what the step allows (g2g:operations) and what the access rules let
/// this user do (TaskAccess: work on a task is its assignee's, claiming its candidates', 催办 the initiator's and
/// supervisors', 撤回 whoever completed the step). The server checks both again.
/// </summary>
public static class TaskOffers
{
    /// <summary>The key of the field whose choices become the decision buttons (同意 / 不同意), when the form has one.</summary>
    public const string DecisionKey = "decision";

    public static IReadOnlyList<TaskOperation> For(TaskView task, TaskStep step, Caller caller, InstanceView instance, bool hasDecision)
    {
        var offers = new List<TaskOperation>();
        var running = instance.Status == InstanceStatus.Running && !instance.Suspended;
        if (task.State == TaskStates.Completed)
        {
            if (running && step.Operations.HasFlag(TaskOperations.Withdraw) && task.CompletedBy == caller.UserId)
                offers.Add(TaskOperation.Withdraw);
            return offers;
        }
        if (task.State != TaskStates.Open || !running)
            return offers;
        var candidates = task.CandidateUsers.Count > 0 || task.CandidateGroups.Count > 0;
        if (task.Assignee is null && (task.CandidateUsers.Contains(caller.UserId) || task.CandidateGroups.Any(caller.Groups.Contains)))
            offers.Add(TaskOperation.Claim);
        if (task.Assignee == caller.UserId)
        {
            if (step.DelegatedBy is not null)
            {
                offers.Add(TaskOperation.ReturnDelegated); // 委派: the delegate's work goes back to its owner, who completes it
            }
            else
            {
                offers.Add(hasDecision ? TaskOperation.Decide : TaskOperation.Submit);
                if (step.Operations.HasFlag(TaskOperations.SendBack) && step.SendBackTargets.Count > 0)
                    offers.Add(TaskOperation.SendBack);
                if (step.Operations.HasFlag(TaskOperations.AddSigner))
                    offers.Add(TaskOperation.AddSigner);
                if (step.PendingSigners.Count > 0)
                    offers.Add(TaskOperation.RemoveSigner);
                if (step.Operations.HasFlag(TaskOperations.Transfer))
                    offers.Add(TaskOperation.Transfer);
                if (step.Operations.HasFlag(TaskOperations.Delegate))
                    offers.Add(TaskOperation.Delegate);
                if (step.Operations.HasFlag(TaskOperations.Copy))
                    offers.Add(TaskOperation.Copy);
                if (candidates)
                    offers.Add(TaskOperation.Release);
            }
        }
        else if (step.Operations.HasFlag(TaskOperations.Urge)
                 && (caller.UserId == instance.Initiator || (caller.IsSupervisor && caller.InScope(task.AgencyId))))
        {
            offers.Add(TaskOperation.Urge);
        }
        return offers;
    }
}
