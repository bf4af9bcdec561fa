using Microsoft.AspNetCore.Components;

namespace G2G.Web.Components.Shell;

/// <summary>
/// A component that loads from the database while the person may already be leaving. When they leave (the component is
/// disposed; on leaving the last interactive page the circuit ends and its database context with it), <see cref="Leaving"/>
/// is cancelled, which stops the query under way, and whatever the load throws after that (the cancellation, or the disposed
/// context's <see cref="ObjectDisposedException"/>) is what leaving looks like, not an error: it is logged at Debug and
/// nobody is shown anything. A failure while the person is still there reaches the page's error boundary: a component
/// inside the page's <see cref="Interactive"/> throws it there; a page, which is outside its own boundary (the boundary is
/// what the page renders), keeps it as <see cref="LoadFailure"/> and hands it to its <see cref="Interactive"/>.
/// </summary>
public abstract partial class LoadingComponent : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource _leaving = new();
    private readonly bool _isPage;
    private bool _disposed;

    [Inject]
    private ILogger<LoadingComponent> Logger { get; set; } = default!;

    /// <summary>Cancelled when the component is disposed; pass it to every query of a load.</summary>
    protected CancellationToken Leaving { get; }

    /// <summary>What a page's last load threw while the person was there; the page passes it to its <see cref="Interactive"/>.</summary>
    protected Exception? LoadFailure { get; private set; }

    protected LoadingComponent()
    {
        Leaving = _leaving.Token;
        _isPage = GetType().IsDefined(typeof(RouteAttribute), inherit: false);
    }

    /// <summary>Runs <paramref name="load"/> with <see cref="Leaving"/>; after the component is disposed its failure is dropped.</summary>
    protected async Task LoadAsync(Func<CancellationToken, Task> load)
    {
        ArgumentNullException.ThrowIfNull(load);
        LoadFailure = null;
        try
        {
            await load(Leaving);
        }
        catch (Exception exception) when (Leaving.IsCancellationRequested)
        {
            LogLeft(Logger, exception, GetType().Name);
        }
        catch (Exception exception) when (_isPage && exception is not NavigationException) // a redirect while prerendering is no failure
        {
            LoadFailure = exception;
        }
    }

    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (_disposed || !disposing)
            return;
        _disposed = true;
        _leaving.Cancel();
        _leaving.Dispose();
    }

    [LoggerMessage(EventId = 21, Level = LogLevel.Debug, Message = "{Component} was left while it loaded; its load was cancelled")]
    private static partial void LogLeft(ILogger logger, Exception exception, string component);
}
