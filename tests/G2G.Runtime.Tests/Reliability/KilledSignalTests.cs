using System.Diagnostics;
using System.Globalization;
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
/// One signal that 2,000 instances wait for (<c>reliabilityNoticeWait</c>, thrown by <c>reliabilityNoticeSend</c>); the
/// job executor process delivering it is killed with SIGKILL a third of the way through and another one finishes:
/// every waiting instance receives the signal exactly once.
/// </summary>
[Collection(ReliabilityTestGroup.Name)]
public sealed class PostgresKilledHostSignalTests(PostgresTestDatabase database, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const int Receivers = 2_000;
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly JobDeletions _deletions = new(database.Settings.ConnectionString);
    private ReliabilityRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new ReliabilityRuntime(database, TimeSpan.FromMinutes(-1));
        await _runtime.DeployAsync("reliability-signal.bpmn");
        await _deletions.InstallAsync();
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [DatabaseFact]
    public async Task HostKilledWhileDeliveringASignalTo2000Instances_EveryOneGetsItExactlyOnce()
    {
        var template = (await _runtime.StartManyAsync(1, 1, _ => new StartInstance("reliabilityNoticeWait", BusinessKey: "notice-0", Initiator: "zhang.san")))[0];
        var copies = await InstanceCloner.CloneAsync(database.CreateContext, template, Receivers - 1, n => ($"notice-{n + 1}", $"等待通知 {n + 1}"));
        long[] receivers = [template, .. copies];
        await _runtime.StartManyAsync(1, 1, _ => new StartInstance("reliabilityNoticeSend", Initiator: "ban.gong.shi"));
        Log($"{Receivers} instances wait for the signal; it is thrown");

        var watch = Stopwatch.StartNew();
        await using (var first = StartHost("host-a"))
        {
            for (var received = 0; received < Receivers / 3; received = await ReceivedAsync())
            {
                if (first.HasExited)
                    Assert.Fail($"host-a exited with code {first.ExitCode} before it was killed.\n{first.Output()}");
                if (watch.Elapsed > Timeout)
                    Assert.Fail($"Only {received} of {Receivers} instances received the signal in {Timeout.TotalMinutes} min.\n{first.Output()}");
                await Task.Delay(50);
            }
            await first.KillAsync();
            await first.WaitUntilSessionsEndedAsync(database);
            Assert.True(first.ExitCode == 137, $"host-a should have died of SIGKILL (exit code 137), not {first.ExitCode}.");
        }
        var atKill = await ReceivedAsync();
        var leftAtKill = await _runtime.Query(db => db.Set<JobRecord>().CountAsync(j => j.Kind == JobKinds.Signal));
        Log($"killed host-a (SIGKILL) after {watch.Seconds()}: {atKill} instances had the signal, {leftAtKill} deliveries were left");

        var restart = Stopwatch.StartNew();
        await using var second = StartHost("host-b");
        var code = await second.WaitForExitAsync(Timeout);
        Assert.True(code == 0, $"host-b ended with code {code}.\n{second.Output()}");
        Log($"host-b delivered the rest in {restart.Seconds()}; {second.Lines.FirstOrDefault(l => l.StartsWith("stopped", StringComparison.Ordinal))}");

        var signals = await _runtime.Query(db => db.Set<InstanceEventRecord>().Where(a => a.Kind == "signal.received")
            .GroupBy(a => a.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var tasks = await _runtime.Query(db => db.Set<TaskRecord>().Where(t => t.ElementId == "read")
            .GroupBy(t => t.InstanceId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        var deliveries = await _deletions.RunsByInstanceAsync(JobKinds.Signal);
        var never = receivers.Where(id => signals.GetValueOrDefault(id) == 0).ToList();
        var twice = receivers.Where(id => signals.GetValueOrDefault(id) > 1 || tasks.GetValueOrDefault(id) > 1 || deliveries.GetValueOrDefault(id) > 1).ToList();
        var noTask = receivers.Where(id => tasks.GetValueOrDefault(id) != 1).ToList();
        var byOwner = await _deletions.RunsByOwnerAsync(JobKinds.Signal);
        Log($"signal.received: {receivers.Length - never.Count - twice.Count} instances once, {never.Count} never, {twice.Count} more than once; "
            + $"signal jobs run per host (the broadcast and its deliveries): {string.Join(", ", byOwner.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}"))}");
        Assert.True(never.Count == 0 && twice.Count == 0 && noTask.Count == 0,
            $"{never.Count} instances never got the signal{Sample(never)}, {twice.Count} got it more than once{Sample(twice)}, {noTask.Count} have not exactly one 'read' task{Sample(noTask)}.");
        Assert.Equal(0, await _runtime.Query(db => db.Set<JobRecord>().CountAsync()));
        Assert.Equal(0, await _runtime.Query(db => db.Set<IncidentRecord>().CountAsync()));
        Assert.True(byOwner.GetValueOrDefault("host-b") > 0, "host-b delivered nothing: the kill came too late.");
        var broken = await _runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync());
        Assert.True(broken is null, $"Audit chain {broken?.Chain} breaks at seq {broken?.Seq}: {broken?.Reason}");
    }

    private WorkerProcess StartHost(string node) =>
        WorkerProcess.Start(node, database, "jobs", new Dictionary<string, string>
        {
            ["Runtime__NodeName"] = node,
            ["Runtime__Jobs__LeaseDuration"] = "00:00:05",
            ["Runtime__Jobs__BatchSize"] = "50",
            ["Runtime__Jobs__PollInterval"] = "00:00:00.200",
        }, "--idle-exit", "2");

    private Task<int> ReceivedAsync() => _runtime.Query(db => db.Set<InstanceEventRecord>().CountAsync(a => a.Kind == "signal.received"));

    private void Log(string line) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}");

    private static string Sample(List<long> ids) =>
        ids.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $" (e.g. instance {string.Join(", ", ids.Take(10))})");
}
