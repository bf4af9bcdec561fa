using System.Collections.Concurrent;
using AngleSharp.Dom;
using G2G.Web.Components.Shell;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Components.Tests;

/// <summary>Every log entry of the components under test, and a signal when one says it was left while loading.</summary>
public sealed class CapturingLogs : ILoggerFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    /// <summary>Set when a component logs that it was left while loading.</summary>
    public TaskCompletionSource Left { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Entries at error level or above, but MudBlazor's: it says at that level that a test has no browser to load its script in.</summary>
    public IEnumerable<(string Category, LogLevel Level, string Message, Exception? Exception)> Errors =>
        Entries.Where(e => e.Level >= LogLevel.Error && !e.Category.StartsWith("MudBlazor", StringComparison.Ordinal));

    /// <summary>
    /// Asserts that <paramref name="alert"/> is the page's error message with its reference, and that the log has the error
    /// under that reference; returns the exception logged.
    /// </summary>
    public Exception? PageError(IElement alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var reference = alert.GetAttribute("data-page-error")!;
        Assert.Matches("^[A-Z2-9]{8}$", reference);
        Assert.Contains("页面出现了错误", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains(reference, alert.QuerySelector("code")!.TextContent, StringComparison.Ordinal);
        var logged = Assert.Single(Entries, e => e.Category.EndsWith(nameof(PageErrorBoundary), StringComparison.Ordinal));
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(reference, logged.Message, StringComparison.Ordinal);
        return logged.Exception;
    }

    public ILogger CreateLogger(string categoryName) => new Category(this, categoryName);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Category(CapturingLogs logs, string name) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            logs.Entries.Enqueue((name, logLevel, message, exception));
            if (message.Contains("was left while it loaded", StringComparison.Ordinal))
                logs.Left.TrySetResult();
        }
    }
}
