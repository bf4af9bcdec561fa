using System.Globalization;
using G2G.Runtime.Audit;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore.Metadata;

namespace G2G.Runtime.Instances;

/// <summary>
/// The writes of a command that go around EF Core's change tracker: the rows it only appends and never reads back
/// (the events of its instance's log, outbox notifications, jobs), and its changes to rows it never loaded (tasks
/// the engine cancelled, timers it cancelled, incidents it resolved, subscriptions that ended, the due-date jobs
/// of tasks that closed). Tracking them would cost more than writing them: EF's change tracking and key read-back
/// cost more per row than the insert itself, a step writes four or five events, and an update of rows the
/// command did not load would first need a query (docs/benchmarks.md, Runtime).
/// They go into the command's <see cref="WriteBatch"/> around its tracked changes: the changes first (in the order
/// they were made, as the engine's effects came), then the tracked rows with their version checks, then one
/// multi-row INSERT per table. In a lost race the transaction rolls back with all of them.
/// </summary>
internal sealed class UntrackedWrites
{
    /// <summary>The facts of the command's effects, in order; numbered and signed after the command's own record (<see cref="ChainEvents"/>).</summary>
    private readonly List<InstanceEventRecord> _events = [];
    private readonly List<OutboxRecord> _outbox = [];

    /// <summary>Notifications about tasks this command creates, whose row id SQLite assigns only when the task is inserted.</summary>
    private readonly List<(OutboxRecord Notification, TaskRecord Task)> _aboutNewTasks = [];
    private readonly List<JobRecord> _jobs = [];

    /// <summary>UPDATEs and DELETEs of rows the command did not load; each argument becomes a parameter, a list of ids a parenthesised list of them.</summary>
    private readonly List<FormattableString> _changes = [];

    public void Add(InstanceEventRecord fact) => _events.Add(fact);

    public void Add(OutboxRecord notification) => _outbox.Add(notification);

    /// <summary>A notification about a task added in this command: it links to the task's id once the task is written.</summary>
    public void Add(OutboxRecord notification, TaskRecord task)
    {
        _outbox.Add(notification);
        _aboutNewTasks.Add((notification, task));
    }

    public void Add(JobRecord job) => _jobs.Add(job);

    /// <summary>Puts the command's own record first, then numbers and signs every event of the command on the instance's log.</summary>
    public void ChainEvents(ProcessInstanceRecord instance, InstanceEventRecord command, EventLogKeys keys)
    {
        _events.Insert(0, command);
        AuditLog.Chain(instance, _events, keys);
    }

    /// <summary>Open tasks the engine cancelled become cancelled with the reason as outcome, their due-date jobs deleted.</summary>
    public void CancelTasks(long instanceId, IReadOnlyCollection<long> engineTaskIds, string outcome, DateTimeOffset at)
    {
        _changes.Add($"""
            UPDATE tasks SET state = {TaskStates.Cancelled}, outcome = {outcome}, completed_at = {at}
            WHERE instance_id = {instanceId} AND state = {TaskStates.Open} AND engine_task_id IN {engineTaskIds.ToArray()}
            """);
        DeleteTaskJobs(instanceId, engineTaskIds);
    }

    /// <summary>Deletes the reminder, overdue and escalation jobs of tasks that closed.</summary>
    public void DeleteTaskJobs(long instanceId, IReadOnlyCollection<long> engineTaskIds) =>
        _changes.Add($"DELETE FROM jobs WHERE kind IN ({JobKinds.Reminder}, {JobKinds.Overdue}, {JobKinds.Escalation}) AND instance_id = {instanceId} AND target_id IN {engineTaskIds.ToArray()}");

    /// <summary>Deletes the jobs of timers the engine cancelled.</summary>
    public void DeleteTimers(long instanceId, IReadOnlyCollection<long> subscriptionIds) =>
        _changes.Add($"DELETE FROM jobs WHERE instance_id = {instanceId} AND kind = {JobKinds.Timer} AND target_id IN {subscriptionIds.ToArray()}");

    /// <summary>Marks the instance's open incidents the engine resolved.</summary>
    public void ResolveIncidents(long instanceId, IReadOnlyCollection<long> engineIncidentIds, DateTimeOffset at) =>
        _changes.Add($"UPDATE incidents SET resolved_at = {at} WHERE instance_id = {instanceId} AND resolved_at IS NULL AND engine_incident_id IN {engineIncidentIds.ToArray()}");

    /// <summary>Deletes the projections of message and signal subscriptions that ended.</summary>
    public void DeleteSubscriptions(long instanceId, IReadOnlyCollection<long> subscriptionIds) =>
        _changes.Add($"DELETE FROM event_subscriptions WHERE instance_id = {instanceId} AND subscription_id IN {subscriptionIds.ToArray()}");

    /// <summary>Forgets what a failed attempt collected.</summary>
    public void Clear()
    {
        _events.Clear();
        _outbox.Clear();
        _aboutNewTasks.Clear();
        _jobs.Clear();
        _changes.Clear();
    }

    /// <summary>Adds the changes of rows the command did not load to the batch (before its tracked changes).</summary>
    public void AddChangesTo(WriteBatch batch)
    {
        foreach (var change in _changes)
        {
            var placeholders = change.GetArguments().Select(argument => argument is long[] ids
                ? "(" + string.Join(", ", ids.Select(id => batch.Value(id))) + ")"
                : batch.Value(argument)).ToArray<object?>();
            batch.Sql(string.Format(CultureInfo.InvariantCulture, change.Format, placeholders));
            batch.End();
        }
    }

    /// <summary>Adds the appended rows to the batch (after its tracked changes): one INSERT per table, its columns from the model.</summary>
    public void AddInsertsTo(WriteBatch batch, IModel model)
    {
        foreach (var (notification, task) in _aboutNewTasks)
            notification.TaskId = task.Id;
        TrackedChanges.AddRows(batch, model.FindEntityType(typeof(InstanceEventRecord))!, _events);
        TrackedChanges.AddRows(batch, model.FindEntityType(typeof(OutboxRecord))!, _outbox);
        TrackedChanges.AddRows(batch, model.FindEntityType(typeof(JobRecord))!, _jobs);
    }
}
