using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using G2G.Runtime.Audit;
using G2G.Runtime.Definitions;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace G2G.Hangfire.Peer;

/// <summary>What one scheduler did with the timers.</summary>
internal sealed record PeerResult(string Scheduler, int Timers, double ScheduleSeconds, double TwoWorkerRate, double DrainSeconds,
    int FiredAtKill, int Orphaned, double? TakeoverFirst, double? TakeoverLast, int Lost, int FiredTwice, int BodiesStartedTwice,
    int ExtraBodyStarts, string PerWorker, string AuditChains)
{
    public double Rate => Timers / DrainSeconds;
}

/// <summary>
/// The runtime's timer reliability test (tests/G2G.Runtime.Tests/Reliability/TimerHostsTests.cs) with the scheduler as
/// the variable: instances started on a clock an hour behind, so every timer is due; two worker processes started
/// together; the second killed with SIGKILL once a third of the timers fired; the first left to finish.
/// </summary>
internal sealed class Driver(int timers, int hangfireWorkers, TimeSpan takeoverTimeout)
{
    private const string ProcessKey = "reliabilityTimer";
    private static readonly global::Hangfire.PostgreSql.PostgreSqlStorageOptions HangfireDefaults = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public async Task<int> RunAsync(IReadOnlyList<string> schedulers)
    {
        foreach (var (key, value) in Machine.Describe())
            Console.WriteLine($"{key}: {value}");
        Console.WriteLine($"timers: {timers}, executor: lease {PeerSettings.Lease.TotalSeconds} s, batch 50, poll {PeerSettings.Poll.TotalMilliseconds} ms; "
            + $"Hangfire: {hangfireWorkers} worker(s) per process, invisibility timeout {PeerSettings.Lease.TotalSeconds} s (sliding), queue poll {PeerSettings.Poll.TotalMilliseconds} ms, schedule poll 1 s, "
            + $"distributed lock timeout {HangfireDefaults.DistributedLockTimeout.TotalMinutes} min (its default)");
        var results = new List<PeerResult>();
        foreach (var scheduler in schedulers)
            results.Add(await RunOneAsync(scheduler));

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| scheduler | scheduling {timers:N0} timers | two workers (timers/s) | all fired | overall (timers/s) | the dead worker's jobs | ran elsewhere after the kill | not fired {takeoverTimeout.TotalSeconds:0} s after the kill | fired twice | job bodies started twice | per worker | audit chains |"));
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |");
        foreach (var r in results)
        {
            var takeover = r.TakeoverFirst is null ? "—" : string.Create(CultureInfo.InvariantCulture, $"{r.TakeoverFirst:0.0}–{r.TakeoverLast:0.0} s");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Scheduler} | {r.ScheduleSeconds:0.0} s | {r.TwoWorkerRate:0} | {r.DrainSeconds:0.0} s | {r.Rate:0} | {r.Orphaned} | {takeover} | {r.Lost} | {r.FiredTwice} | {r.BodiesStartedTwice} (+{r.ExtraBodyStarts} starts) | {r.PerWorker} | {r.AuditChains} |"));
        }
        if (results.Count == 2)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ratios {results[1].Scheduler} ÷ {results[0].Scheduler}: two-worker rate {results[1].TwoWorkerRate / results[0].TwoWorkerRate:0.00}, overall rate {results[1].Rate / results[0].Rate:0.00}"));
        }
        return results.All(r => r.Lost == 0 && r.FiredTwice == 0) ? 0 : 1;
    }

    private void Log(string line) => Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}"));

    private async Task<PeerResult> RunOneAsync(string scheduler)
    {
        Log($"--- {scheduler}: load average {File.ReadAllText("/proc/loadavg").Trim()}");
        await using var database = await BenchDatabase.CreateAsync("postgres", $"timers_{scheduler}", Path.GetTempPath());
        await using var runtime = PeerSettings.Runtime(database.Settings, "driver", new ShiftedClock(TimeSpan.FromHours(-1)));
        await StartInstancesAsync(runtime);
        await database.ExecuteAsync("""
            CREATE TABLE peer_fires (job_id bigint NOT NULL, instance_id bigint, owner text, at timestamptz NOT NULL DEFAULT clock_timestamp());
            CREATE FUNCTION peer_record_fire() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                INSERT INTO peer_fires (job_id, instance_id, owner) VALUES (OLD.id, OLD.instance_id, OLD.lease_owner);
                RETURN OLD;
            END $$;
            CREATE TRIGGER peer_fires AFTER DELETE ON jobs FOR EACH ROW WHEN (OLD.kind = 'timer') EXECUTE FUNCTION peer_record_fire();
            CREATE TABLE peer_invocations (job_id bigint NOT NULL, worker text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
            """);
        var scheduleSeconds = scheduler == "hangfire" ? await ScheduleWithHangfireAsync(database) : 0;

        await using var survivor = PeerProcess.Start(scheduler, "worker-a", database.Settings.ConnectionString, hangfireWorkers);
        await using var victim = PeerProcess.Start(scheduler, "worker-b", database.Settings.ConnectionString, hangfireWorkers);
        await survivor.WaitForAsync("ready");
        await victim.WaitForAsync("ready");
        var goAt = await NowAsync(database);
        await survivor.SendAsync("go");
        await victim.SendAsync("go");

        DateTimeOffset? killedAt = null;
        var firedAtKill = 0;
        Dictionary<long, DateTimeOffset?> orphaned = [];
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var remaining = int.Parse(await database.ScalarAsync("SELECT count(*) FROM jobs WHERE kind = 'timer'"), CultureInfo.InvariantCulture);
            var fired = timers - remaining;
            if (_clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5) || remaining == 0)
            {
                lastReport = _clock.Elapsed;
                Log($"{fired} fired, {remaining} left");
            }
            if (remaining == 0)
                break;
            if (killedAt is null && fired >= timers / 3)
            {
                await victim.KillAsync();
                await victim.WaitUntilSessionsEndedAsync(database);
                killedAt = await NowAsync(database);
                firedAtKill = timers - int.Parse(await database.ScalarAsync("SELECT count(*) FROM jobs WHERE kind = 'timer'"), CultureInfo.InvariantCulture);
                orphaned = await OrphanedAsync(database, scheduler, victim.Name);
                Log($"killed {victim.Name} (SIGKILL, exit {victim.ExitCode}) with {firedAtKill} fired; it held {orphaned.Count} unfired timers");
                if (scheduler == "hangfire")
                    Log($"Hangfire's distributed locks at the kill: {string.Join(", ", await database.QueryColumnAsync("SELECT resource || ' since ' || to_char(acquired, 'HH24:MI:SS') FROM hangfire.lock ORDER BY acquired"))}");
            }
            if (survivor.HasExited)
                throw new InvalidOperationException($"{survivor.Name} exited with {survivor.ExitCode}.\n{survivor.Output()}");
            if (killedAt is not null && await NowAsync(database) - killedAt > takeoverTimeout)
            {
                Log($"{remaining} timers still unfired {takeoverTimeout.TotalSeconds:0} s after the kill: counted as lost");
                break;
            }
            await Task.Delay(250);
        }
        await survivor.StopAsync();
        foreach (var worker in new[] { survivor, victim })
        {
            var path = Path.Combine(Path.GetTempPath(), $"g2g-peer-{scheduler}-{worker.Name}.log");
            await worker.SaveOutputAsync(path);
            Log($"{worker.Name}'s output: {path}");
        }
        return await MeasureAsync(database, runtime, scheduler, scheduleSeconds, goAt, killedAt, firedAtKill, orphaned);
    }

    /// <summary>10,000 instances through InstanceService, 8 at a time; each writes one timer job, due 59 minutes ago.</summary>
    private async Task StartInstancesAsync(RuntimeHost runtime)
    {
        var watch = Stopwatch.StartNew();
        await using (var scope = runtime.CreateScope())
        {
            var xml = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "reliability-timer.bpmn"));
            await scope.ServiceProvider.GetRequiredService<DeploymentService>().DeployAsync(xml, "reliability-timer.bpmn");
        }
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            await using var scope = runtime.CreateScope();
            var instances = scope.ServiceProvider.GetRequiredService<InstanceService>();
            for (int i; (i = Interlocked.Increment(ref next)) < timers;)
                await instances.StartAsync(new StartInstance(ProcessKey, BusinessKey: $"timer-{i}", Title: $"限时转办 {i}", Initiator: "zhang.san", AgencyId: "agency-1"));
        })));
        Log($"started {timers} instances in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>One Hangfire delayed job per timer job, due when the timer is; returns the seconds it took (8 clients at a time).</summary>
    private async Task<double> ScheduleWithHangfireAsync(BenchDatabase database)
    {
        var due = new ConcurrentQueue<(long Id, DateTimeOffset DueAt)>();
        await using (var connection = new NpgsqlConnection(database.Settings.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT id, due_at FROM jobs WHERE kind = 'timer'", connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                due.Enqueue((reader.GetInt64(0), reader.GetFieldValue<DateTimeOffset>(1)));
        }
        var storage = PeerSettings.HangfireStorage(database.Settings.ConnectionString);
        var client = new BackgroundJobClient(storage);
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() =>
        {
            while (due.TryDequeue(out var job))
                client.Schedule<TimerJob>(t => t.Fire(job.Id), job.DueAt);
        })));
        Log($"scheduled {timers} Hangfire delayed jobs in {watch.Elapsed.TotalSeconds:0.0} s");
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// The timers the dead worker had in hand: the executor's jobs still leased to it (with their lease's end), or the
    /// Hangfire jobs whose body it had started without the timer firing.
    /// </summary>
    private static async Task<Dictionary<long, DateTimeOffset?>> OrphanedAsync(BenchDatabase database, string scheduler, string worker)
    {
        var sql = scheduler == "g2g"
            ? "SELECT id, lease_until FROM jobs WHERE kind = 'timer' AND lease_owner = @worker"
            : "SELECT DISTINCT i.job_id, NULL::timestamptz FROM peer_invocations i JOIN jobs j ON j.id = i.job_id WHERE i.worker = @worker";
        var orphaned = new Dictionary<long, DateTimeOffset?>();
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("worker", worker);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            orphaned[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        return orphaned;
    }

    private async Task<PeerResult> MeasureAsync(BenchDatabase database, RuntimeHost runtime, string scheduler, double scheduleSeconds,
        DateTimeOffset goAt, DateTimeOffset? killedAt, int firedAtKill, Dictionary<long, DateTimeOffset?> orphaned)
    {
        await using var scope = runtime.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var ids = await db.Set<ProcessInstanceRecord>().Where(i => i.ProcessKey == ProcessKey).Select(i => i.Id).ToListAsync();
        var firings = await db.Set<InstanceEventRecord>().Where(e => e.Kind == "timer.fired")
            .GroupBy(e => e.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var tasks = await db.Set<TaskRecord>().Where(t => t.ElementId == "handle")
            .GroupBy(t => t.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        var lost = ids.Count(id => firings.GetValueOrDefault(id) == 0 || tasks.GetValueOrDefault(id) == 0);
        var twice = ids.Count(id => firings.GetValueOrDefault(id) > 1 || tasks.GetValueOrDefault(id) > 1);
        var broken = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();

        var lastFire = DateTimeOffset.Parse(await database.ScalarAsync("SELECT to_char(max(at) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') FROM peer_fires"), CultureInfo.InvariantCulture);
        var perWorker = string.Join(", ", await database.QueryColumnAsync("SELECT owner || ' ' || count(*) FROM peer_fires GROUP BY owner ORDER BY owner"));
        var startedTwice = int.Parse(await database.ScalarAsync("SELECT count(*) FROM (SELECT job_id FROM peer_invocations GROUP BY job_id HAVING count(*) > 1) t"), CultureInfo.InvariantCulture);
        var extraStarts = int.Parse(await database.ScalarAsync("SELECT coalesce(sum(n - 1), 0) FROM (SELECT count(*) AS n FROM peer_invocations GROUP BY job_id) t"), CultureInfo.InvariantCulture);
        double? first = null, last = null;
        if (orphaned.Count > 0 && killedAt is { } kill)
        {
            var at = await database.QueryColumnAsync($"SELECT extract(epoch FROM at - '{kill.UtcDateTime:O}'::timestamptz) FROM peer_fires WHERE job_id IN ({string.Join(',', orphaned.Keys)}) ORDER BY at");
            if (at.Count > 0)
            {
                first = double.Parse(at[0], CultureInfo.InvariantCulture);
                last = double.Parse(at[^1], CultureInfo.InvariantCulture);
            }
            Log($"{at.Count} of the dead worker's {orphaned.Count} timers fired elsewhere, {first:0.0}–{last:0.0} s after the kill"
                + (orphaned.Values.Any(v => v is not null) ? $" (its leases ended {(orphaned.Values.Min()!.Value - kill).TotalSeconds:0.0}–{(orphaned.Values.Max()!.Value - kill).TotalSeconds:0.0} s after it)" : ""));
        }
        if (scheduler == "hangfire")
            Log($"Hangfire job states: {string.Join(", ", await database.QueryColumnAsync("SELECT statename || ' ' || count(*) FROM hangfire.job GROUP BY statename ORDER BY statename"))}");
        var twoWorkerRate = killedAt is { } killed ? firedAtKill / (killed - goAt).TotalSeconds : double.NaN;
        var result = new PeerResult(scheduler, timers, scheduleSeconds, twoWorkerRate, (lastFire - goAt).TotalSeconds, firedAtKill, orphaned.Count,
            first, last, lost, twice, startedTwice, extraStarts, perWorker, broken is null ? "verify" : $"break at {broken.Chain} seq {broken.Seq}");
        Log($"{scheduler}: {result}");
        return result;
    }

    private static async Task<DateTimeOffset> NowAsync(BenchDatabase database) =>
        DateTimeOffset.Parse(await database.ScalarAsync("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')"), CultureInfo.InvariantCulture);

    /// <summary>The system clock plus a fixed offset.</summary>
    private sealed class ShiftedClock(TimeSpan offset) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
    }
}
