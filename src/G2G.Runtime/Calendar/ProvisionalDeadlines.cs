using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Time;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Calendar;

/// <summary>
/// Counts again the deadlines of open tasks that were counted over a year without a schedule
/// (<see cref="TaskRecord.DueProvisional"/>), from the task's creation with the calendar as it is now, and moves
/// their reminder, overdue and escalation jobs with them. A deadline still reaching a missing year stays provisional.
/// </summary>
public sealed class ProvisionalDeadlines(G2GDbContext db, DefinitionCache cache, CalendarProvider calendars, SqliteWriteGate writeGate)
{
    private const int BatchSize = 200;

    /// <summary>Recounts every provisional deadline; returns how many tasks were recounted.</summary>
    public async Task<int> RecountAsync(CancellationToken cancellationToken)
    {
        var recounted = 0;
        for (var after = 0L; ;)
        {
            var ids = await db.Set<TaskRecord>().AsNoTracking()
                .Where(t => t.State == TaskStates.Open && t.DueProvisional && t.Id > after)
                .OrderBy(t => t.Id).Select(t => t.Id).Take(BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (ids.Count == 0)
                return recounted;
            recounted += await RecountBatchAsync(ids, cancellationToken).ConfigureAwait(false);
            after = ids[^1];
        }
    }

    private async Task<int> RecountBatchAsync(List<long> ids, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            db.ChangeTracker.Clear();
            using var writing = await writeGate.EnterAsync(cancellationToken).ConfigureAwait(false);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var rows = await (from t in db.Set<TaskRecord>()
                              join i in db.Set<ProcessInstanceRecord>() on t.InstanceId equals i.Id
                              where ids.Contains(t.Id) && t.State == TaskStates.Open && t.DueProvisional
                              select new { Task = t, i.DefinitionId, i.State })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
                await RecountAsync(row.Task, row.DefinitionId, row.State, cancellationToken).ConfigureAwait(false);
            try
            {
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return rows.Count;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // A command changed one of these tasks meanwhile (completed it, say): read the batch again.
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>A deadline written as an expression is evaluated again on the instance's process variables.</summary>
    private async Task RecountAsync(TaskRecord task, long definitionId, string state, CancellationToken cancellationToken)
    {
        var definition = cache.GetOrParse(definitionId, task.ProcessKey,
            () => db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == definitionId).Select(d => d.Xml).Single());
        var settings = (definition.FindNode(task.ElementId) as UserTask)?.Settings;
        var calendar = await calendars.ForAgencyAsync(db, task.AgencyId, cancellationToken).ConfigureAwait(false);
        DeadlineSpec? spec, before;
        try
        {
            var scope = settings is null or { DueExpression: null, RemindBeforeExpression: null } ? null
                : new DictionaryVariableScope(StoredState.Read(task.InstanceId, state).Variables);
            var context = new EvaluationContext { Now = task.CreatedAt };
            spec = settings is null ? null : Deadline.Resolve(settings.Due, settings.DueExpression, scope!, context);
            before = settings is null ? null : Deadline.Resolve(settings.RemindBefore, settings.RemindBeforeExpression, scope!, context);
        }
        catch (ExpressionEvaluationException)
        {
            return; // the variables changed since the task was made: its deadline stays as it was counted
        }
        if (spec is null)
        {
            task.DueProvisional = false;
            return;
        }
        var due = spec.DueFrom(task.CreatedAt, calendar);
        var remind = before is not null ? before.Negate().DueFrom(due, calendar) : (DateTimeOffset?)null;
        var escalate = settings!.EscalateAfter is { } afterDue ? afterDue.DueFrom(due, calendar) : (DateTimeOffset?)null;
        (task.DueAt, task.RemindAt) = (due, remind);
        task.DueProvisional = calendar.IsProvisional(task.CreatedAt, escalate ?? due);
        task.Version++;
        await MoveJobAsync(task, JobKinds.Overdue, due, cancellationToken).ConfigureAwait(false);
        if (remind is { } remindAt)
            await MoveJobAsync(task, JobKinds.Reminder, remindAt, cancellationToken).ConfigureAwait(false);
        if (escalate is { } escalateAt)
            await MoveJobAsync(task, JobKinds.Escalation, escalateAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Moves a task's job that has not run yet; one already run (a reminder sent) is not sent again.</summary>
    private Task<int> MoveJobAsync(TaskRecord task, string kind, DateTimeOffset dueAt, CancellationToken cancellationToken) =>
        db.Set<JobRecord>()
            .Where(j => j.InstanceId == task.InstanceId && j.TargetId == task.EngineTaskId && j.Kind == kind
                && j.State == JobStates.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.DueAt, dueAt), cancellationToken);
}
