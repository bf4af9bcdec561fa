using System.Globalization;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Worker;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

// Test support for tests/G2G.Runtime.Tests/Reliability: one runtime node as its own OS process, so a test can run
// two of them on one database and kill one with SIGKILL.
//
//   dotnet G2G.Runtime.Worker.dll jobs  [--idle-exit <seconds>] [--wait-for-go true]
//       Runs the runtime's job executor (JobExecutor, as the web host does) until killed, or until no job has been
//       due for <seconds>. With --wait-for-go it reads one line from stdin before it starts, so two nodes start together.
//   dotnet G2G.Runtime.Worker.dll burst --process-key <key> --instances <n> [--concurrency <c>] [--prefix <text>]
//       Starts <n> instances (business keys <prefix>-0 … <prefix>-(n-1)) and completes every task they open, <c>
//       instances at a time; parallel tasks of one instance are completed at the same time. Instances that already
//       exist are continued, so a second run finishes what a killed one left.
//
// Database and runtime settings come from the environment or the arguments, as in the web host: Database__Provider,
// ConnectionStrings__G2G, Runtime__NodeName, Runtime__Jobs__LeaseDuration, Runtime__Jobs__BatchSize, ...
// Lines for the test start with "@worker "; every other line is log output.
if (args.Length == 0 || args[0] is not ("jobs" or "burst"))
{
    await Console.Error.WriteLineAsync("usage: G2G.Runtime.Worker (jobs|burst) [--setting value ...]");
    return 64;
}

var builder = Host.CreateApplicationBuilder(args[1..]);
// Only what a mode asks for runs: the runtime's own hosted services (job executor and outbox) are off here.
builder.Configuration.AddInMemoryCollection([new("Runtime:Jobs:Enabled", "false")]);
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.SetMinimumLevel(LogLevel.Warning);
// EF logs every failed command with its SQL; the runtime's own warnings say what matters.
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Critical);
builder.Services.AddG2GPersistence(builder.Configuration);
builder.Services.AddG2GRuntime(builder.Configuration);

if (args[0] == "jobs")
{
    builder.Services.AddHostedService(provider => provider.GetRequiredService<JobExecutor>());
    if (builder.Configuration.GetValue<int?>("idle-exit") is { } idle)
    {
        builder.Services.AddHostedService(provider => new IdleExit(
            provider.GetRequiredService<IServiceScopeFactory>(), provider.GetRequiredService<IHostApplicationLifetime>(),
            TimeProvider.System, TimeSpan.FromSeconds(idle)));
    }

    using var host = builder.Build();
    Report.Say($"ready owner={host.Services.GetRequiredService<JobExecutor>().Owner} pid={Environment.ProcessId}");
    if (builder.Configuration.GetValue("wait-for-go", false) && await Console.In.ReadLineAsync() is null)
        return 0; // the test went away before saying go
    await host.RunAsync();
    Report.Say(string.Create(CultureInfo.InvariantCulture, $"stopped cpu={Environment.CpuUsage.TotalTime.TotalSeconds:0.0}s"));
    return 0;
}

using (var host = builder.Build())
{
    var burst = new Burst(host.Services.GetRequiredService<IServiceScopeFactory>(),
        builder.Configuration["process-key"] ?? throw new InvalidOperationException("--process-key is required"),
        builder.Configuration.GetValue<int?>("instances") ?? throw new InvalidOperationException("--instances is required"),
        builder.Configuration.GetValue("concurrency", 8),
        builder.Configuration["prefix"] ?? "burst");
    Report.Say($"ready pid={Environment.ProcessId}");
    try
    {
        await burst.RunAsync();
    }
    catch (Exception failure)
    {
        Report.Say($"error {failure.GetType().Name}: {failure.Message.ReplaceLineEndings(" ")}");
        return 2;
    }
    Report.Say(string.Create(CultureInfo.InvariantCulture, $"done commands={burst.Commands} conflicts={burst.Conflicts} cpu={Environment.CpuUsage.TotalTime.TotalSeconds:0.0}s"));
    return 0;
}

namespace G2G.Runtime.Worker
{
    /// <summary>The lines the test reads. Console.Out is synchronised and flushes every line.</summary>
    internal static class Report
    {
        public static void Say(string line) => Console.Out.WriteLine("@worker " + line);
    }

