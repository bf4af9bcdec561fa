using System.Diagnostics;
using G2G.Engine.Execution;
using G2G.Engine.Expressions;
using G2G.Engine.Parsing;

namespace G2G.Runtime.Benchmarks;

/// <summary>
/// The in-memory part of a runtime command, without the database: read the state JSON, run the engine,
/// write the state JSON, as InstanceService does around the engine. Tells how much of a command's client
/// CPU is the engine and how much is EF Core, the provider and the rest of the runtime.
/// </summary>
internal static class EngineOnly
{
    /// <summary>CPU microseconds per command (start or complete), single thread, after a warm-up.</summary>
    public static double MicrosecondsPerCommand(double seconds)
    {
        var definition = BpmnParser.Parse(File.ReadAllText(Models.ApprovalFile)).GetProcess(Models.ApprovalKey);
        var executor = new ProcessExecutor(ExecutionOptions.Default);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
        var variables = new Dictionary<string, Value>(StringComparer.Ordinal) { ["initiator"] = Value.From("user-0") };

        long RunOne()
        {
            var json = ProcessStateJson.Serialize(ProcessState.Empty);
            var result = executor.Execute(definition, ProcessStateJson.Deserialize(json), new StartProcess(variables), now);
            json = ProcessStateJson.Serialize(result.State);
            for (var step = 1; step < Models.CommandsPerInstance; step++)
            {
                var task = result.Effects.OfType<TaskCreated>().Single();
                result = executor.Execute(definition, ProcessStateJson.Deserialize(json), new CompleteTask(task.TaskId, Models.Submission(step), "approve"), now);
                json = ProcessStateJson.Serialize(result.State);
            }
            return Models.CommandsPerInstance;
        }

        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed.TotalSeconds < 3)
            RunOne();
        long commands = 0;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var began = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(began).TotalSeconds < seconds)
            commands += RunOne();
        process.Refresh();
        return (process.TotalProcessorTime - cpu).TotalMicroseconds / commands;
    }
}
