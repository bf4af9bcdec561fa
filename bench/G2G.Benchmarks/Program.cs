using System.Globalization;
using BenchmarkDotNet.Running;
using G2G.Benchmarks.Models;
using G2G.Benchmarks.Profiling;
using G2G.Benchmarks.Throughput;
using G2G.Engine.Execution;
using G2G.Engine.Parsing;

namespace G2G.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/G2G.Benchmarks -- …</c>
/// <list type="bullet">
/// <item>BenchmarkDotNet arguments (<c>--filter '*'</c>, <c>--job short</c>, …): the engine benchmarks.</item>
/// <item><c>--throughput [--model FILE] [--seconds N] [--warmup N]</c>: single-threaded instances/s of a linear user-task model (bench/peer).</item>
/// <item><c>--profile</c>: stopwatch splits, per-command cost as an instance grows, allocated types.</item>
/// <item><c>--repeat SCENARIO N</c>: fixed work for <c>perf stat -e task-clock</c> (see RepeatRunner).</item>
/// <item><c>--write-models [DIR]</c>: writes the generated models to bench/models (or DIR) and prints their sizes.</item>
/// </list>
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "--write-models")
            return WriteModels(args.Length > 1 ? args[1] : BenchModels.FindModelsFolder());
        if (args.Length > 0 && args[0] == "--throughput")
            return Throughput(args[1..]);
        if (args.Length > 0 && args[0] == "--profile")
            return ProfileRunner.Run();
        if (args.Length == 3 && args[0] == "--repeat")
            return RepeatRunner.Run(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    private static int Throughput(string[] args)
    {
        string? model = null;
        double seconds = 10, warmup = 2;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--model": model = args[++i]; break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown throughput option '{args[i]}'. Use --model FILE --seconds N --warmup N.");
                    return 2;
            }
        }
        model ??= BenchModels.FindModelsFolder() is { } folder ? Path.Combine(folder, BenchModels.Approval5File) : null;
        if (model is null || !File.Exists(model))
        {
            Console.Error.WriteLine($"Model file not found: '{model}'. Pass --model bench/models/approval-5.bpmn.");
            return 2;
        }
        return ThroughputRunner.Run(new ThroughputRunner.Options(model, seconds, warmup));
    }

    private static int WriteModels(string? folder)
    {
        if (folder is null)
        {
            Console.Error.WriteLine("bench/models not found from here; pass the folder: --write-models DIR.");
            return 2;
        }
        Directory.CreateDirectory(folder);
        var inv = CultureInfo.InvariantCulture;
        foreach (var (file, xml) in new[] { (BenchModels.Generated200File, BenchModels.Generated200Xml()), (BenchModels.CountersignFile, BenchModels.CountersignXml()) })
        {
            var path = Path.Combine(folder, file);
            File.WriteAllText(path, xml);
            var document = BpmnParser.Parse(xml);
            foreach (var diagnostic in document.Diagnostics)
                Console.WriteLine($"   {diagnostic}");
            var process = document.Processes[0];
            Console.WriteLine(string.Create(inv,
                $"{path}: {xml.Length:N0} characters, {process.AllNodes.Count} flow nodes + {process.AllFlows.Count} sequence flows = {process.AllNodes.Count + process.AllFlows.Count} elements, {document.Diagnostics.Count} diagnostics"));
        }

        // Sizes of the stored states the JSON benchmarks read and write.
        var executor = new ProcessExecutor();
        var approval = BenchModels.Load(BenchModels.Approval5Xml());
        var started = executor.Execute(approval, ProcessState.Empty, new StartProcess(BenchModels.ApprovalVariables(1)), BenchModels.Now);
        var second = executor.Execute(approval, started.State, new CompleteTask(Drive.CreatedTask(started.Effects), null, "approve"), BenchModels.Now);
        var countersign = BenchModels.Load(BenchModels.CountersignXml());
        var open = executor.Execute(countersign, ProcessState.Empty, new StartProcess(BenchModels.CountersignVariables(1000)), BenchModels.Now);
        Console.WriteLine(string.Create(inv, $"state JSON: approval-5 at its second step {ProcessStateJson.SerializeToUtf8(second.State).Length:N0} bytes; countersign with 1,000 open tasks {ProcessStateJson.SerializeToUtf8(open.State).Length:N0} bytes"));
        return 0;
    }
}
