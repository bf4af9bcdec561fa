using System.Collections.Concurrent;
using System.Net;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// PostgreSQL really restarted under a running host (a server of the test's own, stopped with <c>pg_ctl stop -m fast</c>
/// and started again seconds later), its job executor on, while two clients start instances of a process with a 3 s
/// timer. During the outage every request is 503 <c>database-unavailable</c> with Retry-After, and <c>/health</c> is 503
/// with the database unhealthy; after the restart the host serves again by itself, the timers that fell due during the
/// outage fire, each exactly once, each task's notification is delivered exactly once, every acknowledged start is
/// stored once and nothing is half-written (docs/reliability.md, "Faults").
/// </summary>
public sealed class PostgresRestartTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresServer _server = null!;
    private PostgresTestDatabase _database = null!;
    private G2GWebFactory _factory = null!;
    private HttpClient _client = null!;
    private int _phase;

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        _database = PostgresTestDatabase.OnServer(_server.AdminConnectionString);
        await _database.InitializeAsync();
        (_factory, _client) = FaultHost.InProcess(_database, _database.Settings.ConnectionString, new Dictionary<string, string?>
        {
            ["Runtime:Jobs:Enabled"] = "true",
            ["Runtime:Jobs:PollInterval"] = "00:00:00.200",
            ["Runtime:Jobs:LeaseDuration"] = "00:00:05",
        });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _factory.DisposeAsync();
        // The database goes with its server's folder; the pool's connections died with the restart.
        await _server.DisposeAsync();
        NpgsqlConnection.ClearPool(new NpgsqlConnection(_database.Settings.ConnectionString));
    }

    [PostgresServerFact]
    public async Task ARestartUnderLoad_Is503AndUnhealthy_ThenTheHostRecoversByItself_TimersAndNotificationsOnce()
    {
        var key = await FaultHost.DeployOneStepAsync(_client, timer: "PT3S");
        var acknowledged = new ConcurrentBag<string>();
        var answers = new ConcurrentQueue<(HttpStatusCode Status, Phase Phase)>();
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 2).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var businessKey = $"k-{c}-{i}";
                var sent = CurrentPhase;
                var status = await FaultHost.StartAsync(_client, key, $"重启 {businessKey}", businessKey);
                if (status == HttpStatusCode.Created)
                    acknowledged.Add(businessKey);
                answers.Enqueue((status, CurrentPhase == sent ? sent : Phase.Changing));
                await Task.Delay(50);
            }
        })).ToList();

        await FaultHost.WaitUntilAsync(() => acknowledged.Count >= 10, TimeSpan.FromMinutes(2), "10 starts before the restart");
        CurrentPhase = Phase.Changing;
        await _server.StopAsync();
        CurrentPhase = Phase.Down;
        // Down for longer than the timer: the timers of the last starts fall due while the server is away.
        await FaultHost.WaitUntilAsync(() => answers.Count(a => a.Phase == Phase.Down) >= 10, TimeSpan.FromMinutes(1), "10 answers while the server is down");
        var health = await FaultHost.HealthAsync(_client);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.Status);
        Assert.Equal(("Unhealthy", "Unhealthy"), (health.Overall, health.Database));
        await Task.Delay(TimeSpan.FromSeconds(4));

        CurrentPhase = Phase.Changing;
        await _server.StartAgainAsync();
        CurrentPhase = Phase.After;
        await FaultHost.WaitUntilAsync(async () => (await FaultHost.HealthAsync(_client)).Status == HttpStatusCode.OK, TimeSpan.FromMinutes(1), "/health 200 after the restart");
        await FaultHost.WaitUntilAsync(() => answers.Count(a => a is { Phase: Phase.After, Status: HttpStatusCode.Created }) >= 10, TimeSpan.FromMinutes(2),
            "10 starts after the restart");
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        output.WriteLine($"{acknowledged.Count} starts acknowledged; answers: "
            + string.Join(", ", answers.GroupBy(a => a).OrderBy(g => g.Key.Phase).Select(g => $"{g.Count()} × {(int)g.Key.Status} ({g.Key.Phase})")));
        Assert.All(answers, a => Assert.True(a.Status is HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable, $"answered {(int)a.Status}"));
        Assert.All(answers.Where(a => a.Phase == Phase.Down), a => Assert.Equal(HttpStatusCode.ServiceUnavailable, a.Status));

        // The executor resumed by itself: every timer fires, those due during the outage included, and its notification is sent.
        await using var db = _database.CreateContext();
        await FaultHost.WaitUntilAsync(async () => !await db.Set<JobRecord>().AnyAsync(j => j.Kind == JobKinds.Timer)
            && !await db.Set<OutboxRecord>().AnyAsync(o => o.DispatchedAt == null), TimeSpan.FromMinutes(2), "every timer fired and every notification sent");
        var stored = await db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.ProcessKey == key).Select(i => i.BusinessKey!).ToListAsync();
        Assert.Empty(acknowledged.Except(stored));
        Assert.Equal(stored.Count, stored.Distinct().Count());
        var (instances, notifications) = await FaultHost.AssertTimersAndNotificationsOnceAsync(db, key);
        output.WriteLine($"{instances} instances, each timer fired once; {notifications} notifications, each delivered once");
        await FaultHost.AssertWholeAsync(_factory.Services, key, acknowledged.Count,
            acknowledged.Count + answers.Count(a => a.Status == HttpStatusCode.ServiceUnavailable));
    }

    /// <summary>Where the server was when a request was sent and answered; <see cref="Phase.Changing"/> when it moved meanwhile.</summary>
    private enum Phase
    {
        Before,
        Changing,
        Down,
        After,
    }

    private Phase CurrentPhase
    {
        get => (Phase)Volatile.Read(ref _phase);
        set => Volatile.Write(ref _phase, (int)value);
    }
}
