using Microsoft.AspNetCore.Components.Server.Circuits;

namespace G2G.Web.Components.Shell;

/// <summary>
/// The badge watches of one circuit (a scoped service and its <see cref="CircuitHandler"/>): paused while the browser is away
/// (a circuit whose connection dropped is kept for reconnection, 3 minutes by default, and would otherwise go on being counted
/// for nobody), resumed when it reconnects (the next round brings what changed meanwhile), ended with the circuit.
/// </summary>
public sealed class CircuitBadges(BadgeBoard board) : CircuitHandler
{
    private readonly Lock _lock = new();
    private readonly List<BadgeWatch> _watches = [];
    private bool _connected = true;

    /// <summary>Watches <paramref name="userId"/>'s counts for a component of this circuit (<see cref="BadgeBoard.Watch"/>).</summary>
    public BadgeWatch Watch(string userId, BadgeCounts shown, Func<BadgeCounts, Task> changed)
    {
        var watch = board.Watch(userId, shown, changed);
        lock (_lock)
        {
            _watches.RemoveAll(w => w.Ended);
            watch.Paused = !_connected;
            _watches.Add(watch);
        }
        return watch;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Connect(false);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Connect(true);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            foreach (var watch in _watches)
                watch.Dispose();
            _watches.Clear();
        }
        return Task.CompletedTask;
    }

    private void Connect(bool connected)
    {
        lock (_lock)
        {
            _connected = connected;
            foreach (var watch in _watches)
                watch.Paused = !connected;
        }
    }
}
