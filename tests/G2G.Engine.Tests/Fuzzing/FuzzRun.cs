using System.Diagnostics;
using CsCheck;

namespace G2G.Engine.Tests.Fuzzing;

/// <summary>
/// How many cases a fuzz property runs and what each case may cost. The test command runs a short
/// version; <c>G2G_FUZZ_CASES</c> (or bench/fuzz/run.sh) sets the number of cases of every property for the long run,
/// and <c>G2G_FUZZ_SEED</c> replays the seed a failure printed.
/// </summary>
internal static class FuzzRun
{
    /// <summary>Largest allocation one case may make: a fixed allowance plus this many bytes per character of input.</summary>
    private const long BaseAllocation = 64L << 20;
    private const long AllocationPerInputChar = 400;

    /// <summary>Slowest a case may be before it counts as a hang (generous: the machine is shared and loaded).</summary>
    private static readonly TimeSpan HangAfter = TimeSpan.FromSeconds(20);

    public static int Cases(int shortRun) =>
        int.TryParse(Environment.GetEnvironmentVariable("G2G_FUZZ_CASES"), out var cases) && cases > 0 ? cases : shortRun;

    /// <summary>
    /// Runs <paramref name="property"/> on <paramref name="cases"/> generated inputs and fails with the shrunk input and its
    /// seed when one throws, allocates out of bounds or takes longer than a hang. <paramref name="size"/> is the input's size in
    /// characters (the memory bound grows with it).
    /// </summary>
    public static FuzzReport Check<T>(Gen<T> gen, Action<T> property, Func<T, int> size, int cases, Func<T, string>? print = null)
    {
        var slowest = TimeSpan.Zero;
        long mostAllocated = 0;
        var gate = new Lock();
        var started = Stopwatch.StartNew();
        gen.Sample(input =>
        {
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            property(input);
            watch.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            var bound = BaseAllocation + AllocationPerInputChar * size(input);
            if (allocated > bound)
                throw new FuzzFinding($"The case allocated {allocated:N0} bytes; the bound for its size is {bound:N0}.");
            if (watch.Elapsed > HangAfter)
                throw new FuzzFinding($"The case ran {watch.Elapsed.TotalSeconds:F1} s, longer than {HangAfter.TotalSeconds} s.");
            lock (gate)
            {
                if (watch.Elapsed > slowest) slowest = watch.Elapsed;
                if (allocated > mostAllocated) mostAllocated = allocated;
            }
        }, iter: cases, seed: Environment.GetEnvironmentVariable("G2G_FUZZ_SEED"), print: print);
        return new FuzzReport(cases, started.Elapsed, slowest, mostAllocated);
    }
}

/// <summary>What a fuzz property measured: printed to the test output, and the figures in docs/reliability.md.</summary>
internal sealed record FuzzReport(int Cases, TimeSpan Elapsed, TimeSpan Slowest, long MostAllocated)
{
    public override string ToString() =>
        $"{Cases:N0} cases in {Elapsed.TotalSeconds:F1} s; slowest case {Slowest.TotalMilliseconds:F0} ms; most allocated by one case {MostAllocated / 1024.0 / 1024.0:F1} MiB";
}

/// <summary>A case broke a bound rather than throwing by itself.</summary>
internal sealed class FuzzFinding(string message) : Exception(message);
