using G2G.Engine.Execution;
using G2G.Runtime.Assignment;
using G2G.Runtime.Audit;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace G2G.Runtime;

/// <summary>Registers the durable runtime: deployments, instances, jobs, notifications, audit.</summary>
public static class RuntimeServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime. Service actions for service tasks are registered on the returned
    /// <see cref="ServiceActions"/>; the job executor and outbox dispatcher run as hosted services
    /// unless <c>Runtime:Jobs:Enabled</c> is false.
    /// </summary>
    public static ServiceActions AddG2GRuntime(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<RuntimeOptions>(configuration.GetSection(RuntimeOptions.Section));
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        var actions = new ServiceActions();
        services.AddSingleton(actions);
        services.AddSingleton<IServiceActions>(actions);
        services.AddSingleton(provider => new ExecutionOptions { Services = provider.GetRequiredService<IServiceActions>() });
        services.AddSingleton(provider => new ProcessExecutor(provider.GetRequiredService<ExecutionOptions>()));
        services.AddSingleton<DefinitionCache>();
        services.TryAddSingleton<IAssignmentResolver, DirectAssignmentResolver>();
        services.AddScoped<DeploymentService>();
        services.AddScoped<WorkflowDirectoryDeployer>();
        services.AddScoped<InstanceService>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<JobStore>();
        services.AddScoped<JobRunner>();
        if (string.IsNullOrEmpty(configuration[$"{SmtpOptions.Section}:Host"]))
            services.TryAddScoped<INotificationSender, InAppNotificationSender>();
        else
            services.TryAddScoped<INotificationSender, SmtpNotificationSender>();
        services.AddSingleton<JobExecutor>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(provider => provider.GetRequiredService<IOptions<RuntimeOptions>>().Value.Jobs.Enabled
            ? provider.GetRequiredService<JobExecutor>()
            : (Microsoft.Extensions.Hosting.IHostedService)new DisabledService());
        services.AddHostedService(provider => provider.GetRequiredService<IOptions<RuntimeOptions>>().Value.Jobs.Enabled
            ? provider.GetRequiredService<OutboxDispatcher>()
            : (Microsoft.Extensions.Hosting.IHostedService)new DisabledService());
        return actions;
    }

    /// <summary>Stands in for the background services on a node configured without them.</summary>
    private sealed class DisabledService : Microsoft.Extensions.Hosting.IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
