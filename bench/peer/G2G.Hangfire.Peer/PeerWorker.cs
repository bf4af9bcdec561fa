using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Hangfire.Peer;

/// <summary>The settings both sides share, so that they differ only in who schedules the timers.</summary>
internal static class PeerSettings
{
    /// <summary>The job executor's lease, and Hangfire's invisibility timeout: how long a dead worker's jobs wait.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    /// <summary>How often an idle worker looks for due work: the executor's poll and Hangfire's queue poll.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(200);

    /// <summary>The event log's key, the same in every process of a run (the runtime signs each timer's events).</summary>
    private const string EventLogKey = "cGVlci1iZW5jaC1ldmVudC1sb2cta2V5LTAxMjM0NTY3ODk=";

    public static RuntimeHost Runtime(DatabaseSettings database, string node, TimeProvider? clock = null) => new(database, new Dictionary<string, string?>
    {
        ["Runtime:NodeName"] = node,
        ["Runtime:EventLog:Keys:1"] = EventLogKey,
        ["Runtime:Jobs:LeaseDuration"] = Lease.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["Runtime:Jobs:BatchSize"] = "50",
        ["Runtime:Jobs:PollInterval"] = Poll.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    }, clock);

    /// <summary>
    /// Hangfire's PostgreSQL storage as a cluster of nodes would configure it for short jobs: the invisibility timeout of a
    /// fetched job as short as the executor's lease (its default is 30 minutes), kept alive while the job runs.
    /// </summary>
    public static PostgreSqlStorage HangfireStorage(string connectionString) => new(new global::Hangfire.PostgreSql.Factories.NpgsqlConnectionFactory(connectionString,
        HangfireOptions), HangfireOptions);

    private static readonly PostgreSqlStorageOptions HangfireOptions = new()
    {
        InvisibilityTimeout = Lease,
        UseSlidingInvisibilityTimeout = true,
        QueuePollInterval = Poll,
        PrepareSchemaIfNecessary = true,
    };
}

/// <summary>One worker process: the runtime's job executor, or a Hangfire server whose jobs run the timer command.</summary>
internal static class PeerWorker
{
    public static async Task<int> RunAsync(string scheduler, string name, int hangfireWorkers)
    {
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("G2G_PEER_DB")
            ?? throw new InvalidOperationException("G2G_PEER_DB is not set.")) { ApplicationName = name }.ConnectionString;
        await using var runtime = PeerSettings.Runtime(new DatabaseSettings(DatabaseProvider.Postgres, connectionString), name);
        await using (var warmUp = runtime.CreateScope())
        {
            // The context's model is built and the connection pool opened before "go", not on the clock.
            await warmUp.ServiceProvider.GetRequiredService<G2GDbContext>().Set<JobRecord>().CountAsync();
        }
        Say($"ready pid={Environment.ProcessId}");
        if (await Console.In.ReadLineAsync() != "go")
            return 0;
        if (scheduler == "g2g")
        {
            var executor = runtime.Get<JobExecutor>();
            await executor.StartAsync(CancellationToken.None);
            await Console.In.ReadLineAsync();
            await executor.StopAsync(CancellationToken.None);
        }
        else
        {
            // Hangfire's own warnings (a failed job, a storage error) go to the worker's output, which the driver keeps.
            GlobalConfiguration.Configuration.UseColouredConsoleLogProvider(global::Hangfire.Logging.LogLevel.Info);
            TimerJob.Runtime = runtime;
            TimerJob.Worker = name;
            using var server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                ServerName = name,
                WorkerCount = hangfireWorkers,
                SchedulePollingInterval = TimeSpan.FromSeconds(1), // the default is 15 s: due timers would wait that long
            }, PeerSettings.HangfireStorage(connectionString));
            await Console.In.ReadLineAsync();
            server.SendStop();
            await server.WaitForShutdownAsync(CancellationToken.None);
        }
        Say("stopped");
        return 0;
    }

    private static void Say(string line) => Console.Out.WriteLine("@peer " + line);
}

/// <summary>
/// The Hangfire job of one timer: the runtime's own timer command (<see cref="JobRunner"/>, as the executor runs it),
/// under a claim taken for this worker. Each start of the body is written down first, in its own transaction, so a body
/// Hangfire starts twice is counted even when the worker dies inside it. A second start after the timer fired finds its
/// job row gone and does nothing: the runtime's claim, not Hangfire, keeps the timer from firing twice.
/// </summary>
public sealed class TimerJob
{
    internal static RuntimeHost Runtime { get; set; } = null!;

    internal static string Worker { get; set; } = "";

    public async Task Fire(long jobId)
    {
        await using var scope = Runtime.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        await db.Database.ExecuteSqlAsync($"INSERT INTO peer_invocations (job_id, worker) VALUES ({jobId}, {Worker})");
        var taken = await db.Database.ExecuteSqlAsync($"UPDATE jobs SET lease_owner = {Worker}, lease_until = now() + interval '1 hour' WHERE id = {jobId}");
        if (taken == 0)
            return; // fired already
        var job = await db.Set<JobRecord>().AsNoTracking().SingleAsync(j => j.Id == jobId);
        await scope.ServiceProvider.GetRequiredService<JobRunner>().RunAsync(job, new JobClaim(jobId, Worker), CancellationToken.None);
    }
}
