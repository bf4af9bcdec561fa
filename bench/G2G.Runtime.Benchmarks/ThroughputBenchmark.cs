using System.Collections.Concurrent;

namespace G2G.Runtime.Benchmarks;

/// <summary>
/// One throughput configuration: a database, a number of workers, the runtime and two baselines side by side:
/// the floor (one update and one insert) and the rows baseline (the same rows as the runtime's commands,
/// written by hand; <see cref="RowsFloor"/>).
/// </summary>
internal sealed record ThroughputResult(
    string Database, int Workers, double Seconds,
    double CommandsPerSecond, double InstancesPerSecond, double FloorPerSecond,
    double RoundRatioMin, double RoundRatioMax,
    Percentiles Start, Percentiles Complete, Percentiles FloorLatency,
    long Commands, long Instances, long FloorTransactions, int LookupQueries,
    double RuntimeCpuMsPerCommand, double FloorCpuMsPerTransaction, double RoundRatioMedian,
    double RuntimeServerCpuMsPerCommand, double FloorServerCpuMsPerTransaction,
    IReadOnlyDictionary<string, int> SlowCalls,
    double RowsPerSecond, Percentiles RowsLatency, double RowsCpuMsPerTransaction, double RowsServerCpuMsPerTransaction,
    double RowsRoundRatioMedian, double RowsRoundRatioMin, double RowsRoundRatioMax,
    double RuntimeKbPerCommand, double FloorKbPerTransaction, double RowsKbPerTransaction)
{
    /// <summary>Runtime commands per second over bare transactions per second.</summary>
    public double Ratio => CommandsPerSecond / FloorPerSecond;

    /// <summary>Runtime commands per second over same-rows transactions per second.</summary>
    public double RowsRatio => CommandsPerSecond / RowsPerSecond;
}

