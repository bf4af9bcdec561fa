using G2G.Engine.Expressions;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

// The access rules applied inside each command's transaction, on the rows the command itself loaded, so what
// was checked is what is changed. No caller (jobs, start-up, the runtime's own tests) means trusted code.
public sealed partial class InstanceService
{
    private async Task AuthorizeTaskAsync(TaskRecord task, ProcessInstanceRecord instance, TaskAction action, CancellationToken cancellationToken)
    {
        if (callers.Current is not { } caller)
            return;
        // Candidates decide claims and visibility; commands that only need the assignee do not load them.
        var entry = db.Entry(task).Collection(t => t.Candidates);
        if (!entry.IsLoaded && caller.UserId != task.Assignee)
            await entry.LoadAsync(cancellationToken).ConfigureAwait(false);
        if (TaskAccess.Check(caller, task, instance.Initiator, action) is { } refused)
            throw refused;
    }

    private async Task AuthorizeAdministrationAsync(ProcessInstanceRecord instance, string operation, CancellationToken cancellationToken)
    {
        if (callers.Current is { } caller)
            await InstanceAccess.RequireAdministratorAsync(db, caller, instance, operation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>撤回 is for the person who completed the step, while it can still be taken back.</summary>
    private async Task AuthorizeWithdrawAsync(ProcessInstanceRecord instance, string elementId, CancellationToken cancellationToken)
    {
        if (callers.Current is not { } caller)
            return;
        await InstanceAccess.RequireVisibleAsync(db, caller, instance, "withdraw", cancellationToken).ConfigureAwait(false);
        var completedBy = await db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.InstanceId == instance.Id && t.ElementId == elementId && t.State == TaskStates.Completed)
            .OrderByDescending(t => t.CompletedAt).ThenByDescending(t => t.Id).Select(t => t.CompletedBy).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (completedBy != caller.UserId && !caller.IsSystem)
        {
            throw AccessRefusals.Forbidden(caller, completedBy is null
                    ? RuntimeMessages.StepNotCompletedYet(elementId) : RuntimeMessages.OnlyCompleterWithdraws(elementId, completedBy),
                $"instance {instance.Id}", "withdraw");
        }
    }

    /// <summary>
    /// Messages and signals come from other systems and administrators, not from people's inboxes. Like a start, they
    /// name an initiator (the <c>initiator</c> variable, which assignment rules and access read) only when the caller is
    /// a system token allowed to start on behalf of people (<see cref="Caller.MayStartOnBehalf"/>).
    /// </summary>
    private void AuthorizeEvent(string operation, IReadOnlyDictionary<string, Value>? variables)
    {
        AccessRefusals.RequireAdministrator(callers, operation);
        if (callers.Current is { MayStartOnBehalf: false } caller && variables?.ContainsKey("initiator") == true)
            throw AccessRefusals.Forbidden(caller, RuntimeMessages.EventInitiatorRefused(Caller.StartOnBehalfSetting), operation, operation);
    }
}
