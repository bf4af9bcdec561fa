using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using G2G.Benchmarks.Models;
using G2G.Engine.Execution;
using G2G.Engine.Model;
using G2G.Engine.Parsing;
using G2G.Engine.Validation;

namespace G2G.Benchmarks.Profiling;

/// <summary>
/// <c>--profile</c>: where the time and the allocations go, without a profiler. Stopwatch splits of
/// parsing (XML load, model building, validation), the cost of one command as the instance grows
/// (multi-instance with 10 … 2,000 open tasks), and the allocated types, sampled in process from the
/// runtime's GC allocation-tick events (one event per ~100 KB allocated, naming the type).
/// </summary>
public static class ProfileRunner
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static int Run()
    {
        ParseSplit();
        CommandCosts();
        MultiInstanceScaling();
        using var sampler = new AllocationSampler();
        AllocationsOf(sampler, "approval-5, start + 5 completions (×20,000)", () =>
        {
            var executor = new ProcessExecutor();
            var definition = BenchModels.Load(BenchModels.Approval5Xml());
            var variables = BenchModels.ApprovalVariables(1);
            return () =>
            {
                for (var i = 0; i < 20_000; i++)
                    Drive.LinearToEnd(executor, definition, variables, 5);
            };
        });
        AllocationsOf(sampler, "countersign, one completion with 1,000 open tasks (×300)", () =>
        {
            var executor = new ProcessExecutor();
            var definition = BenchModels.Load(BenchModels.CountersignXml());
            var started = executor.Execute(definition, ProcessState.Empty, new StartProcess(BenchModels.CountersignVariables(1000)), BenchModels.Now);
            var command = new CompleteTask(Drive.CreatedTasks(started.Effects)[0], null, "approve");
            return () =>
            {
                for (var i = 0; i < 300; i++)
                    executor.Execute(definition, started.State, command, BenchModels.Now);
            };
        });
        AllocationsOf(sampler, "state JSON read of approval-5 at step 2 (×50,000)", () =>
        {
            var executor = new ProcessExecutor();
            var definition = BenchModels.Load(BenchModels.Approval5Xml());
            var started = executor.Execute(definition, ProcessState.Empty, new StartProcess(BenchModels.ApprovalVariables(1)), BenchModels.Now);
            var json = ProcessStateJson.SerializeToUtf8(started.State);
            return () =>
            {
                for (var i = 0; i < 50_000; i++)
                    ProcessStateJson.Deserialize(json);
            };
        });
        AllocationsOf(sampler, "parse + validate generated-200 (×200)", () =>
        {
            var xml = BenchModels.Generated200Xml();
            return () =>
            {
                for (var i = 0; i < 200; i++)
                    BpmnParser.Parse(xml);
            };
        });
        return 0;
    }

    /// <summary>Median of the given runs in microseconds, after a warm-up.</summary>
    private static double Median(Action action, int runs)
    {
        for (var i = 0; i < Math.Max(3, runs / 10); i++)
            action();
        var samples = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var start = Stopwatch.GetTimestamp();
            action();
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }
        Array.Sort(samples);
        return samples[runs / 2];
    }

    private static long Allocated(Action action)
    {
        action();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void ParseSplit()
    {
        var xml = BenchModels.Generated200Xml();
        var document = BpmnParser.Parse(xml);
        var process = document.Processes[0];
        var load = Median(() =>
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            XDocument.Load(reader, LoadOptions.SetLineInfo);
        }, 200);
        var total = Median(() => BpmnParser.Parse(xml), 200);
        var validate = Median(() => BpmnValidator.Validate(process, document.Processes, ValidationContext.Permissive), 200);
        var validateBytes = Allocated(() => BpmnValidator.Validate(process, document.Processes, ValidationContext.Permissive));
        var totalBytes = Allocated(() => BpmnParser.Parse(xml));
        Console.WriteLine("== parse + validate generated-200 (median of 200, µs)");
        Console.WriteLine(string.Create(Inv, $"   total {total:F0} µs ({totalBytes / 1024.0:F0} KB) = XDocument load {load:F0} + model building (incl. reachability) {total - load - validate:F0} + validation {validate:F0} µs ({validateBytes / 1024.0:F0} KB)"));
    }

    private static void CommandCosts()
    {
        var executor = new ProcessExecutor();
        var definition = BenchModels.Load(BenchModels.Approval5Xml());
        var variables = BenchModels.ApprovalVariables(1);
        var started = executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now);
        var complete = new CompleteTask(Drive.CreatedTask(started.Effects), null, "approve");
        var afterFirst = executor.Execute(definition, started.State, complete, BenchModels.Now);
        var json = ProcessStateJson.SerializeToUtf8(started.State);

        var start = Median(() => executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now), 20_000);
        var startBytes = Allocated(() => executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now));
        var step = Median(() => executor.Execute(definition, started.State, complete, BenchModels.Now), 20_000);
        var stepBytes = Allocated(() => executor.Execute(definition, started.State, complete, BenchModels.Now));
        var write = Median(() => ProcessStateJson.SerializeToUtf8(afterFirst.State), 20_000);
        var read = Median(() => ProcessStateJson.Deserialize(json), 20_000);
        Console.WriteLine("== approval-5, one command (median of 20,000)");
        Console.WriteLine(string.Create(Inv, $"   StartProcess {start:F2} µs, {startBytes:N0} B; CompleteTask {step:F2} µs, {stepBytes:N0} B ({afterFirst.Effects.Count} effects)"));
        Console.WriteLine(string.Create(Inv, $"   state JSON ({json.Length} B): write {write:F2} µs, read {read:F2} µs"));
    }

    private static void MultiInstanceScaling()
    {
        var executor = new ProcessExecutor();
        var definition = BenchModels.Load(BenchModels.CountersignXml());
        Console.WriteLine("== countersign: one command as the instance grows (median, µs)");
        Console.WriteLine("   open tasks | start (creates all) | complete one | bytes per completion | µs per open task");
        foreach (var count in new[] { 10, 100, 1000, 2000 })
        {
            var variables = BenchModels.CountersignVariables(count);
            var runs = count >= 1000 ? 50 : 500;
            var start = Median(() => executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now), runs);
            var started = executor.Execute(definition, ProcessState.Empty, new StartProcess(variables), BenchModels.Now);
            var command = new CompleteTask(Drive.CreatedTasks(started.Effects)[count / 2], null, "approve");
            var complete = Median(() => executor.Execute(definition, started.State, command, BenchModels.Now), runs * 4);
            var bytes = Allocated(() => executor.Execute(definition, started.State, command, BenchModels.Now));
            Console.WriteLine(string.Create(Inv, $"   {count,10} | {start,19:F0} | {complete,12:F1} | {bytes,20:N0} | {complete / count:F3}"));
        }
    }

    private static void AllocationsOf(AllocationSampler sampler, string what, Func<Action> prepare)
    {
        var action = prepare();
        action(); // warm-up outside the sample
        Thread.Sleep(500); // events of earlier work arrive asynchronously; let them pass before counting
        sampler.Reset();
        var before = GC.GetAllocatedBytesForCurrentThread();
        action();
        var total = GC.GetAllocatedBytesForCurrentThread() - before;
        Thread.Sleep(500); // let the listener drain its events
        var byType = sampler.Snapshot();
        var sampled = byType.Values.Sum();
        Console.WriteLine(string.Create(Inv, $"== allocated types: {what}: {total / 1048576.0:F1} MB in all, sampled share by type"));
        foreach (var (type, bytes) in byType.OrderByDescending(p => p.Value).Take(14))
            Console.WriteLine(string.Create(Inv, $"   {100.0 * bytes / Math.Max(sampled, 1),5:F1}%  {type}"));
    }

    /// <summary>Counts the runtime's GCAllocationTick events by type name (in-process EventListener).</summary>
    private sealed class AllocationSampler : EventListener
    {
        private readonly ConcurrentDictionary<string, long> _bytes = new(StringComparer.Ordinal);

        protected override void OnEventSourceCreated(EventSource eventSource)
        {
            if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
                EnableEvents(eventSource, EventLevel.Verbose, (EventKeywords)0x1); // GC keyword; allocation ticks are verbose
        }

        protected override void OnEventWritten(EventWrittenEventArgs eventData)
        {
            if (eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.PayloadNames is null)
                return;
            var type = eventData.PayloadNames.IndexOf("TypeName") is >= 0 and var t ? eventData.Payload![t] as string ?? "?" : "?";
            var amount = eventData.PayloadNames.IndexOf("AllocationAmount64") is >= 0 and var a
                ? Convert.ToInt64(eventData.Payload![a], CultureInfo.InvariantCulture)
                : 100_000;
            _bytes.AddOrUpdate(type, amount, (_, sum) => sum + amount);
        }

        public void Reset() => _bytes.Clear();

        public Dictionary<string, long> Snapshot() => new(_bytes, StringComparer.Ordinal);
    }
}
