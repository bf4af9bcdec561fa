using G2G.Runtime;
using G2G.Runtime.Definitions;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace G2G.Benchmarks.Data;

/// <summary>
/// The runtime's services as the web host registers them (AddG2GRuntime and the G2GDbContext), without
/// HTTP and without the hosted job executor and outbox dispatcher, so only the measured commands touch
/// the database. Optional EF interceptors are added to the context for the round-trip count.
/// </summary>
internal sealed class RuntimeHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public RuntimeHost(DatabaseSettings settings, params IInterceptor[] interceptors)
        : this(settings, null, null, interceptors)
    {
    }

    /// <summary>With more runtime settings (<c>Runtime:…</c>, overriding the defaults above) and another clock.</summary>
    public RuntimeHost(DatabaseSettings settings, IReadOnlyDictionary<string, string?>? runtimeSettings, TimeProvider? clock, params IInterceptor[] interceptors)
    {
        var values = new Dictionary<string, string?>
        {
            ["Runtime:NodeName"] = "bench",
            ["Runtime:Jobs:Enabled"] = "false",
        };
        foreach (var (key, value) in runtimeSettings ?? new Dictionary<string, string?>())
            values[key] = value;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        if (clock is not null)
            services.AddSingleton(clock);
        services.AddSingleton(settings);
        services.AddDbContext<G2GDbContext>(options =>
        {
            settings.Configure(options);
            if (interceptors.Length > 0)
                options.AddInterceptors(interceptors);
        });
        services.AddG2GRuntime(configuration);
        _services = services.BuildServiceProvider();
    }

    /// <summary>One worker's scope: its own DbContext and InstanceService, as one request or job has.</summary>
    public AsyncServiceScope CreateScope() => _services.CreateAsyncScope();

    public Task MigrateAsync() => _services.MigrateG2GDatabaseAsync();

    /// <summary>A singleton of the runtime, such as its <c>JobExecutor</c>.</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    /// <summary>Deploys a workflows folder (definitions and forms) as the web host deploys workflows/ at start.</summary>
    public async Task DeployWorkflowsAsync(string folder)
    {
        await using var scope = CreateScope();
        var deployed = await scope.ServiceProvider.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(folder);
        if (deployed.Refused > 0 || deployed.Created + deployed.Unchanged == 0 || deployed.Forms == 0)
            throw new InvalidOperationException($"Deploying {folder} went wrong: {deployed}.");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