    /// <summary>Stops the host when no job has been due for a while; prints the number of due jobs as it goes.</summary>
    internal sealed class IdleExit(IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, TimeProvider clock, TimeSpan idle) : BackgroundService
    {
        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            DateTimeOffset? idleSince = null;
            using var tick = new PeriodicTimer(TimeSpan.FromMilliseconds(500), clock);
            while (await tick.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                int due;
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    var now = clock.GetUtcNow();
                    due = await scope.ServiceProvider.GetRequiredService<G2GDbContext>().Set<JobRecord>()
                        .CountAsync(j => j.State == JobStates.Pending && j.DueAt <= now, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception failure) when (failure is not OperationCanceledException)
                {
                    Report.Say($"idle-check-failed {failure.Message.ReplaceLineEndings(" ")}");
                    continue;
                }
                Report.Say(string.Create(CultureInfo.InvariantCulture, $"due {due}"));
                if (due > 0)
                {
                    idleSince = null;
                    continue;
                }
                idleSince ??= clock.GetUtcNow();
                if (clock.GetUtcNow() - idleSince >= idle)
                {
                    Report.Say("idle");
                    lifetime.StopApplication();
                    return;
                }
            }
        }
    }

    /// <summary>
    /// A burst of user commands: start instances and complete their tasks, many at a time. Each committed command is
    /// reported (<c>ack start &lt;business key&gt; &lt;instance id&gt;</c>, <c>ack complete &lt;task id&gt;</c>) only after it returned,
    /// so everything acknowledged must be in the database whatever happens to this process afterwards.
    /// </summary>
    internal sealed class Burst(IServiceScopeFactory scopes, string processKey, int instances, int concurrency, string prefix)
    {
        private int _next = -1;
        private int _commands;
        private int _conflicts;

        public int Commands => _commands;
        public int Conflicts => _conflicts;

        public Task RunAsync() =>
            Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
            {
                for (int i; (i = Interlocked.Increment(ref _next)) < instances;)
                    await RunInstanceAsync(string.Create(CultureInfo.InvariantCulture, $"{prefix}-{i}")).ConfigureAwait(false);
            })));

        private async Task RunInstanceAsync(string businessKey)
        {
            var id = await Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking()
                .Where(i => i.ProcessKey == processKey && i.BusinessKey == businessKey).Select(i => (long?)i.Id).SingleOrDefaultAsync()).ConfigureAwait(false);
            if (id is null)
            {
                id = await InScope(s => s.GetRequiredService<InstanceService>().StartAsync(
                    new StartInstance(processKey, BusinessKey: businessKey, Title: "合同 " + businessKey, Initiator: "zhang.san", AgencyId: "agency-1"))).ConfigureAwait(false);
                Interlocked.Increment(ref _commands);
                Report.Say(string.Create(CultureInfo.InvariantCulture, $"ack start {businessKey} {id}"));
            }
            while (true)
            {
                var open = await Query(db => db.Set<TaskRecord>().AsNoTracking().Where(t => t.InstanceId == id && t.State == TaskStates.Open)
                    .Select(t => new { t.Id, t.Assignee }).ToListAsync()).ConfigureAwait(false);
                if (open.Count == 0)
                {
                    var status = await Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.Id == id).Select(i => i.Status).SingleAsync()).ConfigureAwait(false);
                    if (status == InstanceStatus.Completed)
                        return;
                    throw new InvalidOperationException($"Instance {id} ({businessKey}) is {status} but has no open task.");
                }
                await Task.WhenAll(open.Select(task => CompleteAsync(task.Id, task.Assignee ?? "zhang.san"))).ConfigureAwait(false);
            }
        }

        private async Task CompleteAsync(long taskId, string actor)
        {
            try
            {
                await InScope(async s =>
                {
                    await s.GetRequiredService<InstanceService>().CompleteTaskAsync(taskId, actor, comment: "同意").ConfigureAwait(false);
                    return true;
                }).ConfigureAwait(false);
            }
            catch (RuntimeException conflict) when (conflict.Code == RuntimeErrorCode.Conflict)
            {
                // Lost the optimistic race more often than the runtime retries: the next round reads the open tasks again.
                Interlocked.Increment(ref _conflicts);
                return;
            }
            Interlocked.Increment(ref _commands);
            Report.Say(string.Create(CultureInfo.InvariantCulture, $"ack complete {taskId}"));
        }

        private async Task<T> InScope<T>(Func<IServiceProvider, Task<T>> work)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await work(scope.ServiceProvider).ConfigureAwait(false);
        }

        private Task<T> Query<T>(Func<G2GDbContext, Task<T>> query) => InScope(s => query(s.GetRequiredService<G2GDbContext>()));
    }
}
