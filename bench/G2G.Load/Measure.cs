using System.Collections.Concurrent;
using System.Diagnostics;

namespace G2G.Load;

/// <summary>
/// What one run measured: the latency of every request that began inside the measured window, by operation, and every
/// failure by kind (<c>complete: 409 conflict</c>, <c>todo: HttpRequestException</c> …) with its first example. The
/// window opens after the warm-up and closes after the measured seconds; requests outside it are not counted.
/// </summary>
internal sealed class Measure
{
    private readonly ConcurrentDictionary<string, ConcurrentQueue<double>> _latencies = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errors = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _examples = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _rerouted = new(StringComparer.Ordinal);
    private long _opened = long.MaxValue, _closes = long.MaxValue;

    /// <summary>Opens the window now, for <paramref name="seconds"/>.</summary>
    public void Open(double seconds)
    {
        var now = Stopwatch.GetTimestamp();
        _closes = now + (long)(seconds * Stopwatch.Frequency);
        _opened = now;
    }

    public bool Inside(long timestamp) => timestamp >= _opened && timestamp < _closes;

    /// <summary>True once the measured window is over: the people stop.</summary>
    public bool Over => Stopwatch.GetTimestamp() >= _closes;

    /// <summary>Records a request that began at <paramref name="began"/>; <paramref name="failure"/> is its kind of error, or null.</summary>
    public void Record(string operation, long began, string? failure, string? example = null)
    {
        if (!Inside(began))
            return;
        if (failure is null)
        {
            _latencies.GetOrAdd(operation, _ => new()).Enqueue(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            return;
        }
        var kind = $"{operation}: {failure}";
        _errors.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (example is not null)
            _examples.TryAdd(kind, example);
    }

    /// <summary>A request sent to another node because <paramref name="node"/> refused the connection (counted all the time, warm-up included).</summary>
    public void Reroute(Uri node) => _rerouted.AddOrUpdate(node.ToString(), 1, (_, n) => n + 1);

    /// <summary>Requests sent elsewhere, by the node that refused them.</summary>
    public Dictionary<string, long> Rerouted() => new(_rerouted, StringComparer.Ordinal);

    public Dictionary<string, Percentiles> Latencies() =>
        _latencies.ToDictionary(l => l.Key, l => Percentiles.Of(l.Value), StringComparer.Ordinal);

    public Dictionary<string, long> Errors() => new(_errors, StringComparer.Ordinal);

    public Dictionary<string, string> Examples() => new(_examples, StringComparer.Ordinal);
}
