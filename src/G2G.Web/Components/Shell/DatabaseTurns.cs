namespace G2G.Web.Components.Shell;

/// <summary>
/// The circuit's turns at its database context. A Blazor circuit is one service scope, so all components of a page share
/// one context, and a context runs one operation at a time: components of a page that load at once (supervision's counts,
/// its overdue list and its performance table) take turns here instead of failing with "a second operation was started
/// on this context". A turn must not ask for another turn.
/// </summary>
public sealed class DatabaseTurns : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    /// <summary>Runs <paramref name="work"/> once no other work of the circuit uses the context.</summary>
    public async Task<T> RunAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(work);
        await _turn.WaitAsync(cancellationToken);
        try
        {
            return await work();
        }
        finally
        {
            _turn.Release();
        }
    }

    public void Dispose() => _turn.Dispose();
}
