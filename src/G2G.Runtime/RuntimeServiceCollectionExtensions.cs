using G2G.Engine.Execution;
using G2G.Runtime.Audit;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Notifications;
using G2G.Runtime.Organisation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace G2G.Runtime;

/// <summary>Registers the durable runtime: deployments, instances, jobs, notifications, audit, organisation.</summary>
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
        services.Configure<Calendar.CalendarOptions>(configuration.GetSection(Calendar.CalendarOptions.Section));
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<EventLogOptions>(configuration.GetSection(EventLogOptions.Section));
        services.AddSingleton(provider => EventLogKeys.FromOptions(provider.GetRequiredService<Microsoft.Extensions.Options.IOptions<EventLogOptions>>().Value,
            provider.GetService<Microsoft.Extensions.Hosting.IHostEnvironment>()?.ContentRootPath ?? AppContext.BaseDirectory));
        var actions = new ServiceActions();
        services.AddSingleton(actions);
        Handlers.HandlerServiceCollectionExtensions.Registry(services);
        services.AddSingleton<IServiceActions, Handlers.RuntimeServiceActions>();
        services.AddScoped<Handlers.ServiceTaskHandlers>();
        // Commands use their agency's calendar (CalendarProvider); this one serves callers without an instance.
        services.AddSingleton(provider => new ExecutionOptions
        {
            Services = provider.GetRequiredService<IServiceActions>(),
            Calendar = G2G.Engine.Time.WorkingCalendar.ChinaDefault.WithProvisionalYears(),
        });
        services.AddSingleton(provider => new ProcessExecutor(provider.GetRequiredService<ExecutionOptions>()));
        services.AddSingleton<DefinitionCache>();
        services.AddSingleton<Calendar.CalendarProvider>();
        services.AddScoped<Calendar.CalendarService>();
        services.AddScoped<Calendar.ProvisionalDeadlines>();
        services.AddScoped<Calendar.CalendarFolderLoader>();
        services.AddScoped<Calendar.CalendarWarnings>();
        services.AddScoped<Jobs.JobQueries>();
        services.AddSingleton<Persistence.SqliteWriteGate>();
        services.AddMemoryCache();
        services.AddScoped<Security.CallerContext>();
        services.AddScoped<Security.CallerDirectory>();
        services.AddSingleton<Security.AccessRefusals>();
        services.AddG2GOrganisation(); // the organisation resolves assignment rules (OrganisationAssignmentResolver)
        services.AddScoped<DeploymentService>();
        services.AddScoped<DesignerService>();
        services.AddScoped<DesignerPreviewService>();
        services.AddScoped<WorkflowDirectoryDeployer>();
        services.AddScoped<InstanceService>();
        services.AddScoped<AuditVerifier>();
        services.AddScoped<EventAnchors>();
        services.AddScoped<Queries.RuntimeQueries>();
        services.AddScoped<Queries.InboxQueries>();
        services.AddScoped<NotificationInbox>();
        services.AddScoped<Forms.TaskForms>();
        services.AddScoped<Forms.FormUploads>();
        services.AddScoped<Queries.TaskSteps>();
        services.AddScoped<Queries.ProcessCatalog>();
        services.AddScoped<Supervision.SupervisionQueries>();
        services.AddScoped<Supervision.TaskCounts>();
        services.AddScoped<JobStore>();
        services.AddScoped<JobRunner>();
        services.AddScoped<EscalationRecipients>();
        services.TryAddScoped<InAppNotificationSender>();
        services.TryAddScoped<SmtpNotificationSender>();
        services.TryAddScoped<INotificationSender, ConfiguredNotificationSender>(); // in-app or e-mail, chosen at each send
        services.AddBackgroundWork<JobExecutor>();
        services.AddBackgroundWork<OutboxDispatcher>();
        services.AddBackgroundWork<Calendar.ProvisionalDeadlineSweeper>();
        return actions;
    }

    /// <summary>
    /// Adds a background service (a singleton, also resolvable by its type) that runs with the job executor, and not at all
    /// when <c>Runtime:Jobs:Enabled</c> is false.
    /// </summary>
    public static IServiceCollection AddBackgroundWork<TService>(this IServiceCollection services) where TService : class, IHostedService
    {
        services.AddSingleton<TService>();
        // Decided when the host starts, not here: a test host's settings (WebApplicationFactory) reach the configuration
        // only when the application is built, after this runs (dotnet/aspnetcore#37680), so a value read now is the
        // application's own and Runtime:Jobs:Enabled=false given by a test was ignored.
        services.AddSingleton<IHostedService>(provider => WhenJobsRun<TService>(provider));
        return services;
    }

    /// <summary>The background service, or one that does nothing when <c>Runtime:Jobs:Enabled</c> is false.</summary>
    private static IHostedService WhenJobsRun<TService>(IServiceProvider provider) where TService : IHostedService =>
        provider.GetRequiredService<IOptions<RuntimeOptions>>().Value.Jobs.Enabled ? provider.GetRequiredService<TService>() : NoBackgroundWork.Instance;

    private sealed class NoBackgroundWork : IHostedService
    {
        public static readonly NoBackgroundWork Instance = new();

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
