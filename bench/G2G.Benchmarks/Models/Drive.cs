using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Model;

namespace G2G.Benchmarks.Models;

/// <summary>
/// Drives instances the way the runtime does: the state goes in, the new state and the effects come
/// out, and the next task id is read from the <see cref="TaskCreated"/> effect.
/// </summary>
public static class Drive
{
    /// <summary>The task id of the single <see cref="TaskCreated"/> effect.</summary>
    public static long CreatedTask(IReadOnlyList<Effect> effects)
    {
        long id = -1;
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i] is TaskCreated created)
            {
                if (id >= 0)
                    throw new InvalidOperationException("More than one task was created.");
                id = created.TaskId;
            }
        }
        return id >= 0 ? id : throw new InvalidOperationException("No task was created.");
    }

    /// <summary>Every created task id, in the order of the effects.</summary>
    public static long[] CreatedTasks(IReadOnlyList<Effect> effects)
    {
        var ids = new List<long>();
        for (var i = 0; i < effects.Count; i++)
        {
            if (effects[i] is TaskCreated created)
                ids.Add(created.TaskId);
        }
        return [.. ids];
    }

    /// <summary>approval-5 from start to end: start, then complete each of the five tasks with "approve".</summary>
    public static ExecutionResult LinearToEnd(ProcessExecutor executor, ProcessDefinition definition, IReadOnlyDictionary<string, Value>? variables, int tasks)
    {
        var result = executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now);
        for (var step = 0; step < tasks; step++)
            result = executor.Execute(definition, result.State, new CompleteTask(CreatedTask(result.Effects), null, "approve"), BenchModels.Now);
        return result;
    }

    /// <summary>
    /// The same run with the state stored between commands as the runtime stores it: serialized to
    /// UTF-8 JSON after each command and read back before the next.
    /// </summary>
    public static ProcessState LinearToEndThroughJson(ProcessExecutor executor, ProcessDefinition definition, IReadOnlyDictionary<string, Value>? variables, int tasks)
    {
        var result = executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now);
        var stored = ProcessStateJson.SerializeToUtf8(result.State);
        for (var step = 0; step < tasks; step++)
        {
            var state = ProcessStateJson.Deserialize(stored);
            result = executor.Execute(definition, state, new CompleteTask(CreatedTask(result.Effects), null, "approve"), BenchModels.Now);
            stored = ProcessStateJson.SerializeToUtf8(result.State);
        }
        return ProcessStateJson.Deserialize(stored);
    }

    /// <summary>Starts the countersign over <paramref name="variables"/>' approvers and completes every task.</summary>
    public static ExecutionResult CountersignToEnd(ProcessExecutor executor, ProcessDefinition definition, IReadOnlyDictionary<string, Value> variables)
    {
        var result = executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now);
        var tasks = CreatedTasks(result.Effects);
        foreach (var task in tasks)
            result = executor.Execute(definition, result.State, new CompleteTask(task, null, "approve"), BenchModels.Now);
        return result;
    }

    public static void ExpectCompleted(ProcessState state, string what)
    {
        if (state.Status != ProcessStatus.Completed)
            throw new InvalidOperationException($"{what} ended {state.Status}, not Completed.");
    }
}
