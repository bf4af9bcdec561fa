using G2G.Runtime.Persistence;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace G2G.Render.Benchmarks;

/// <summary>
/// The HTTP benchmark's host (<see cref="BenchHost"/>: G2G.Web's Program.cs on Kestrel, environment Production, no demo,
/// no job executor) with what a browser needs besides the API: the static web assets of the build (blazor.web.js,
/// MudBlazor's script and styles, the app's CSS) as a published site would serve them, and a count of the open
/// circuits, so the memory phase knows every page it opened holds one. Errors of the host are printed.
/// </summary>
internal sealed class RenderHost(DatabaseSettings database, string folder) : BenchHost(database, folder, new Dictionary<string, string>())
{
    public CircuitCount Circuits { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // A build (not a publish) serves the package and framework assets from where the static web assets manifest says.
        builder.UseStaticWebAssets();
        // Errors of the host on the console; not EF's failed commands, which the start-up's migration checks cause by design.
        builder.ConfigureLogging(logging => logging.AddSimpleConsole(o => o.SingleLine = true).AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(
            (category, level) => level >= LogLevel.Error && category != CommandLog.Category));
        builder.ConfigureServices(services =>
        {
            services.AddSingleton(Circuits);
            services.AddScoped<CircuitHandler, CircuitCounter>();
        });
    }
}

/// <summary>How many circuits are open on the host now, and how many were ever opened.</summary>
internal sealed class CircuitCount
{
    private int _open, _opened;

    public int Open => Volatile.Read(ref _open);

    public int Opened => Volatile.Read(ref _opened);

    public void Up()
    {
        Interlocked.Increment(ref _open);
        Interlocked.Increment(ref _opened);
    }

    public void Down() => Interlocked.Decrement(ref _open);

    /// <summary>Waits until <paramref name="condition"/> holds of the count, or the time is up; true when it held.</summary>
    public async Task<bool> WaitAsync(Func<CircuitCount, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
                return false;
            await Task.Delay(100);
        }
        return true;
    }
}

/// <summary>One per circuit (a scoped service): counts the circuit while it is open.</summary>
internal sealed class CircuitCounter(CircuitCount count) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Up();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        count.Down();
        return Task.CompletedTask;
    }
}
