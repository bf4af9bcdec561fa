using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using G2G.Runtime.Jobs;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Hosting;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit.Abstractions;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// Two G2G nodes as their own processes on one PostgreSQL, four clients starting instances of a process with a 2 s timer
/// on both in turn; one node is killed with SIGKILL in the middle. Requests to the survivor all succeed; requests to the
/// dead node fail at the connection (the client's cue to send them to the other node), or are 503; every acknowledged
/// start exists exactly once, no business key twice, every timer fires exactly once (the dead node's leased ones after
/// its lease), each task's notification is delivered exactly once (those the dead node had not sent by the survivor),
/// and <c>audit verify</c> finds the chains intact (docs/reliability.md, "Faults").
/// </summary>
public sealed class TwoNodeKillTests(PostgresTestDatabase database, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>
{
    [DatabaseFact]
    public async Task OneOfTwoNodesKilledUnderLoad_NothingLostOrDoubled_TimersFireOnce_ChainsVerify()
    {
        await database.MigrateAsync();
        var settings = new Dictionary<string, string>
        {
            ["Api__Tokens__tester"] = FaultHost.Token,
            ["Runtime__Jobs__LeaseDuration"] = "00:00:05",
            ["Runtime__Jobs__PollInterval"] = "00:00:00.200",
        };
        // One after the other: the first migrates the database (two nodes migrating a new database at once race on
        // the office module's tables).
        await using var survivor = WebNode.Start("node-a", database, settings);
        await survivor.WaitUntilHealthyAsync();
        await using var victim = WebNode.Start("node-b", database, settings);
        await victim.WaitUntilHealthyAsync();
        using var toSurvivor = Client(survivor);
        using var toVictim = Client(victim);
        var key = await FaultHost.DeployOneStepAsync(toSurvivor, timer: "PT2S");

        var acknowledged = new ConcurrentBag<string>();
        var survivorFailures = new ConcurrentQueue<string>();
        var victimAnswers = new ConcurrentQueue<string>();
        var killed = false;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var businessKey = $"k-{c}-{i}";
                var toDead = i % 2 == 1;
                try
                {
                    using var response = await (toDead ? toVictim : toSurvivor).PostAsJsonAsync(
                        new Uri("/api/v1/instances", UriKind.Relative), new { processKey = key, businessKey, title = $"双节点 {businessKey}" });
                    if (response.StatusCode == HttpStatusCode.Created)
                        acknowledged.Add(businessKey);
                    else if (toDead)
                        victimAnswers.Enqueue(((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture));
                    else
                        survivorFailures.Enqueue($"{businessKey}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
                catch (HttpRequestException failure) when (toDead && Volatile.Read(ref killed))
                {
                    victimAnswers.Enqueue(failure.HttpRequestError.ToString());
                }
            }
        })).ToList();

        await FaultHost.WaitUntilAsync(() => acknowledged.Count >= 40, TimeSpan.FromMinutes(3), "40 starts acknowledged");
        Volatile.Write(ref killed, true);
        await victim.KillAsync();
        var ackedAtKill = acknowledged.Count;
        var pendingAtKill = await PendingNotificationsAsync(key);
        await FaultHost.WaitUntilAsync(() => acknowledged.Count >= ackedAtKill + 20, TimeSpan.FromMinutes(3), "20 more starts on the survivor");
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        output.WriteLine($"{acknowledged.Count} starts acknowledged ({ackedAtKill} before the kill), {pendingAtKill.Count} notifications undelivered at the kill; the dead node answered "
            + string.Join(", ", victimAnswers.GroupBy(a => a).Select(g => $"{g.Count()} × {g.Key}")));
        Assert.True(survivorFailures.IsEmpty, "The survivor failed requests:\n" + string.Join('\n', survivorFailures));
        Assert.All(victimAnswers, a => Assert.True(a is "503" or nameof(HttpRequestError.ConnectionError) or nameof(HttpRequestError.ResponseEnded)
            or nameof(HttpRequestError.Unknown), $"The dead node's client saw {a}"));

        // Every timer fires, the dead node's leased ones once their lease ran out, and every notification is sent, those
        // the dead node had not sent (or was sending) included.
        await FaultHost.WaitUntilAsync(async () => Remaining(JobKinds.Timer) == 0 && (await PendingNotificationsAsync(key)).Count == 0,
            TimeSpan.FromMinutes(3), "every timer fired and every notification sent");

        await using var db = database.CreateContext();
        var instances = await db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.ProcessKey == key)
            .Select(i => new { i.Id, i.BusinessKey }).ToListAsync();
        var doubled = instances.GroupBy(i => i.BusinessKey).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(doubled.Count == 0, $"Started twice: {string.Join(", ", doubled)}");
        var missing = acknowledged.Except(instances.Select(i => i.BusinessKey!)).ToList();
        Assert.True(missing.Count == 0, $"Acknowledged but not stored: {string.Join(", ", missing)}");
        // Each timer fired once and opened its task; each task's notification was delivered once, no more, no fewer.
        var (checkedInstances, notifications) = await FaultHost.AssertTimersAndNotificationsOnceAsync(db, key);
        Assert.Equal(instances.Count, checkedInstances);
        output.WriteLine($"{notifications} notifications, each delivered once");

        var (exitCode, lines) = await HostProcess.RunAsync(["audit", "verify"],
            ("Database__Provider", database.Settings.Provider.ToString()),
            ("ConnectionStrings__G2G", database.Settings.ConnectionString),
            (TestEventLogKeys.Setting.Replace(":", "__", StringComparison.Ordinal), TestEventLogKeys.Key));
        Assert.True(exitCode == AuditCommandExitCodes.Intact, string.Join('\n', lines));
    }

    private static HttpClient Client(WebNode node) =>
        new HttpClient { BaseAddress = node.Address, Timeout = TimeSpan.FromSeconds(60) }.WithToken(FaultHost.Token);

    /// <summary>The outbox rows of the process's instances not delivered yet.</summary>
    private async Task<List<long>> PendingNotificationsAsync(string key)
    {
        await using var db = database.CreateContext();
        var ids = db.Set<ProcessInstanceRecord>().Where(i => i.ProcessKey == key).Select(i => (long?)i.Id);
        return await db.Set<OutboxRecord>().Where(o => o.DispatchedAt == null && ids.Contains(o.InstanceId)).Select(o => o.Id).ToListAsync();
    }

    private int Remaining(string kind)
    {
        using var db = database.CreateContext();
        return db.Set<JobRecord>().Count(j => j.Kind == kind);
    }
}
