using System.Globalization;
using G2G.Benchmarks.Models;
using G2G.Engine.Execution;
using G2G.Engine.Parsing;

namespace G2G.Benchmarks.Profiling;

/// <summary>
/// <c>--repeat SCENARIO N</c>: a fixed amount of work and nothing else, for counting under
/// <c>perf stat</c>: CPU time (<c>-e task-clock</c>) and, where the machine exposes hardware counters
/// (this VM does not), instructions (<c>-e instructions:u</c>). CPU time drifts less with the load of a
/// shared machine than elapsed time does, so two engine builds can be compared (subtract a run with
/// N = 0 to remove start-up and JIT; take the best of a few). Every run checks the instance completed.
/// </summary>
public static class RepeatRunner
{
    public static readonly string[] Scenarios = ["parse200", "approval", "approval-json", "countersign100", "countersign1000", "countersign-start1000", "advance10k"];

    public static int Run(string scenario, int times)
    {
        var executor = new ProcessExecutor();
        Action work;
        switch (scenario)
        {
            case "parse200":
                var xml = BenchModels.Generated200Xml();
                work = () => BpmnParser.Parse(xml);
                break;
            case "approval" or "approval-json":
                var approval = BenchModels.Load(BenchModels.Approval5Xml());
                var variables = BenchModels.ApprovalVariables(1);
                work = scenario == "approval"
                    ? () => Drive.ExpectCompleted(Drive.LinearToEnd(executor, approval, variables, 5).State, scenario)
                    : () => Drive.ExpectCompleted(Drive.LinearToEndThroughJson(executor, approval, variables, 5), scenario);
                break;
            case "countersign100" or "countersign1000":
                var countersign = BenchModels.Load(BenchModels.CountersignXml());
                var approvers = BenchModels.CountersignVariables(scenario == "countersign100" ? 100 : 1000);
                work = () => Drive.ExpectCompleted(Drive.CountersignToEnd(executor, countersign, approvers).State, scenario);
                break;
            case "countersign-start1000":
                var definition = BenchModels.Load(BenchModels.CountersignXml());
                var thousand = BenchModels.CountersignVariables(1000);
                work = () => executor.Execute(definition, ProcessState.Empty, new StartProcess(thousand), BenchModels.Now);
                break;
            case "advance10k":
                var model = BenchModels.Load(BenchModels.Approval5Xml());
                var states = new ProcessState[10_000];
                var commands = new CompleteTask[10_000];
                for (var i = 0; i < states.Length; i++)
                {
                    var started = executor.Execute(model, ProcessState.Empty, new StartProcess(BenchModels.ApprovalVariables(i)), BenchModels.Now);
                    states[i] = started.State;
                    commands[i] = new CompleteTask(Drive.CreatedTask(started.Effects), null, "approve");
                }
                work = () =>
                {
                    for (var i = 0; i < states.Length; i++)
                        executor.Execute(model, states[i], commands[i], BenchModels.Now);
                };
                break;
            default:
                Console.Error.WriteLine($"Unknown scenario '{scenario}'; one of: {string.Join(", ", Scenarios)}.");
                return 2;
        }
        for (var i = 0; i < times; i++)
            work();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario} ×{times} done"));
        return 0;
    }
}
