using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Forms;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

public sealed partial class InstanceService
{
    /// <summary>Completes an open task with output variables, an outcome and an opinion.</summary>
    /// <remarks>
    /// The submission is validated against the task's form (every field error is reported, nothing is
    /// written), and a step with <c>g2g:opinion="required"</c> refuses a decision without an opinion. A caller's file
    /// references must be files the instance holds or uploads of their own (<see cref="FormUploads"/>).
    /// </remarks>
    public Task CompleteTaskAsync(long taskId, string actor, IReadOnlyDictionary<string, Value>? variables = null,
        string? outcome = null, string? comment = null, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(taskId, TaskAction.Complete, async (task, loaded) =>
        {
            if (task.Owner is not null)
                throw new RuntimeException(RuntimeErrorCode.Conflict, RuntimeMessages.TaskDelegatedNotReturned(taskId, task.Assignee ?? "—", task.Owner));
            await ValidateSubmissionAsync(task, loaded, variables, comment, cancellationToken).ConfigureAwait(false);
            return new Prepared(
            new CompleteTask(task.EngineTaskId, variables, outcome),
            new AuditEntry(actor, "task.completed", TaskId: task.Id, ElementId: task.ElementId, Outcome: outcome, Comment: comment),
            RefuseIncidents: true,
            After: (_, applier) =>
            {
                task.State = TaskStates.Completed;
                task.Outcome = outcome;
                task.CompletedBy = actor;
                task.CompletedAt = clock.GetUtcNow();
                // A task has reminder, overdue or escalation jobs only when it was created with a due or
                // remind date (EffectApplier.CreateTaskAsync), and those never change: skip the delete otherwise.
                if (task.DueAt is not null || task.RemindAt is not null)
                    applier.DeleteTaskJobs([task.EngineTaskId]);
                return Task.CompletedTask;
            });
        }, cancellationToken);

    /// <summary>
    /// 退回: sends the work of a task back to an earlier step. The task is done by its holder, with the outcome
    /// <see cref="TaskOutcomes.SentBack"/> (it shows in their 已办), not merely cancelled.
    /// </summary>
    public Task SendBackAsync(long taskId, string actor, string targetElementId, ResumeMode resume = ResumeMode.FromTop,
        string? comment = null, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(taskId, TaskAction.SendBack, (task, _) => Task.FromResult(new Prepared(
            new SendBack(task.EngineTaskId, targetElementId, resume),
            new AuditEntry(actor, "task.sent-back", TaskId: task.Id, ElementId: task.ElementId, Outcome: targetElementId, Comment: comment, Data: resume.ToString()),
            After: (_, _) =>
            {
                // The engine's cancellation of this task (written first) is overwritten by the tracked row.
                task.State = TaskStates.Completed;
                task.Outcome = TaskOutcomes.SentBack;
                task.CompletedBy = actor;
                task.CompletedAt = clock.GetUtcNow();
                return Task.CompletedTask;
            })),
            cancellationToken);

    /// <summary>加签: adds a signer before or after the current assignee.</summary>
    public Task AddSignerAsync(long taskId, string actor, string userId, SignerPosition position, string? comment = null, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(taskId, TaskAction.AddSigner, async (task, _) =>
        {
            // The signer's task would be created for someone who cannot open it, or not at all (an assignment incident).
            await TargetClearance.RequireAsync(db, task.Classification, [userId], actor, nameof(TaskAction.AddSigner), RuntimeMessages.TaskItem(taskId), cancellationToken)
                .ConfigureAwait(false);
            return new Prepared(new AddSigner(task.EngineTaskId, userId, position), new AuditEntry(actor, "task.signer-added", TaskId: task.Id,
                ElementId: task.ElementId, Outcome: userId, Comment: comment, Data: position.ToString()));
        }, cancellationToken);

    /// <summary>减签: removes an added signer who has not acted.</summary>
    public Task RemoveSignerAsync(long taskId, string actor, string userId, CancellationToken cancellationToken = default) =>
        TaskCommandAsync(taskId, TaskAction.RemoveSigner, (task, _) => Task.FromResult(new Prepared(
            new RemoveSigner(task.EngineTaskId, userId),
            new AuditEntry(actor, "task.signer-removed", TaskId: task.Id, ElementId: task.ElementId, Outcome: userId))),
            cancellationToken);

    /// <summary>撤回: the actor of a completed step takes it back while the next step is untouched.</summary>
    /// <remarks>Only the person who completed that step may withdraw it; anyone else is refused.</remarks>
    public Task WithdrawAsync(long instanceId, string elementId, string actor, CancellationToken cancellationToken = default) =>
        RunAsync(instanceId, async loaded =>
        {
            await AuthorizeWithdrawAsync(loaded.Instance, elementId, cancellationToken).ConfigureAwait(false);
            return new Prepared(new Withdraw(elementId), new AuditEntry(actor, "task.withdrawn", ElementId: elementId));
        }, cancellationToken);

    /// <summary>A task row with its instance row, both tracked, and the organisation's stamp (see <see cref="InstanceLoad"/>).</summary>
    private sealed record TaskWithInstance(TaskRecord Task, ProcessInstanceRecord Instance, string? OrganisationStamp);

    /// <summary>
    /// The load of every task command, compiled once: a command then skips EF's query-cache lookup and
    /// parameter extraction (measured in docs/benchmarks.md, Runtime).
    /// </summary>
    private static readonly CompiledQuery<long, TaskWithInstance> LoadTaskWithInstance = new((db, taskId, _) => (
                from t in db.Set<TaskRecord>()
                where t.Id == taskId
                join i in db.Set<ProcessInstanceRecord>() on t.InstanceId equals i.Id
                select new TaskWithInstance(t, i,
                    db.Set<OrganisationStampRecord>().Where(s => s.Id == OrganisationStampRecord.RowId).Select(s => s.Stamp).FirstOrDefault()))
            .FirstOrDefault());

    /// <summary>
    /// Runs a command on the instance of an open task, with the task row loaded and tracked. The task and its
    /// instance are read together, in one query inside the command's transaction, where the caller's expected version is
    /// compared too (<see cref="IfVersion"/>).
    /// </summary>
    private async Task TaskCommandAsync(long taskId, TaskAction action, Func<TaskRecord, Loaded, Task<Prepared>> prepare, CancellationToken cancellationToken)
    {
        TaskRecord? task = null;
        await RunAsync(async token =>
        {
            var row = await LoadTaskWithInstance.RunAsync(db, taskId, token).ConfigureAwait(false);
            task = row?.Task;
            return row is null ? null : new InstanceLoad(row.Instance, row.OrganisationStamp);
        }, RuntimeMessages.TaskNotFound(taskId), async loaded =>
        {
            await AuthorizeTaskAsync(task!, loaded.Instance, action, cancellationToken).ConfigureAwait(false);
            RequireExpectedVersion(loaded.Instance);
            if (task!.State != TaskStates.Open)
            {
                throw new RuntimeException(RuntimeErrorCode.Conflict, task is { State: TaskStates.Completed, CompletedAt: { } completedAt }
                    ? RuntimeMessages.TaskCompletedAlready(taskId, task.CompletedBy ?? "—", completedAt)
                    : RuntimeMessages.TaskNoLongerOpen(taskId, task.State));
            }
            return await prepare(task, loaded).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Checks a submission against the form the task is drawn with (<see cref="TaskForms"/>) and the step's opinion rule.</summary>
    private async Task ValidateSubmissionAsync(TaskRecord task, Loaded loaded, IReadOnlyDictionary<string, Value>? variables,
        string? comment, CancellationToken cancellationToken)
    {
        var (definitionId, definition) = (loaded.Instance.DefinitionId, loaded.Definition);
        FormSchema? schema = null;
        if (task.FormKey is { } formKey)
        {
            schema = await cache.FormForAsync(definitionId, formKey,
                    () => TaskForms.DeployedWith(db, definitionId, formKey).Select(f => f.Schema).FirstOrDefaultAsync(cancellationToken),
                    () => TaskForms.ForVersion(db, definitionId, formKey).Select(f => f.Schema).FirstOrDefaultAsync(cancellationToken)).ConfigureAwait(false)
                ?? throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.StepFormNotDeployed(task.Name ?? task.ElementId, formKey));
        }
        var errors = TaskForms.SubmissionErrors(schema, definition.FindNode(task.ElementId) is UserTask { Settings.Opinion: OpinionPolicy.Required },
            variables, comment);
        if (callers.Current is { } caller)
        {
            var held = loaded.State.Scopes.SelectMany(s => s.Variables.Values);
            foreach (var (path, refusals) in await FormUploads.AttachAsync(db, caller.UserId, task.InstanceId, held, variables, cancellationToken)
                         .ConfigureAwait(false))
                errors[path] = [.. errors.GetValueOrDefault(path) ?? [], .. refusals];
        }
        if (errors.Count > 0)
            throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.SubmissionInvalid(task.Id, errors.Count)) { FieldErrors = errors };
    }
}
