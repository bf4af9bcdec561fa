using G2G.Engine.Expressions;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Notifications;
using G2G.Runtime.Organisation;
using G2G.Runtime.Organisation.Import;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>The runtime's services on a test database with a manual clock, without a web host.</summary>
public sealed class RuntimeHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    /// <param name="nodeName">The node's name in job leases: a second harness on the same database is another node.</param>
    public RuntimeHarness(TestDatabase database, Action<G2G.Engine.Execution.ServiceActions>? actions = null, int maxJobAttempts = 3,
        Action<IServiceCollection, IConfiguration>? modules = null, string nodeName = "test-node")
    {
        var configuration = Configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Runtime:NodeName"] = nodeName,
            [TestEventLogKeys.Setting] = TestEventLogKeys.Key,
            ["Runtime:Jobs:MaxAttempts"] = maxJobAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton(database.Settings);
        services.AddDbContext<G2GDbContext>(options => database.Settings.Configure(options));
        var registered = services.AddG2GRuntime(configuration);
        actions?.Invoke(registered);
        modules?.Invoke(services, configuration);
        _services = services.BuildServiceProvider();
    }

    /// <summary>The node's settings; a test changes one with the indexer and <c>Reload()</c>, as a reloaded file would.</summary>
    public IConfigurationRoot Configuration { get; }

    /// <summary>The node's services, for set-up work outside a scope (migrations of modules).</summary>
    public IServiceProvider Services => _services;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8)));

    /// <summary>Runs work in a fresh scope, as one request or one job would.</summary>
    public async Task<T> In<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task In(Func<IServiceProvider, Task> work) => In(async s => { await work(s); return true; });

    /// <summary>Imports the demo province (<see cref="OrganisationSeed.DemoProvince"/>) unless the database has users already (a class's tests share it).</summary>
    public async Task SeedDemoProvinceAsync()
    {
        if (await Query(db => db.Users.AnyAsync()))
            return;
        var report = await In(s => s.GetRequiredService<OrganisationImporter>().ImportAsync(OrganisationSeed.DemoProvince(), ImportFormat.Json, "seed"));
        Assert.True(report.Applied, string.Join("\n", report.Problems));
    }

    public Task<IReadOnlyList<DeployedProcess>> DeployAsync(string file) =>
        In(s => s.GetRequiredService<DeploymentService>().DeployAsync(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)), file));

    public Task<long> StartAsync(string key, params (string Name, object? Value)[] variables) =>
        In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance(key, Vars(variables), Title: "测试 " + key, Initiator: "zhang.san", AgencyId: "agency-1")));

    public Task<List<TaskRecord>> OpenTasksAsync(long instanceId) =>
        Query(db => db.Set<TaskRecord>().Include(t => t.Candidates).Where(t => t.InstanceId == instanceId && t.State == TaskStates.Open).OrderBy(t => t.Id).ToListAsync());

    public async Task<TaskRecord> TaskAsync(long instanceId, string elementId) =>
        (await OpenTasksAsync(instanceId)).Single(t => t.ElementId == elementId);

    public Task CompleteAsync(long taskId, string actor = "li.si", string? outcome = null, params (string Name, object? Value)[] variables) =>
        In(s => s.GetRequiredService<InstanceService>().CompleteTaskAsync(taskId, actor, Vars(variables), outcome, "同意"));

    public Task<ProcessInstanceRecord> InstanceAsync(long id) => Query(db => db.Set<ProcessInstanceRecord>().SingleAsync(i => i.Id == id));

    public Task<T> Query<T>(Func<G2GDbContext, Task<T>> query) => In(s => query(s.GetRequiredService<G2GDbContext>()));

    /// <summary>Runs due jobs until none is due at the current clock time.</summary>
    public async Task<int> RunJobsAsync()
    {
        var total = 0;
        for (int ran; (ran = await _services.GetRequiredService<JobExecutor>().RunDueJobsAsync(CancellationToken.None)) > 0;)
            total += ran;
        return total;
    }

    public Task<int> DispatchOutboxAsync() => _services.GetRequiredService<OutboxDispatcher>().DispatchAsync(CancellationToken.None);

    public static Dictionary<string, Value> Vars(params (string Name, object? Value)[] variables) =>
        variables.ToDictionary(v => v.Name, v => Value.FromObject(v.Value), StringComparer.Ordinal);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
