using System.Collections.Concurrent;
using System.Data.Common;
using Bunit;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using G2G.Web.Components.Shell;
using G2G.Web.Components.Work;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Web.Components.Tests;

/// <summary>
/// Leaving a page while it still loads (<see cref="LoadingComponent"/>): on PostgreSQL the home page's workbench threw the
/// circuit's disposed database context into the log as an error when a browser left mid-load. Now the query under way is
/// cancelled when the component goes, and what it throws then is not an error.
/// </summary>
public sealed class LeavingWhileLoadingTests : WorkContext
{
    private readonly StalledQueries _database = new();
    private readonly CapturingLogs _log = new();

    public LeavingWhileLoadingTests()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Runtime:EventLog:Keys:1"] = Convert.ToBase64String(new byte[32]) })
            .Build();
        Context.Services.AddG2GRuntime(configuration);
        Context.Services.AddSingleton(DatabaseSettings.FromConfiguration(configuration, Path.GetTempPath()));
        Context.Services.AddDbContext<G2GDbContext>(options => options.UseSqlite("Data Source=:memory:").AddInterceptors(_database));
        Context.Services.AddScoped<ProcedureStarter>();
        Context.Services.AddSingleton<ILoggerFactory>(_log);
    }

    [Fact]
    public async Task LeavingTheWorkbenchWhileItLoads_CancelsItsQuery_AndNothingIsLoggedAsAnError()
    {
        Services.GetRequiredService<CallerContext>().Current =
            new Caller("wu.fang", "sf-fin", "sf-fin-office", ClearanceLevel.Internal, [], [], ["sf-fin"]);
        Context.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var workbench = Context.Render<Workbench>();
        var query = await _database.Started.Task.WaitAsync(TimeSpan.FromSeconds(30)); // the 待办 query is under way
        Assert.Empty(workbench.FindAll("[data-count]")); // still loading

        await Context.DisposeComponentsAsync(); // the person leaves the page

        Assert.True(query.IsCancellationRequested);
        var ended = await Task.WhenAny(_log.Left.Task, Context.Renderer.UnhandledException).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Same(_log.Left.Task, ended);
        // MudBlazor says at error level that a test has no browser to load its script in; nothing else may say anything at that level.
        Assert.DoesNotContain(_log.Entries, e => e.Level >= LogLevel.Error && !e.Category.StartsWith("MudBlazor", StringComparison.Ordinal));
        Assert.Equal(1, _database.Queries); // nothing after the first query ran
    }

    /// <summary>A database that answers no query until it is cancelled, as a slow PostgreSQL under load.</summary>
    private sealed class StalledQueries : DbCommandInterceptor
    {
        private int _queries;

        public TaskCompletionSource<CancellationToken> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Queries => _queries;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _queries);
            Started.TrySetResult(cancellationToken);
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return result;
        }
    }

    private sealed class CapturingLogs : ILoggerFactory
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        /// <summary>Set when a component logs that it was left while loading.</summary>
        public TaskCompletionSource Left { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

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
                logs.Entries.Enqueue((name, logLevel, message));
                if (message.Contains("was left while it loaded", StringComparison.Ordinal))
                    logs.Left.TrySetResult();
            }
        }
    }
}
