using System.Diagnostics;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// The runtime's services inside the test process, on a real clock shifted by a fixed offset: instances started
/// an hour "ago" have timers that are already due for worker processes on the real clock. No job executor runs here.
/// </summary>
public sealed class ReliabilityRuntime : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public ReliabilityRuntime(TestDatabase database, TimeSpan clockOffset)
        : this(database, new ShiftedClock(clockOffset))
    {
    }

    /// <summary>The runtime on <paramref name="clock"/>, with extra <c>Runtime:…</c> settings and service actions.</summary>
    public ReliabilityRuntime(TestDatabase database, TimeProvider clock, IReadOnlyDictionary<string, string?>? settings = null, Action<G2G.Engine.Execution.ServiceActions>? actions = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        var values = new Dictionary<string, string?>
        {
            ["Runtime:NodeName"] = "test-process",
            ["Runtime:Jobs:Enabled"] = "false",
            [TestEventLogKeys.Setting] = TestEventLogKeys.Key,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(clock);
        services.AddSingleton(database.Settings);
        services.AddDbContext<G2GDbContext>(options => database.Settings.Configure(options));
        var registered = services.AddG2GRuntime(configuration);
        actions?.Invoke(registered);
        _services = services.BuildServiceProvider();
    }

    /// <summary>A singleton of the runtime, such as its <c>JobExecutor</c>.</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Runs work in a fresh scope, as one request would.</summary>
    public async Task<T> In<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task<T> Query<T>(Func<G2GDbContext, Task<T>> query) => In(s => query(s.GetRequiredService<G2GDbContext>()));

    public Task<IReadOnlyList<DeployedProcess>> DeployAsync(string file) =>
        In(s => s.GetRequiredService<DeploymentService>().DeployAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)), file));

    /// <summary>
    /// Starts <paramref name="count"/> instances through <see cref="InstanceService"/>, <paramref name="parallel"/> at a
    /// time (each lane keeps one scope, as a busy node's request threads would). Returns their ids, in request order.
    /// </summary>
    public async Task<long[]> StartManyAsync(int count, int parallel, Func<int, StartInstance> request, Action<int>? progress = null)
    {
        var ids = new long[count];
        var next = -1;
        var started = 0;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            await using var scope = _services.CreateAsyncScope();
            var instances = scope.ServiceProvider.GetRequiredService<InstanceService>();
            for (int i; (i = Interlocked.Increment(ref next)) < count;)
            {
                ids[i] = await instances.StartAsync(request(i));
                var done = Interlocked.Increment(ref started);
                if (done % 1000 == 0)
                    progress?.Invoke(done);
            }
        })));
        return ids;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    /// <summary>The system clock plus a fixed offset.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => TimeProvider.System.GetUtcNow() + offset;
    }
}

/// <summary>Small timing helpers for the reliability tests.</summary>
internal static class Measure
{
    public static string Seconds(this Stopwatch watch) => $"{watch.Elapsed.TotalSeconds:0.0} s";
}
