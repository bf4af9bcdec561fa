using G2G.Engine.Execution;
using G2G.Engine.Model;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Queries;

/// <summary>A step of a process: its element id and name as drawn.</summary>
public sealed record StepRef(string ElementId, string? Name);

/// <summary>
/// What a task's step allows, as its definition version says (g2g:operations, g2g:sendBackTo, g2g:opinion), resolved for
/// this task: the steps it may send back to, the signers added after it who have not acted (减签), whom it is delegated
/// from (委派), and the names of every step of the process (to name the steps of its history).
/// </summary>
public sealed record TaskStep(
    long TaskId,
    string? ProcessName,
    TaskOperations Operations,
    OpinionPolicy Opinion,
    IReadOnlyList<StepRef> SendBackTargets,
    IReadOnlyList<string> PendingSigners,
    string? DelegatedBy,
    IReadOnlyDictionary<string, string?> StepNames);

/// <summary>
/// Reads a task's step from the definition version its instance runs, for clients that offer exactly the operations the
/// step allows. Visible to whoever may see the task; anyone else gets the task's not-found.
/// </summary>
public sealed class TaskSteps(G2GDbContext db, RuntimeQueries queries, DefinitionCache cache)
{
    public async Task<TaskStep> GetAsync(long taskId, CancellationToken cancellationToken = default)
    {
        var task = await queries.GetTaskAsync(taskId, cancellationToken).ConfigureAwait(false); // the access check
        var row = await (
                from t in db.Set<TaskRecord>().AsNoTracking()
                where t.Id == taskId
                join i in db.Set<ProcessInstanceRecord>().AsNoTracking() on t.InstanceId equals i.Id
                select new { t.EngineTaskId, t.Owner, i.DefinitionId, i.ProcessKey, i.State })
            .FirstAsync(cancellationToken).ConfigureAwait(false);
        var definition = cache.GetOrParse(row.DefinitionId, row.ProcessKey,
            () => db.ProcessDefinitions.AsNoTracking().Where(d => d.Id == row.DefinitionId).Select(d => d.Xml).Single());
        var names = definition.AllNodes.ToDictionary(n => n.Id, n => n.Name, StringComparer.Ordinal);
        if (definition.FindNode(task.ElementId) is not UserTask step)
            return new TaskStep(taskId, definition.Name, TaskOperations.None, OpinionPolicy.Optional, [], [], row.Owner, names);
        var state = StoredState.Read(task.InstanceId, row.State);
        var token = state.Tokens.FirstOrDefault(t => t.Id == row.EngineTaskId);
        var targets = step.Settings.Operations.HasFlag(TaskOperations.SendBack) ? SendBackTargets(definition, step, state, row.EngineTaskId) : [];
        return new TaskStep(taskId, definition.Name, step.Settings.Operations, step.Settings.Opinion,
            [.. targets.Select(t => new StepRef(t.Id, t.Name))],
            token is null ? [] : [.. token.PendingSigners.Select(s => s.UserId)],
            row.Owner, names);
    }

    /// <summary>The earlier user tasks the step may send work back to: those g2g:sendBackTo names, else every earlier one.</summary>
    internal static IEnumerable<UserTask> SendBackTargets(ProcessDefinition definition, UserTask step, ProcessState state, long engineTaskId)
    {
        var configured = step.Settings.SendBackTargets;
        var earlier = step.Container.Nodes.OfType<UserTask>().Where(t => t != step && definition.CanReach(t, step));
        if (configured.Count == 0)
            return earlier;
        var allowed = configured.Select(entry => entry switch
        {
            "previous" => ProcessExecutor.PreviousStep(state, engineTaskId),
            "initiator" => ProcessExecutor.InitiatorStep(definition.Root)?.Id,
            _ => entry,
        }).OfType<string>().ToHashSet(StringComparer.Ordinal);
        return earlier.Where(t => allowed.Contains(t.Id));
    }
}
