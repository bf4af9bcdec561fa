using System.Diagnostics;
using System.Globalization;
using System.Text;
using G2G.Runtime.Audit;
using G2G.Runtime.Instances;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// 10,000 due timers fired by two job executor processes on one PostgreSQL database (process
/// <c>reliabilityTimer</c>: a <c>PT1M</c> intermediate timer, then the user task <c>handle</c>). The instances are
/// started in the test process on a clock one hour behind, so every timer is already due for the workers, which run
/// on the real clock. Each test class gets its own database.
/// </summary>
[Collection(ReliabilityTestGroup.Name)]
public abstract class TimerHostsTests : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    protected const int Timers = 10_000;
    protected const string ProcessKey = "reliabilityTimer";
    protected static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(5);
    protected const int StartedByTheService = 100;
    private static readonly TimeSpan FiringTimeout = TimeSpan.FromMinutes(6);

    private readonly PostgresTestDatabase _database;
    private readonly ITestOutputHelper _output;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ReliabilityRuntime _runtime = null!;

    protected TimerHostsTests(PostgresTestDatabase database, ITestOutputHelper output)
    {
        _database = database;
        _output = output;
        Deletions = new JobDeletions(database.Settings.ConnectionString);
    }

    protected JobDeletions Deletions { get; }

    protected PostgresTestDatabase Database => _database;

    public async Task InitializeAsync()
    {
        await _database.MigrateAsync();
        _runtime = new ReliabilityRuntime(_database, TimeSpan.FromHours(-1));
        await _runtime.DeployAsync("reliability-timer.bpmn");
        await Deletions.InstallAsync();
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    protected void Log(string line) => _output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}");

    /// <summary>
    /// Creates the 10,000 instances; each has one pending timer job, due 59 minutes ago. The first
    /// <see cref="StartedByTheService"/> are started through <c>InstanceService</c>; the rest are row-by-row copies
    /// of the first (<see cref="InstanceCloner"/>), each "started" 2 ms after the one before, so their timers fall due
    /// one after another: starting all 10,000 through the service takes 30–50 s on this machine.
    /// </summary>
    protected async Task<long[]> StartInstancesAsync()
    {
        var watch = Stopwatch.StartNew();
        static StartInstance Request(int i) => new(ProcessKey, BusinessKey: $"timer-{i}", Title: $"限时转办 {i}", Initiator: "zhang.san", AgencyId: "agency-1");
        var started = await _runtime.StartManyAsync(StartedByTheService, parallel: 4, Request);
        Log($"started {started.Length} instances through InstanceService in {watch.Seconds()}");
        var copies = await InstanceCloner.CloneAsync(_database.CreateContext, started[0], Timers - started.Length,
            n => (Request(StartedByTheService + n).BusinessKey!, Request(StartedByTheService + n).Title!), spacing: TimeSpan.FromMilliseconds(2));
        Log($"copied instance {started[0]} {copies.Length} times; {Timers} instances in {watch.Seconds()}");
        var due = await _runtime.Query(db => db.Set<JobRecord>().CountAsync(j => j.Kind == JobKinds.Timer && j.State == JobStates.Pending && j.LeaseOwner == null));
        Assert.True(due == Timers, $"Expected {Timers} pending timer jobs after the starts, found {due}.");
        return [.. started, .. copies];
    }

    /// <summary>A job executor process: 5 s leases, batches of 50; it waits for "go", and stops after 2 s without due jobs.</summary>
    protected WorkerProcess StartHost(string node) =>
        WorkerProcess.Start(node, _database, "jobs", new Dictionary<string, string>
        {
            ["Runtime__NodeName"] = node,
            ["Runtime__Jobs__LeaseDuration"] = LeaseDuration.ToString("c", CultureInfo.InvariantCulture),
            ["Runtime__Jobs__BatchSize"] = "50",
            ["Runtime__Jobs__PollInterval"] = "00:00:00.200",
        }, "--wait-for-go", "true", "--idle-exit", "2");

    /// <summary>Waits until both hosts are up (their start-up is slow and uneven), then lets them start together.</summary>
    protected async Task GoAsync(params WorkerProcess[] hosts)
    {
        foreach (var host in hosts)
            await host.WaitForLineAsync(l => l.StartsWith("ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "ready");
        foreach (var host in hosts)
            await host.SendAsync("go");
        Log($"hosts {string.Join(", ", hosts.Select(h => $"{h.Name} (pid {h.Id})"))} started");
    }

    protected Task<int> RemainingTimerJobsAsync() =>
        _runtime.Query(db => db.Set<JobRecord>().CountAsync(j => j.Kind == JobKinds.Timer));

    /// <summary>
    /// Polls the jobs table until no timer job remains. <paramref name="onProgress"/> sees each count of fired
    /// timers. Fails with the hosts' output when a host that is not <paramref name="expectedDead"/> exits early, or
    /// after the overall timeout.
    /// </summary>
    protected async Task WaitUntilAllFiredAsync(IReadOnlyList<WorkerProcess> hosts, Func<int, Task>? onProgress = null, Func<WorkerProcess, bool>? expectedDead = null)
    {
        var watch = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        while (true)
        {
            var remaining = await RemainingTimerJobsAsync();
            if (watch.Elapsed - lastReport >= TimeSpan.FromSeconds(2) || remaining == 0)
            {
                lastReport = watch.Elapsed;
                var byOwner = await Deletions.RunsByOwnerAsync(JobKinds.Timer);
                Log($"{Timers - remaining} fired, {remaining} timer jobs left ({string.Join(", ", byOwner.OrderBy(o => o.Key).Select(o => $"{o.Key}: {o.Value}"))})");
            }
            if (remaining == 0)
                return;
            if (onProgress is not null)
                await onProgress(Timers - remaining);
            if (hosts.FirstOrDefault(h => h.HasExited && expectedDead?.Invoke(h) != true) is { } gone)
                Assert.Fail($"Host {gone.Name} exited with code {gone.ExitCode} while {remaining} timers were left.\n{gone.Output()}");
            if (watch.Elapsed > FiringTimeout)
                Assert.Fail($"{remaining} of {Timers} timers were still unfired after {FiringTimeout.TotalMinutes} min.\n{string.Join('\n', hosts.Select(h => h.Output()))}");
            await Task.Delay(250);
        }
    }

    /// <summary>A host that stops by itself (2 s idle) exits with 0 and says so.</summary>
    protected async Task AssertStoppedCleanlyAsync(WorkerProcess host)
    {
        var code = await host.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var stopped = host.Lines.FirstOrDefault(l => l.StartsWith("stopped", StringComparison.Ordinal));
        Assert.True(code == 0 && stopped is not null, $"Host {host.Name} ended with code {code}.\n{host.Output()}");
        var warnings = host.Warnings;
        Log($"{host.Name} {stopped}, {warnings.Count} warnings{(warnings.Count == 0 ? "" : ", e.g. " + warnings[0])}");
    }

    /// <summary>
    /// Every instance advanced exactly once: one committed timer job run, one <c>timer.fired</c> audit record, one
    /// <c>element.completed</c> event for the timer, one <c>handle</c> task (open), version 2;
    /// no job, incident or failure is left; every event log verifies against its instance's head.
    /// </summary>
    protected async Task AssertEachTimerFiredExactlyOnceAsync(long[] ids)
    {
        var fired = await _runtime.Query(db => db.Set<InstanceEventRecord>().Where(a => a.Kind == "timer.fired")
            .GroupBy(a => a.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var completed = await _runtime.Query(db => db.Set<InstanceEventRecord>().Where(h => h.ElementId == "wait" && h.Kind == EventKinds.ElementCompleted)
            .GroupBy(h => h.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var tasks = await _runtime.Query(db => db.Set<TaskRecord>().Where(t => t.ElementId == "handle" && t.State == TaskStates.Open)
            .GroupBy(t => t.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var runs = await Deletions.RunsByInstanceAsync(JobKinds.Timer);
        var rows = await _runtime.Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.ProcessKey == ProcessKey)
            .Select(i => new { i.Id, i.Version, i.Status }).ToDictionaryAsync(i => i.Id));

        var report = new StringBuilder();
        var failed = false;
        void Count(string what, Dictionary<long, int> perInstance)
        {
            var never = ids.Where(id => perInstance.GetValueOrDefault(id) == 0).ToList();
            var twice = ids.Where(id => perInstance.GetValueOrDefault(id) > 1).ToList();
            failed |= never.Count > 0 || twice.Count > 0;
            report.AppendLine(CultureInfo.InvariantCulture,
                $"{what}: {ids.Length - never.Count - twice.Count} instances once, {never.Count} never{Sample(never)}, {twice.Count} more than once{Sample(twice)}");
        }
        Count("committed timer job runs", runs);
        Count("timer.fired audit records", fired);
        Count("history 'wait' Completed", completed);
        Count("open 'handle' tasks", tasks);
        var wrongRows = ids.Where(id => !rows.TryGetValue(id, out var row) || row.Version != 2 || row.Status != InstanceStatus.Running).ToList();
        failed |= wrongRows.Count > 0;
        report.AppendLine(CultureInfo.InvariantCulture, $"instances not at version 2 / running: {wrongRows.Count}{Sample(wrongRows)}");
        var leftJobs = await _runtime.Query(db => db.Set<JobRecord>().CountAsync());
        var incidents = await _runtime.Query(db => db.Set<IncidentRecord>().CountAsync());
        failed |= leftJobs > 0 || incidents > 0;
        report.AppendLine(CultureInfo.InvariantCulture, $"jobs left: {leftJobs}, incidents: {incidents}");
        Log(report.ToString().TrimEnd());
        Assert.False(failed, "Timers were lost or fired more than once:\n" + report);

        var watch = Stopwatch.StartNew();
        var broken = await _runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync());
        Assert.True(broken is null, $"Audit chain {broken?.Chain} breaks at seq {broken?.Seq}: {broken?.Reason}");
        Log($"{await _runtime.Query(db => db.Set<InstanceEventRecord>().CountAsync())} events verified in {watch.Seconds()}");
    }

    protected static string Sample(IReadOnlyCollection<long> ids) =>
        ids.Count == 0 ? "" : $" (e.g. instance {string.Join(", ", ids.Take(10))})";
}

/// <summary>Two hosts fire all 10,000 timers between them: every one exactly once, both doing a real share.</summary>
public sealed class PostgresTwoHostTimerTests(PostgresTestDatabase database, ITestOutputHelper output) : TimerHostsTests(database, output)
{
    [DatabaseFact]
    public async Task TwoHosts_Fire10000DueTimers_EachExactlyOnce_NoneLost()
    {
        var ids = await StartInstancesAsync();
        await using var hostA = StartHost("host-a");
        await using var hostB = StartHost("host-b");
        await GoAsync(hostA, hostB);

        var watch = Stopwatch.StartNew();
        await WaitUntilAllFiredAsync([hostA, hostB]);
        Log($"all {Timers} timers fired in {watch.Seconds()}");
        await AssertStoppedCleanlyAsync(hostA);
        await AssertStoppedCleanlyAsync(hostB);

        await AssertEachTimerFiredExactlyOnceAsync(ids);
        var byOwner = await Deletions.RunsByOwnerAsync(JobKinds.Timer);
        Log($"fired per host: {string.Join(", ", byOwner.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.Equal(["host-a", "host-b"], byOwner.Keys.Order(StringComparer.Ordinal));
        // Both nodes worked: neither fired fewer than a fifth of the timers.
        Assert.True(byOwner.Values.Min() >= Timers / 5, $"One host did almost nothing: {string.Join(", ", byOwner.Select(o => $"{o.Key} {o.Value}"))}");
    }
}

/// <summary>One of two hosts is killed with SIGKILL a third of the way through; the survivor fires the rest, including the dead host's leased jobs.</summary>
public sealed class PostgresKilledHostTimerTests(PostgresTestDatabase database, ITestOutputHelper output) : TimerHostsTests(database, output)
{
    [DatabaseFact]
    public async Task OneHostKilledMidRun_TheOtherFiresTheRest_EachTimerExactlyOnce()
    {
        var ids = await StartInstancesAsync();
        await using var survivor = StartHost("host-a");
        await using var victim = StartHost("host-b");
        await GoAsync(survivor, victim);

        var watch = Stopwatch.StartNew();
        Stopwatch? sinceKill = null;
        Dictionary<long, DateTimeOffset> orphaned = [];
        var killedAt = DateTimeOffset.MinValue;
        var firedAtKill = 0;
        await WaitUntilAllFiredAsync([survivor, victim], async fired =>
        {
            if (sinceKill is not null || fired < Timers / 3)
                return;
            await victim.KillAsync();
            sinceKill = Stopwatch.StartNew();
            await victim.WaitUntilSessionsEndedAsync(Database);
            // Jobs the dead host holds the lease of: nobody may run them until the lease expires.
            (orphaned, killedAt) = await QueryLeasedAsync(victim.Name);
            firedAtKill = Timers - await RemainingTimerJobsAsync();
            Log($"killed {victim.Name} (SIGKILL) after {fired} timers fired ({firedAtKill} after it died); it held the lease of {orphaned.Count} jobs");
        }, expectedDead: h => h == victim);
        Log($"all {Timers} timers fired in {watch.Seconds()}, {sinceKill?.Seconds()} after the kill");

        Assert.NotNull(sinceKill);
        Assert.True(victim.ExitCode == 137, $"The killed host should have died of SIGKILL (exit code 137), not {victim.ExitCode}.");
        await AssertStoppedCleanlyAsync(survivor);
        await AssertEachTimerFiredExactlyOnceAsync(ids);

        var byOwner = await Deletions.RunsByOwnerAsync(JobKinds.Timer);
        Log($"fired per host: {string.Join(", ", byOwner.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(byOwner.GetValueOrDefault(victim.Name) > 0, $"{victim.Name} fired nothing before it was killed.");
        Assert.Equal(Timers, byOwner.Values.Sum());
        // The survivor took over the jobs the dead host had leased, and none before its lease expired.
        var runs = await Deletions.RunsAsync([.. orphaned.Keys]);
        var notTakenOver = orphaned.Keys.Where(id => !runs.TryGetValue(id, out var run) || run.Owner != survivor.Name).ToList();
        Assert.True(notTakenOver.Count == 0, $"{notTakenOver.Count} of the {orphaned.Count} jobs leased by the dead host were not run by {survivor.Name}{Sample(notTakenOver)}.");
        var early = orphaned.Where(o => runs[o.Key].At < o.Value).Select(o => o.Key).ToList();
        Assert.True(early.Count == 0, $"{early.Count} jobs of the dead host were run before their lease expired{Sample(early)}.");
        if (orphaned.Count > 0)
        {
            Log($"the dead host's {orphaned.Count} leased jobs ran {(runs.Values.Min(r => r.At) - killedAt).TotalSeconds:0.0}–"
                + $"{(runs.Values.Max(r => r.At) - killedAt).TotalSeconds:0.0} s after the kill (their leases ended "
                + $"{(orphaned.Values.Min() - killedAt).TotalSeconds:0.0}–{(orphaned.Values.Max() - killedAt).TotalSeconds:0.0} s after it)");
        }
    }

    /// <summary>The jobs leased to <paramref name="owner"/> with the end of each lease, and the database's clock now.</summary>
    private async Task<(Dictionary<long, DateTimeOffset> Leased, DateTimeOffset Now)> QueryLeasedAsync(string owner)
    {
        await using var connection = new Npgsql.NpgsqlConnection(Database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT id, lease_until, clock_timestamp() FROM jobs WHERE lease_owner = @owner UNION ALL SELECT NULL, NULL, clock_timestamp()", connection);
        command.Parameters.AddWithValue("owner", owner);
        var leased = new Dictionary<long, DateTimeOffset>();
        var now = DateTimeOffset.MinValue;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            if (reader.IsDBNull(0))
                now = reader.GetFieldValue<DateTimeOffset>(2);
            else
                leased[reader.GetInt64(0)] = reader.GetFieldValue<DateTimeOffset>(1);
        }
        return (leased, now);
    }
}
