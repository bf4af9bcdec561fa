using System.Text.Encodings.Web;
using System.Text.Json;

namespace G2G.Load;

/// <summary>One write the driver made and how it ended, for comparison with the audit log (<c>--record</c>).</summary>
/// <param name="At">When the request was sent (UTC).</param>
/// <param name="Operation"><c>start</c>, <c>claim</c>, <c>complete</c> or <c>send-back</c>.</param>
/// <param name="Status">The HTTP status, or 0 when no answer came (the request may or may not have happened).</param>
/// <param name="Outcome">The decision sent with a completion; the send-back target.</param>
/// <param name="Failure">The failure kind when not a success.</param>
internal sealed record Write(DateTimeOffset At, string Person, string Operation, long? InstanceId, long? TaskId, string? ProcessKey,
    int Status, string? Outcome, string? Failure);

/// <summary>
/// Appends every write to a JSON-lines file from the first request on, warm-up included: the audit log of the run's
/// database holds the same facts (<c>instance.started</c>, <c>task.claimed</c>, <c>task.completed</c>,
/// <c>task.sent-back</c>), so a fault test can check that each answered write is there once and nothing else is.
/// </summary>
internal sealed class Recorder : IAsyncDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly StreamWriter? _writer;
    private readonly Lock _lock = new();

    public Recorder(string? path)
    {
        if (path is not null)
            _writer = new StreamWriter(path, append: false) { AutoFlush = true };
    }

    public void Add(Write write)
    {
        if (_writer is null)
            return;
        var line = JsonSerializer.Serialize(write, Json);
        lock (_lock)
            _writer.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (_writer is not null)
            await _writer.DisposeAsync();
    }
}
