using G2G.Engine.Execution;
using G2G.Runtime.Assignment;
using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Instances;

/// <summary>
/// Turns the engine's effects of one command into rows of the same transaction: tasks, jobs,
/// events of the instance's log, incidents, subscriptions and outbox notifications. New tasks, candidates, incidents and
/// subscriptions are tracked entities; events, notifications, jobs and the changes to rows the command did not load
/// (cancelled tasks and timers, resolved incidents, ended subscriptions) go through <see cref="UntrackedWrites"/>.
/// </summary>
internal sealed partial class EffectApplier(
    G2GDbContext db, UntrackedWrites untracked, ProcessInstanceRecord instance, string? organisationStamp, IAssignmentResolver assignments, G2G.Engine.Time.IWorkingCalendar calendar, DateTimeOffset now)
{
    private readonly Dictionary<CancelReason, List<long>> _cancelledTasks = [];
    private readonly List<long> _cancelledTimers = [];
    private readonly List<long> _resolvedIncidents = [];

    public async Task ApplyAsync(ExecutionResult result, ProcessState before, CancellationToken cancellationToken)
    {
        foreach (var effect in result.Effects)
        {
            switch (effect)
            {
                case TaskCreated created: await CreateTaskAsync(created, cancellationToken).ConfigureAwait(false); break;
                case TaskCancelled cancelled:
                    (_cancelledTasks.TryGetValue(cancelled.Reason, out var ids) ? ids : _cancelledTasks[cancelled.Reason] = []).Add(cancelled.TaskId);
                    break;
                case TimerScheduled timer: AddJob(JobKinds.Timer, timer.SubscriptionId, timer.DueAt); break;
                case TimerCancelled timer: _cancelledTimers.Add(timer.SubscriptionId); break;
                case MessageSent message:
                    AddJob(JobKinds.Message, null, now, VariablesJson.Serialize(new MessagePayload(message.MessageName, message.CorrelationKey, new(message.Payload), instance.Id,
                        instance.Classification == ClearanceLevel.Unclassified ? null : new MessageStart(null, instance.Classification))));
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
                    Fact(EventKinds.IncidentRaised, raised.Incident.ElementId, comment: raised.Incident.Message);
                    break;
                case IncidentResolved resolved: _resolvedIncidents.Add(resolved.IncidentId); break;
                case ElementEvent step:
                    Fact(EventKinds.Of(step.Phase), step.ElementId, step.Kind, step.TokenId);
                    break;
            }
        }
        WriteCollectedChanges();
        ProjectSubscriptions(before, result.State);
    }

    /// <summary>A fact of the instance's log, numbered and signed with the command's record.</summary>
    private void Fact(string kind, string? elementId, string? elementKind = null, long? tokenId = null, long? taskId = null, string? outcome = null,
        string? comment = null, string? data = null, string? onBehalfOf = null) =>
        untracked.Add(AuditLog.Record(instance.Id, new AuditEntry(null, kind, TaskId: taskId, ElementId: elementId, Outcome: outcome, Comment: comment,
            Data: data, OnBehalfOf: onBehalfOf, ElementKind: elementKind, TokenId: tokenId), now));

    private void AddJob(string kind, long? target, DateTimeOffset due, string? payload = null, long? instanceId = null) =>
        untracked.Add(new JobRecord
        {
            Kind = kind, InstanceId = instanceId ?? instance.Id, TargetId = target, DueAt = due, Payload = payload,
            State = JobStates.Pending, CreatedAt = now,
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

    /// <summary>One statement each for the tasks, timers and incidents the effects ended.</summary>
    private void WriteCollectedChanges()
    {
        foreach (var (reason, tasks) in _cancelledTasks)
            untracked.CancelTasks(instance.Id, tasks, TaskOutcomes.Of(reason), now);
        if (_cancelledTimers.Count > 0)
            untracked.DeleteTimers(instance.Id, _cancelledTimers);
        if (_resolvedIncidents.Count > 0)
            untracked.ResolveIncidents(instance.Id, _resolvedIncidents, now);
    }

    /// <summary>Removes the reminder, overdue and escalation jobs of tasks that are no longer open (with the untracked writes).</summary>
    public void DeleteTaskJobs(IReadOnlyCollection<long> engineTaskIds) => untracked.DeleteTaskJobs(instance.Id, engineTaskIds);
}
