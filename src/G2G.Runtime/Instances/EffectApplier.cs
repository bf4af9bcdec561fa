using G2G.Engine.Execution;
using G2G.Runtime.Assignment;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

/// <summary>
/// Turns the engine's effects of one command into rows of the same transaction: tasks, jobs,
/// history, incidents, subscriptions and outbox notifications (history, notifications, jobs and the
/// deletion of closed tasks' jobs through <see cref="AppendedRows"/>, the rest as tracked entities).
/// </summary>
internal sealed partial class EffectApplier(
    G2GDbContext db, AppendedRows appended, ProcessInstanceRecord instance, IAssignmentResolver assignments, G2G.Engine.Time.IWorkingCalendar calendar, DateTimeOffset now)
{
    private readonly List<long> _cancelledTasks = [];
    private readonly List<long> _cancelledTimers = [];
    private readonly List<long> _resolvedIncidents = [];

    public async Task ApplyAsync(ExecutionResult result, ProcessState before, CancellationToken cancellationToken)
    {
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case TaskCreated created: await CreateTaskAsync(created, cancellationToken).ConfigureAwait(false); break;
                case TaskCancelled cancelled: _cancelledTasks.Add(cancelled.TaskId); break;
                case TimerScheduled timer: AddJob(JobKinds.Timer, timer.SubscriptionId, timer.DueAt); break;
                case TimerCancelled timer: _cancelledTimers.Add(timer.SubscriptionId); break;
                case MessageSent message:
                    AddJob(JobKinds.Message, null, now, VariablesJson.Serialize(new MessagePayload(message.MessageName, message.CorrelationKey, new(message.Payload), instance.Id)));
                    break;
                case SignalThrown signal:
                    AddJob(JobKinds.Signal, null, now, VariablesJson.Serialize(new SignalPayload(signal.SignalName, new(signal.Payload), instance.Id)));
                    break;
                case ChildProcessRequested child:
                    AddJob(JobKinds.StartChild, child.TokenId, now, VariablesJson.Serialize(new StartChildPayload(child.ProcessKey, child.Version, child.ElementId, new(child.Variables))));
                    break;
                case ChildProcessCancelled child: AddJob(JobKinds.CancelChild, child.TokenId, now); break;
                case ProcessCompleted completed: End(InstanceStatus.Completed, new ChildResultPayload(new(completed.Variables), null)); break;
                case ProcessErrored errored: End(InstanceStatus.Failed, new ChildResultPayload(null, errored.ErrorCode)); break;
                case ProcessTerminated: End(InstanceStatus.Terminated, null); break;
                case ProcessCancelled: End(InstanceStatus.Cancelled, null); break;
                case IncidentRaised raised:
                    db.Add(new IncidentRecord { InstanceId = instance.Id, EngineIncidentId = raised.Incident.Id, ElementId = raised.Incident.ElementId, Message = raised.Incident.Message, CreatedAt = now });
                    break;
                case IncidentResolved resolved: _resolvedIncidents.Add(resolved.IncidentId); break;
                case ElementEvent step:
                    appended.Add(new HistoryRecord { InstanceId = instance.Id, ElementId = step.ElementId, ElementKind = step.Kind, Phase = step.Phase.ToString(), TokenId = step.TokenId, OccurredAt = now });
                    break;
            }
        }
        await FlushBulkChangesAsync(cancellationToken).ConfigureAwait(false);
        await ProjectSubscriptionsAsync(before, result.State, cancellationToken).ConfigureAwait(false);
    }

    private void AddJob(string kind, long? target, DateTimeOffset due, string? payload = null, long? instanceId = null) =>
        appended.Add(new JobRecord
        {
            Kind = kind, InstanceId = instanceId ?? instance.Id, TargetId = target, DueAt = due, Payload = payload,
            State = JobKinds.Pending, CreatedAt = now,
        });

    private void End(string status, ChildResultPayload? result)
    {
        // A BPMN error nobody caught leaves the instance running with an incident, unless a parent takes the error.
        if (status == InstanceStatus.Failed && instance.ParentInstanceId is null)
            return;
        if (status != InstanceStatus.Failed)
        {
            instance.Status = status;
            instance.EndedAt = now;
        }
        if (instance.ParentInstanceId is { } parent && result is not null)
            AddJob(JobKinds.ChildResult, instance.ParentTokenId, now, VariablesJson.Serialize(result), parent);
    }

    private async Task FlushBulkChangesAsync(CancellationToken cancellationToken)
    {
        if (_cancelledTasks.Count > 0)
        {
            var ids = _cancelledTasks;
            await db.Set<TaskRecord>().Where(t => t.InstanceId == instance.Id && ids.Contains(t.EngineTaskId) && t.State == TaskStates.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, TaskStates.Cancelled).SetProperty(t => t.CompletedAt, now), cancellationToken).ConfigureAwait(false);
            DeleteTaskJobs(ids);
        }
        if (_cancelledTimers.Count > 0)
        {
            var ids = _cancelledTimers;
            await db.Set<JobRecord>().Where(j => j.InstanceId == instance.Id && j.Kind == JobKinds.Timer && ids.Contains(j.TargetId!.Value))
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
        if (_resolvedIncidents.Count > 0)
        {
            var ids = _resolvedIncidents;
            await db.Set<IncidentRecord>().Where(i => i.InstanceId == instance.Id && ids.Contains(i.EngineIncidentId!.Value) && i.ResolvedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.ResolvedAt, now), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Removes the reminder, overdue and escalation jobs of tasks that are no longer open (with the appended rows).</summary>
    public void DeleteTaskJobs(IReadOnlyCollection<long> engineTaskIds) => appended.DeleteTaskJobs(instance.Id, engineTaskIds);
}
