using System.Collections.Concurrent;

namespace G2G.Http.Benchmarks;

/// <summary>One side's numbers for a series: requests, errors, rate, latency overall and per kind of call, CPU per request.</summary>
internal sealed record SideSummary(
    long Requests, long Errors, string? FirstError, double PerSecond, Percentiles Latency, Dictionary<string, Percentiles> ByKind,
    double CpuMsPerRequest, double ServerCpuMsPerRequest);

/// <summary>
/// What one side of a series (HTTP, or in-process) measured over all its rounds. Latencies are of the requests
/// that succeeded; any failure (a non-2xx answer, an exception) is counted, and the first is kept and printed.
/// </summary>
internal sealed class Side(string name)
{
    private readonly ConcurrentDictionary<string, ConcurrentBag<double>> _latencies = new(StringComparer.Ordinal);
    private long _errors;
    private string? _firstError;
    private double _seconds, _cpuMs, _serverCpuMs;
    private long _requests;

    public void Record(string kind, double milliseconds, string? failure)
    {
        if (failure is null)
        {
            _latencies.GetOrAdd(kind, _ => []).Add(milliseconds);
            return;
        }
        Interlocked.Increment(ref _errors);
        if (Interlocked.CompareExchange(ref _firstError, failure, null) is null)
            Console.WriteLine($"    first error ({name}): {failure}");
    }

    /// <summary>Adds one timed round.</summary>
    public void Add(Segment segment)
    {
        _seconds += segment.Seconds;
        _requests += segment.Count;
        _cpuMs += segment.CpuMs;
        _serverCpuMs += segment.ServerCpuMs;
    }

    public SideSummary Summarise() => new(
        _requests, _errors, _firstError, _requests / _seconds, Percentiles.Of(_latencies.Values.SelectMany(l => l)),
        _latencies.ToDictionary(l => l.Key, l => Percentiles.Of(l.Value), StringComparer.Ordinal),
        _cpuMs / _requests, _serverCpuMs / _requests);
}
