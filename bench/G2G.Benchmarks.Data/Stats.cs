using System.Diagnostics;

namespace G2G.Benchmarks.Data;

/// <summary>Latency percentiles in milliseconds.</summary>
internal sealed record Percentiles(int Count, double P50, double P95, double P99, double Max, double Mean)
{
    public static Percentiles Of(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0)
            return new Percentiles(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new Percentiles(sorted.Length, At(0.50), At(0.95), At(0.99), sorted[^1], sorted.Average());
    }
}

/// <summary>What a timed run did: wall seconds, units of work finished, CPU milliseconds of this process (not the database server's).</summary>
internal readonly record struct Segment(double Seconds, long Count, double CpuMs, double ServerCpuMs, long AllocatedBytes = 0)
{
    /// <summary>Units per second.</summary>
    public double Rate => Count / Seconds;

    /// <summary>Client CPU per unit.</summary>
    public double CpuMsPerItem => CpuMs / Count;

    /// <summary>Database server CPU per unit (NaN when not measured).</summary>
    public double ServerCpuMsPerItem => ServerCpuMs / Count;

    /// <summary>Two measured stretches as one.</summary>
    public static Segment operator +(Segment a, Segment b) =>
        new(a.Seconds + b.Seconds, a.Count + b.Count, a.CpuMs + b.CpuMs, a.ServerCpuMs + b.ServerCpuMs, a.AllocatedBytes + b.AllocatedBytes);

    /// <summary>Managed memory the process allocated per unit, in KB.</summary>
    public double AllocatedKbPerItem => AllocatedBytes / 1024.0 / Count;
}

/// <summary>Runs the same work on several concurrent workers for a fixed time.</summary>
internal static class Timed
{
    /// <summary>
    /// Starts <paramref name="workers"/> workers that each loop while the time is not up (checked before each
    /// unit of work); returns the wall time until the last one stopped and the units they finished.
    /// </summary>
    public static async Task<Segment> RunAsync(int workers, double seconds, Func<int, Func<bool>, Task<long>> work, ServerCpu? server = null)
    {
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var serverCpu = server?.Milliseconds() ?? double.NaN;
        var deadline = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
        bool Running() => Stopwatch.GetTimestamp() < deadline;
        var began = Stopwatch.GetTimestamp();
        var counts = await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(() => work(w, Running))));
        var elapsed = Stopwatch.GetElapsedTime(began).TotalSeconds;
        process.Refresh();
        return new Segment(elapsed, counts.Sum(), (process.TotalProcessorTime - cpu).TotalMilliseconds, (server?.Milliseconds() ?? double.NaN) - serverCpu,
            GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