/// <summary>
/// Persisted throughput of the 5-step approval against the two baselines, measured on the same database in
/// the same run: after a warm-up of each, the measured time is split into rounds in which the floor, the
/// rows baseline and the runtime take turns (each round in another order), so drift of a shared machine
/// hits all three alike.
/// </summary>
internal static class ThroughputBenchmark
{
    public static async Task<List<ThroughputResult>> RunAsync(BenchOptions options, string provider, string workDirectory)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, "throughput", workDirectory);
        var slow = new SlowCalls(TimeSpan.FromMilliseconds(250));
        // The slow-call interceptor makes EF raise an event per database call, which the runtime side alone would pay.
        await using var host = options.SlowCalls ? new RuntimeHost(database.Settings, slow) : new RuntimeHost(database.Settings);
        await host.DeployWorkflowsAsync(Models.WorkflowsFolder);
        var floor = new Floor(database);
        var rows = new RowsFloor(database);
        var server = await ServerCpu.FindAsync(database);
        await floor.CreateTablesAsync(options.Workers.Max());

        using var allocations = options.Allocations ? new AllocationSampler() : null;
        var results = new List<ThroughputResult>();
        foreach (var workers in options.Workers)
        {
            Console.WriteLine($"[throughput] {database.DisplayName}, {workers} worker(s): warm-up {options.Warmup:0.#} s each, then {options.Rounds} round(s) of {options.Seconds / options.Rounds:0.#} s per side");
            await Timed.RunAsync(workers, options.Warmup, (w, running) => floor.RunAsync(w, running, null));
            await RuntimeSegmentAsync(host, workers, options.Warmup, null, null);
            await rows.PrepareAsync();
            await Timed.RunAsync(workers, options.Warmup, (w, running) => rows.RunAsync(w, running, null));
            slow.Clear();

            Segment floorTotal = default, rowsTotal = default, runtimeTotal = default;
            long instances = 0;
            var lookups = 0;
            var starts = new ConcurrentBag<double>();
            var completes = new ConcurrentBag<double>();
            var floorLatencies = new ConcurrentBag<double>();
            var rowsLatencies = new ConcurrentBag<double>();
            List<double> ratios = [], rowsRatios = [];
            var segment = options.Seconds / options.Rounds;
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Each round starts with another side, so none always runs on the warmer (or more crowded) part.
                Segment floorRun = default, rowsRun = default;
                (Segment Segment, long Instances, int Lookups) runtimeRun = default;
                for (var turn = 0; turn < 3; turn++)
                {
                    switch ((turn + round) % 3)
                    {
                        case 0: floorRun = await BaselineSegmentAsync(floor.RunAsync, workers, segment, floorLatencies, server); break;
                        case 1: rowsRun = await BaselineSegmentAsync(rows.RunAsync, workers, segment, rowsLatencies, server); break;
                        default:
                            allocations?.Recording = true;
                            runtimeRun = await RuntimeSegmentAsync(host, workers, segment, starts, completes, server);
                            allocations?.Recording = false;
                            break;
                    }
                }
                var run = runtimeRun.Segment;
                ratios.Add(run.Rate / floorRun.Rate);
                rowsRatios.Add(run.Rate / rowsRun.Rate);
                Console.WriteLine($"  round {round}: floor {floorRun.Rate,8:0.0} tx/s, rows {rowsRun.Rate,7:0.0} tx/s, runtime {run.Rate,7:0.0} commands/s " +
                    $"({runtimeRun.Instances / run.Seconds:0.0} instances/s), ratio {ratios[^1]:P0} of floor, {rowsRatios[^1]:P0} of rows; " +
                    $"KB allocated per command {run.AllocatedKbPerItem:0}, per floor tx {floorRun.AllocatedKbPerItem:0.0}, per rows tx {rowsRun.AllocatedKbPerItem:0.0}; " +
                    $"so far {System.Runtime.JitInfo.GetCompiledMethodCount()} methods jitted, GC pauses {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms");
                floorTotal += floorRun;
                rowsTotal += rowsRun;
                runtimeTotal += run;
                instances += runtimeRun.Instances;
                lookups += runtimeRun.Lookups;
            }
            var result = new ThroughputResult(database.DisplayName, workers, runtimeTotal.Seconds,
                runtimeTotal.Rate, instances / runtimeTotal.Seconds, floorTotal.Rate, ratios.Min(), ratios.Max(),
                Percentiles.Of(starts), Percentiles.Of(completes), Percentiles.Of(floorLatencies),
                runtimeTotal.Count, instances, floorTotal.Count, lookups, runtimeTotal.CpuMsPerItem, floorTotal.CpuMsPerItem, Median(ratios),
                runtimeTotal.ServerCpuMsPerItem, floorTotal.ServerCpuMsPerItem,
                new Dictionary<string, int>(slow.Counts, StringComparer.Ordinal),
                rowsTotal.Rate, Percentiles.Of(rowsLatencies), rowsTotal.CpuMsPerItem, rowsTotal.ServerCpuMsPerItem,
                Median(rowsRatios), rowsRatios.Min(), rowsRatios.Max(),
                runtimeTotal.AllocatedKbPerItem, floorTotal.AllocatedKbPerItem, rowsTotal.AllocatedKbPerItem);
            Console.WriteLine($"  => floor {result.FloorPerSecond:0.0} tx/s, rows {result.RowsPerSecond:0.0} tx/s, runtime {result.CommandsPerSecond:0.0} commands/s, {result.InstancesPerSecond:0.0} instances/s, " +
                $"ratio {result.Ratio:P0} of floor (median of rounds {result.RoundRatioMedian:P0}), {result.RowsRatio:P0} of rows (median {result.RowsRoundRatioMedian:P0}); " +
                $"p50/p95 ms start {result.Start.P50:0.00}/{result.Start.P95:0.00}, complete {result.Complete.P50:0.00}/{result.Complete.P95:0.00}, floor {result.FloorLatency.P50:0.00}/{result.FloorLatency.P95:0.00}, rows {result.RowsLatency.P50:0.00}/{result.RowsLatency.P95:0.00}; " +
                $"CPU ms client/server per command {result.RuntimeCpuMsPerCommand:0.00}/{result.RuntimeServerCpuMsPerCommand:0.00}, per floor tx {result.FloorCpuMsPerTransaction:0.00}/{result.FloorServerCpuMsPerTransaction:0.00}, per rows tx {result.RowsCpuMsPerTransaction:0.00}/{result.RowsServerCpuMsPerTransaction:0.00}");
            allocations?.Print();
            if (result.SlowCalls.Count > 0)
                Console.WriteLine($"  runtime database calls slower than 250 ms: {string.Join(", ", result.SlowCalls.Select(c => $"{c.Key} ×{c.Value}"))}");
            results.Add(result);
        }
        return results;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<Segment> BaselineSegmentAsync(Func<int, Func<bool>, List<double>?, Task<long>> run, int workers, double seconds,
        ConcurrentBag<double> latencies, ServerCpu? server) =>
        await Timed.RunAsync(workers, seconds, async (w, running) =>
        {
            var mine = new List<double>();
            var count = await run(w, running, mine);
            foreach (var latency in mine)
                latencies.Add(latency);
            return count;
        }, server);

    private static async Task<(Segment Segment, long Instances, int Lookups)> RuntimeSegmentAsync(
        RuntimeHost host, int workers, double seconds, ConcurrentBag<double>? starts, ConcurrentBag<double>? completes, ServerCpu? server = null)
    {
        long instances = 0;
        var lookups = 0;
        var segment = await Timed.RunAsync(workers, seconds, async (w, running) =>
        {
            await using var scope = host.CreateScope();
            var driver = new ApprovalDriver(scope, w);
            var myStarts = new List<double>();
            var myCompletes = new List<double>();
            var (count, done) = await driver.RunAsync(running, myStarts, myCompletes);
            foreach (var latency in myStarts)
                starts?.Add(latency);
            foreach (var latency in myCompletes)
                completes?.Add(latency);
            Interlocked.Add(ref instances, done);
            Interlocked.Add(ref lookups, driver.LookupQueries);
            return count;
        }, server);
        return (segment, instances, lookups);
    }
}
