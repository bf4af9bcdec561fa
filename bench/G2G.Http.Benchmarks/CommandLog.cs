using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace G2G.Http.Benchmarks;

/// <summary>
/// The SQL commands the host's EF Core runs, with their durations (its "Executed DbCommand (N ms)" log events),
/// kept only while <see cref="RecordAsync"/> runs one request alone: every command seen then belongs to it.
/// Off, the logger reports itself disabled and EF formats nothing.
/// </summary>
internal sealed class CommandLog : ILoggerProvider
{
    public const string Category = "Microsoft.EntityFrameworkCore.Database.Command";

    private readonly ConcurrentQueue<string> _commands = new();
    private volatile bool _recording;

    /// <summary>Runs <paramref name="request"/> and returns the commands executed meanwhile, in order.</summary>
    public async Task<List<string>> RecordAsync(Func<Task> request)
    {
        _commands.Clear();
        _recording = true;
        try
        {
            await request();
        }
        finally
        {
            _recording = false;
        }
        return [.. _commands];
    }

    public ILogger CreateLogger(string categoryName) => categoryName == Category ? new Logger(this) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(CommandLog log) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => log._recording;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (log._recording && eventId.Name?.EndsWith("CommandExecuted", StringComparison.Ordinal) == true)
                log._commands.Enqueue(formatter(state, exception));
        }
    }
}
