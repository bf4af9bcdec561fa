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
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:NodeName"] = "bench",
            ["Runtime:Jobs:Enabled"] = "false",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
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
