using System.Collections.Concurrent;

namespace G2G.Runtime.Benchmarks;

/// <summary>One throughput configuration: a database, a number of workers, runtime and floor side by side.</summary>
internal sealed record ThroughputResult(
    string Database, int Workers, double Seconds,
    double CommandsPerSecond, double InstancesPerSecond, double FloorPerSecond,
    double RoundRatioMin, double RoundRatioMax,
    Percentiles Start, Percentiles Complete, Percentiles FloorLatency,
    long Commands, long Instances, long FloorTransactions, int LookupQueries,
    double RuntimeCpuMsPerCommand, double FloorCpuMsPerTransaction, double RoundRatioMedian,
    double RuntimeServerCpuMsPerCommand, double FloorServerCpuMsPerTransaction,
    IReadOnlyDictionary<string, int> SlowCalls)
{
    /// <summary>Runtime commands per second over bare transactions per second.</summary>
    public double Ratio => CommandsPerSecond / FloorPerSecond;
}

/// <summary>
/// Persisted throughput of the 5-step approval against the bare-transaction floor, measured on the same
/// database in the same run: after a warm-up of each, the measured time is split into rounds in which
/// the floor and the runtime alternate, so drift of a shared machine hits both alike.
/// </summary>
internal static class ThroughputBenchmark
{
    public static async Task<List<ThroughputResult>> RunAsync(BenchOptions options, string provider, string workDirectory)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, "throughput", workDirectory);
        var slow = new SlowCalls(TimeSpan.FromMilliseconds(250));
        await using var host = new RuntimeHost(database.Settings, slow);
        await host.DeployWorkflowsAsync(Models.WorkflowsFolder);
        var floor = new Floor(database);
        var server = await ServerCpu.FindAsync(database);
        await floor.CreateTablesAsync(options.Workers.Max());

        var results = new List<ThroughputResult>();
        foreach (var workers in options.Workers)
        {
            Console.WriteLine($"[throughput] {database.DisplayName}, {workers} worker(s): warm-up {options.Warmup:0.#} s each, then {options.Rounds} round(s) of {options.Seconds / options.Rounds:0.#} s per side");
            await Timed.RunAsync(workers, options.Warmup, (w, running) => floor.RunAsync(w, running, null));
            await RuntimeSegmentAsync(host, workers, options.Warmup, null, null);
            slow.Clear();

            double runtimeSeconds = 0, floorSeconds = 0, runtimeCpu = 0, floorCpu = 0, runtimeServerCpu = 0, floorServerCpu = 0;
            long commands = 0, instances = 0, transactions = 0;
            var lookups = 0;
            var starts = new ConcurrentBag<double>();
            var completes = new ConcurrentBag<double>();
            var floorLatencies = new ConcurrentBag<double>();
            var ratios = new List<double>();
            var segment = options.Seconds / options.Rounds;
            for (var round = 1; round <= options.Rounds; round++)
            {
                // Alternate which side goes first, so neither always runs on the warmer (or more crowded) half.
                var floorFirst = round % 2 == 1;
                Segment floorRun = default;
                (Segment Segment, long Instances, int Lookups) runtimeRun = default;
                for (var side = 0; side < 2; side++)
                {
                    if ((side == 0) == floorFirst)
                        floorRun = await FloorSegmentAsync(floor, workers, segment, floorLatencies, server);
                    else
                        runtimeRun = await RuntimeSegmentAsync(host, workers, segment, starts, completes, server);
                }
                var run = runtimeRun.Segment;
                var roundRatio = (run.Count / run.Seconds) / (floorRun.Count / floorRun.Seconds);
                ratios.Add(roundRatio);
                Console.WriteLine($"  round {round}: floor {floorRun.Count / floorRun.Seconds,8:0.0} tx/s, runtime {run.Count / run.Seconds,8:0.0} commands/s ({runtimeRun.Instances / run.Seconds:0.0} instances/s), ratio {roundRatio:P0}");
                floorSeconds += floorRun.Seconds;
                transactions += floorRun.Count;
                floorCpu += floorRun.CpuMs;
                floorServerCpu += floorRun.ServerCpuMs;
                runtimeSeconds += run.Seconds;
                commands += run.Count;
                runtimeCpu += run.CpuMs;
                runtimeServerCpu += run.ServerCpuMs;
                instances += runtimeRun.Instances;
                lookups += runtimeRun.Lookups;
            }
            var result = new ThroughputResult(database.DisplayName, workers, runtimeSeconds,
                commands / runtimeSeconds, instances / runtimeSeconds, transactions / floorSeconds, ratios.Min(), ratios.Max(),
                Percentiles.Of(starts), Percentiles.Of(completes), Percentiles.Of(floorLatencies),
                commands, instances, transactions, lookups, runtimeCpu / commands, floorCpu / transactions, Median(ratios),
                runtimeServerCpu / commands, floorServerCpu / transactions,
                new Dictionary<string, int>(slow.Counts, StringComparer.Ordinal));
            Console.WriteLine($"  => floor {result.FloorPerSecond:0.0} tx/s, runtime {result.CommandsPerSecond:0.0} commands/s, {result.InstancesPerSecond:0.0} instances/s, ratio {result.Ratio:P0} (median of rounds {result.RoundRatioMedian:P0}); " +
                $"p50/p95 ms start {result.Start.P50:0.00}/{result.Start.P95:0.00}, complete {result.Complete.P50:0.00}/{result.Complete.P95:0.00}, floor {result.FloorLatency.P50:0.00}/{result.FloorLatency.P95:0.00}; " +
                $"CPU ms per command client {result.RuntimeCpuMsPerCommand:0.00} server {result.RuntimeServerCpuMsPerCommand:0.00}, per floor tx client {result.FloorCpuMsPerTransaction:0.00} server {result.FloorServerCpuMsPerTransaction:0.00}");
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

    private static async Task<Segment> FloorSegmentAsync(Floor floor, int workers, double seconds, ConcurrentBag<double> latencies, ServerCpu? server) =>
        await Timed.RunAsync(workers, seconds, async (w, running) =>
        {
            var mine = new List<double>();
            var count = await floor.RunAsync(w, running, mine);
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
