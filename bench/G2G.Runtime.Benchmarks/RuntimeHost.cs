using G2G.Engine.Expressions;
using G2G.Runtime.Definitions;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace G2G.Runtime.Benchmarks;

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

    /// <summary>Deploys the benchmark's workflows folder (definitions and forms) as the web host deploys workflows/ at start.</summary>
    public async Task DeployWorkflowsAsync()
    {
        await using var scope = CreateScope();
        var deployed = await scope.ServiceProvider.GetRequiredService<WorkflowDirectoryDeployer>().DeployAsync(Models.WorkflowsFolder);
        if (deployed.Refused > 0 || deployed.Created + deployed.Unchanged == 0 || deployed.Forms == 0)
            throw new InvalidOperationException($"Deploying {Models.WorkflowsFolder} went wrong: {deployed}.");
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>The model every runtime benchmark drives.</summary>
internal static class Models
{
    public const string ApprovalKey = "approval5";

    /// <summary>The workflows folder the build lays out next to the program: bench/models/approval-5.bpmn and its form.</summary>
    public static string WorkflowsFolder => Path.Combine(AppContext.BaseDirectory, "workflows");

    /// <summary>bench/models/approval-5.bpmn in <see cref="WorkflowsFolder"/>.</summary>
    public static string ApprovalFile => Path.Combine(WorkflowsFolder, "approval", "approval-5.bpmn");

    /// <summary>
    /// A valid submission of the first step's form (<c>approval/draft</c>, bench/models/forms/draft.json); the
    /// other four steps have no form and are completed without variables.
    /// </summary>
    public static IReadOnlyDictionary<string, Value> DraftSubmission { get; } = new Dictionary<string, Value>(StringComparer.Ordinal)
    {
        ["subject"] = Value.From("关于基准测试的请示"),
        ["urgency"] = Value.From("normal"),
        ["summary"] = Value.From("请审批。"),
    };

    /// <summary>What the benchmark submits at a step (1 = the draft step).</summary>
    public static IReadOnlyDictionary<string, Value>? Submission(int step) => step == 1 ? DraftSubmission : null;

    /// <summary>One start and five task completions.</summary>
    public const int CommandsPerInstance = 6;
}
