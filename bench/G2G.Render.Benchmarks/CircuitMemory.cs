using System.Diagnostics;
using System.Runtime;
using Microsoft.Playwright;

namespace G2G.Render.Benchmarks;

/// <summary>The host process's memory at one moment, after a full compacting collection: live managed bytes, the GC's heap and commit, the resident set.</summary>
internal sealed record MemorySnapshot(int Circuits, long ManagedBytes, long HeapBytes, long CommittedBytes, long WorkingSetBytes)
{
    /// <summary>Collects everything collectable (the large object heap compacted too), then reads.</summary>
    public static MemorySnapshot Take(int circuits)
    {
        for (var i = 0; i < 2; i++)
        {
            GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(circuits, GC.GetTotalMemory(forceFullCollection: false), info.HeapSizeBytes, info.TotalCommittedBytes, process.WorkingSet64);
    }
}

/// <summary>
/// What open circuits cost the host: snapshots with none open, with half and with all of <c>--circuits</c> pages open (each
/// /inbox of another busy user in its own browser context, so its own circuit), idle CPU while they stay open (the node's badge
/// poll reads each user's counts every Ui:BadgeRefreshSeconds), and after they closed. Per circuit = growth ÷ circuits; 1,000 =
/// that × 1,000. With --gcdump, heap dumps with none and with all open, and the types that grew most per circuit.
/// </summary>
internal sealed record MemoryResult(
    string Database, MemorySnapshot None, MemorySnapshot Half, MemorySnapshot All, MemorySnapshot Closed, Percentiles OpenReady, double IdleSeconds,
    double IdleCpuPercent)
{
    public double ManagedKbPerCircuit => (All.ManagedBytes - None.ManagedBytes) / 1024.0 / All.Circuits;

    public double WorkingSetKbPerCircuit => (All.WorkingSetBytes - None.WorkingSetBytes) / 1024.0 / All.Circuits;

    /// <summary>The growth from half to all the circuits, per circuit: the same as from none if the cost is linear.</summary>
    public double ManagedKbPerCircuitSecondHalf => (All.ManagedBytes - Half.ManagedBytes) / 1024.0 / (All.Circuits - Half.Circuits);

    /// <summary>Idle CPU of one open circuit, in percent of one core.</summary>
    public double IdleCpuPercentPerCircuit => IdleCpuPercent / All.Circuits;
}

internal static class CircuitMemory
{
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(15);

    public static async Task<MemoryResult> MeasureAsync(string database, RenderOptions options, RenderHost host, Browser browser, Sessions sessions,
        IReadOnlyList<string> users)
    {
        Console.WriteLine($"  memory: opening /inbox for {users.Count} users, each in its own browser context");
        // A few pages opened and closed first, so what every circuit shares (compiled queries, the renderer's caches) is there before "none".
        foreach (var user in users.Take(3))
            await (await browser.OpenAsync(host.Address, sessions.HeaderFor(user).Value, "/inbox", PageCatalog.InboxReady, TimeSpan.FromMinutes(2))).Context.CloseAsync();
        await host.Circuits.WaitAsync(c => c.Open == 0, Settle);
        // Every snapshot after the same quiet time, so the host's pools have trimmed what they trim on a timer alike.
        await Task.Delay(Quiet);
        var snapshots = new List<MemorySnapshot> { MemorySnapshot.Take(host.Circuits.Open) };
        var dumps = options.HeapDumpDirectory is { } dumpDirectory ? new[] { await HeapDump.WriteAsync(dumpDirectory, $"{Safe(database)}-none") } : null;
        var contexts = new List<IBrowserContext>();
        var ready = new List<double>();
        double idleCpu = double.NaN;
        try
        {
            foreach (var step in new[] { users.Count / 2, users.Count })
            {
                while (contexts.Count < step)
                {
                    var (context, timing) = await browser.OpenAsync(host.Address, sessions.HeaderFor(users[contexts.Count]).Value, "/inbox",
                        PageCatalog.InboxReady, TimeSpan.FromMinutes(2));
                    contexts.Add(context);
                    ready.Add(timing.Ready);
                }
                if (!await host.Circuits.WaitAsync(c => c.Open == step, Settle))
                    Console.WriteLine($"    {host.Circuits.Open} circuits open on the host for {step} pages");
                if (step == users.Count)
                    idleCpu = await IdleCpuPercentAsync(options.IdleSeconds);
                await Task.Delay(Quiet);
                snapshots.Add(MemorySnapshot.Take(host.Circuits.Open));
                Console.WriteLine($"    {snapshots[^1].Circuits} circuits: managed {Mb(snapshots[^1].ManagedBytes)}, working set {Mb(snapshots[^1].WorkingSetBytes)}");
                if (step == users.Count && dumps is [{ } none] && await HeapDump.WriteAsync(options.HeapDumpDirectory!, $"{Safe(database)}-all") is { } all)
                    await HeapDump.PrintGrowthAsync(none, all, host.Circuits.Open);
            }
        }
        finally
        {
            foreach (var context in contexts)
                await context.CloseAsync();
        }
        // A closed page tells the server (Blazor's unload beacon); a circuit that missed it is kept for its retention period.
        await host.Circuits.WaitAsync(c => c.Open == 0, Settle);
        await Task.Delay(Quiet);
        snapshots.Add(MemorySnapshot.Take(host.Circuits.Open));
        var result = new MemoryResult(database, snapshots[0], snapshots[1], snapshots[2], snapshots[3], Percentiles.Of(ready), options.IdleSeconds, idleCpu);
        Console.WriteLine($"    per circuit: managed {result.ManagedKbPerCircuit:0} KB, working set {result.WorkingSetKbPerCircuit:0} KB; " +
            $"idle CPU {result.IdleCpuPercent:0.0} % of a core; {result.Closed.Circuits} circuits still open after closing every page");
        return result;
    }

    /// <summary>This process's CPU over <paramref name="seconds"/> of nothing but the open circuits, in percent of one core.</summary>
    private static async Task<double> IdleCpuPercentAsync(double seconds)
    {
        if (seconds <= 0)
            return double.NaN;
        using var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var began = Stopwatch.GetTimestamp();
        await Task.Delay(TimeSpan.FromSeconds(seconds));
        process.Refresh();
        return 100 * (process.TotalProcessorTime - cpu).TotalMilliseconds / Stopwatch.GetElapsedTime(began).TotalMilliseconds;
    }

    private static string Safe(string name) => string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));

    private static string Mb(long bytes) => $"{bytes / 1024.0 / 1024:0.0} MB";
}
