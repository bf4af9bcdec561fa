using System.Collections.Concurrent;
using Bunit;
using G2G.Web.Components.Shell;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Components.Tests;

/// <summary>No unhandled exception reaches the user: a message and a reference id, and the same id in the log.</summary>
public sealed class PageErrorBoundaryTests : WorkContext
{
    private readonly CapturingLogger _log = new();

    public PageErrorBoundaryTests() => Context.Services.AddSingleton<ILoggerFactory>(new CapturingFactory(_log));

    [Fact]
    public void AComponentThatThrows_ShowsAMessageAndAReference_ThatIsInTheLog()
    {
        var page = Context.Render<PageErrorBoundary>(p => p.AddChildContent<Failing>());

        var alert = page.Find("[data-page-error]");
        var reference = alert.GetAttribute("data-page-error")!;
        Assert.Matches("^[A-Z2-9]{8}$", reference);
        Assert.Contains("页面出现了错误", alert.TextContent, StringComparison.Ordinal);
        Assert.Contains(reference, alert.QuerySelector("code")!.TextContent, StringComparison.Ordinal);
        var logged = Assert.Single(_log.Entries);
        Assert.Equal(LogLevel.Error, logged.Level);
        Assert.Contains(reference, logged.Message, StringComparison.Ordinal);
        Assert.IsType<InvalidOperationException>(logged.Exception);
    }

    private sealed class Failing : ComponentBase
    {
        protected override void OnInitialized() => throw new InvalidOperationException("The database went away.");
    }

    private sealed class CapturingLogger : ILogger
    {
        public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Enqueue((logLevel, formatter(state, exception), exception));
    }

    private sealed class CapturingFactory(CapturingLogger logger) : ILoggerFactory
    {
        public void AddProvider(ILoggerProvider provider)
        {
        }

        public ILogger CreateLogger(string categoryName) =>
            categoryName.Contains(nameof(PageErrorBoundary), StringComparison.Ordinal) ? logger : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public void Dispose()
        {
        }
    }
}
