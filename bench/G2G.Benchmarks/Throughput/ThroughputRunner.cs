using System.Diagnostics;
using System.Globalization;
using G2G.Benchmarks.Models;
using G2G.Engine.Execution;
using G2G.Engine.Parsing;

namespace G2G.Benchmarks.Throughput;

/// <summary>
/// The G2G half of bench/peer/run-side-by-side.sh: parse the model once, then for a fixed time run
/// as many instances as possible on one thread — start, complete every user task as its
/// <see cref="TaskCreated"/> effect arrives, until the process completes — and report instances/s.
/// It mirrors bench/peer/bpmn-engine-throughput.mjs step for step.
/// </summary>
public static class ThroughputRunner
{
    public sealed record Options(string ModelPath, double Seconds, double WarmupSeconds);

    public static int Run(Options options)
    {
        var xml = File.ReadAllText(options.ModelPath);
        var parse = Stopwatch.StartNew();
        var document = BpmnParser.Parse(xml);
        parse.Stop();
        if (document.HasErrors)
        {
            Console.Error.WriteLine("The model does not validate:" + Environment.NewLine + string.Join(Environment.NewLine, document.Diagnostics));
            return 2;
        }
        var definition = document.ExecutableProcesses[0];
        var executor = new ProcessExecutor();

        // Warm-up (JIT tiers, caches): not counted, as in the peer script.
        RunFor(executor, definition, TimeSpan.FromSeconds(options.WarmupSeconds), out _, out _);

        var gen0 = GC.CollectionCount(0);
        var gen2 = GC.CollectionCount(2);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var elapsed = RunFor(executor, definition, TimeSpan.FromSeconds(options.Seconds), out var instances, out var commands);
        var cpuUsed = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;

        var perSecond = instances / elapsed.TotalSeconds;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"g2g: {instances:N0} instances ({commands:N0} commands) in {elapsed.TotalSeconds:F2} s on one thread = {perSecond:F0} instances/s, {commands / elapsed.TotalSeconds:F0} commands/s"));
        var perCpuSecond = instances / Math.Max(cpuUsed.TotalSeconds, 1e-9);
        Console.WriteLine(string.Create(inv,
            $"g2g: parse once {parse.Elapsed.TotalMilliseconds:F1} ms (cold); process CPU {cpuUsed.TotalSeconds:F2} s = {perCpuSecond:F0} instances per CPU-second; {bytes / (double)Math.Max(instances, 1):F0} bytes allocated per instance; GC gen0 {GC.CollectionCount(0) - gen0}, gen2 {GC.CollectionCount(2) - gen2}"));
        Console.WriteLine(string.Create(inv,
            $"RESULT engine=g2g instances_per_sec={perSecond:F1} instances_per_cpu_sec={perCpuSecond:F1} instances={instances} seconds={elapsed.TotalSeconds:F3} cpu_seconds={cpuUsed.TotalSeconds:F3}"));
        return 0;
    }

    private static TimeSpan RunFor(ProcessExecutor executor, G2G.Engine.Model.ProcessDefinition definition, TimeSpan duration, out long instances, out long commands)
    {
        instances = 0;
        commands = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            var result = executor.Execute(definition, ProcessState.Empty, new StartProcess(BenchModels.ApprovalVariables((int)(instances % 1_000_000))), BenchModels.Now);
            commands++;
            while (result.State.Status == ProcessStatus.Running)
            {
                result = executor.Execute(definition, result.State, new CompleteTask(Drive.CreatedTask(result.Effects), null, "approve"), BenchModels.Now);
                commands++;
            }
            Drive.ExpectCompleted(result.State, "An instance");
            instances++;
        }
        return clock.Elapsed;
    }
}
