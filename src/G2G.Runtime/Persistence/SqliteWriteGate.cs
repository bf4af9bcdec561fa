namespace G2G.Runtime.Persistence;

/// <summary>
/// SQLite admits one writer at a time, and a writer that finds the lock taken polls for it with growing sleeps,
/// so under concurrent commands some wait far longer than their turn. On SQLite the runtime's commands pass this
/// node-wide gate before they begin their transaction: they take the write lock one after another, in arrival
/// order, instead of by polling. On PostgreSQL the gate is open. SQLite is a single-node store, so a gate in the
/// process covers every writer that runs commands.
/// </summary>
public sealed class SqliteWriteGate(DatabaseSettings settings) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Waits for the gate (SQLite) or returns at once (PostgreSQL); disposing the result lets the next one in.</summary>
    public async ValueTask<IDisposable?> EnterAsync(CancellationToken cancellationToken)
    {
        if (settings.Provider != DatabaseProvider.Sqlite)
            return null;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Pass(_gate);
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>One holder's pass: released once.</summary>
    private sealed class Pass(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                gate.Release();
        }
    }
}
