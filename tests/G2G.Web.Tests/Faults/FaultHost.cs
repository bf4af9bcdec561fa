using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Tests.Infrastructure;
using G2G.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Tests.Faults;

/// <summary>What the fault tests do with a host: deploy a one-step process, start instances of it, check that nothing is half-written.</summary>
internal static class FaultHost
{
    /// <summary>The API token the fault tests' clients send (setting <c>Api:Tokens:tester</c>).</summary>
    public const string Token = "fault-token";

    /// <summary>
    /// The host in this process on <paramref name="connectionString"/>, its job executor off unless
    /// <paramref name="settings"/> turn it on, and a client with the token.
    /// </summary>
    public static (G2GWebFactory Factory, HttpClient Client) InProcess(TestDatabase database, string connectionString,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:G2G"] = connectionString,
            ["Api:Tokens:tester"] = Token,
            ["Runtime:Jobs:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            configuration[key] = value;
        var factory = new G2GWebFactory(database, configuration);
        return (factory, factory.CreateClient().WithToken(Token));
    }

    /// <summary>
    /// Deploys a process of one user task (拟稿, for the initiator) under a new key, after a timer of
    /// <paramref name="timer"/> (an ISO duration) when given; returns the key.
    /// </summary>
    public static async Task<string> DeployOneStepAsync(HttpClient client, string? timer = null)
    {
        var key = $"p{Guid.NewGuid():N}";
        var wait = timer is null ? "" : $"""<bpmn:intermediateCatchEvent id="wait"><bpmn:timerEventDefinition><bpmn:timeDuration>{timer}</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent><bpmn:sequenceFlow id="f0" sourceRef="wait" targetRef="draft" />""";
        using var definition = new StringContent($"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
              <bpmn:process id="{key}" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="{(timer is null ? "draft" : "wait")}" />{wait}
                <bpmn:userTask id="draft" name="拟稿" g2g:assignee="initiator()" />
                <bpmn:sequenceFlow id="f2" sourceRef="draft" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            </bpmn:definitions>
            """, Encoding.UTF8, "application/xml");
        using var deployed = await client.PostAsync(new Uri("/api/v1/definitions", UriKind.Relative), definition);
        await deployed.IsAsync(HttpStatusCode.OK);
        return key;
    }

    /// <summary>Starts one instance; a 503 must be the database's problem with Retry-After. Returns the status.</summary>
    public static async Task<HttpStatusCode> StartAsync(HttpClient client, string key, string title, string? businessKey = null)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/v1/instances", UriKind.Relative), new { processKey = key, title, businessKey });
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            var problem = await response.IsProblemAsync(HttpStatusCode.ServiceUnavailable, "database-unavailable");
            Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
            Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        }
        return response.StatusCode;
    }

    /// <summary>
    /// Nothing half-written: the process has between <paramref name="atLeast"/> and <paramref name="atMost"/> instances,
    /// each with exactly its one task, and the event logs and audit chains verify.
    /// </summary>
    public static async Task AssertWholeAsync(IServiceProvider services, string key, int atLeast, int atMost)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
        var instances = await db.Set<ProcessInstanceRecord>().Where(i => i.ProcessKey == key).Select(i => i.Id).ToListAsync();
        Assert.InRange(instances.Count, atLeast, atMost);
        Assert.Equal(instances.Count, await db.Set<TaskRecord>().CountAsync(t => instances.Contains(t.InstanceId)));
        var broken = await scope.ServiceProvider.GetRequiredService<AuditVerifier>().VerifyAsync();
        Assert.True(broken is null, $"Chain {broken?.Chain} breaks at {broken?.Seq}: {broken?.Reason}");
    }

    /// <summary>
    /// Every instance's timer fired exactly once and opened its one task, and each task's notification was delivered
    /// exactly once: every outbox row of these instances is dispatched and each task has one in-app notification, no
    /// more, no fewer. Returns how many instances and notifications were checked.
    /// </summary>
    public static async Task<(int Instances, int Notifications)> AssertTimersAndNotificationsOnceAsync(G2GDbContext db, string key)
    {
        var ids = await db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.ProcessKey == key).Select(i => i.Id).ToListAsync();
        var fired = await db.Set<InstanceEventRecord>().Where(e => ids.Contains(e.InstanceId) && e.Kind == "timer.fired")
            .GroupBy(e => e.InstanceId).Select(g => g.Count()).ToListAsync();
        Assert.True(fired.Count == ids.Count && fired.All(n => n == 1),
            $"{ids.Count} instances, {fired.Count} with a fired timer, {fired.Count(n => n > 1)} fired more than once");
        var tasks = await db.Set<TaskRecord>().Where(t => ids.Contains(t.InstanceId)).Select(t => t.Id).ToListAsync();
        Assert.Equal(ids.Count, tasks.Count);

        var undelivered = await db.Set<OutboxRecord>().CountAsync(o => o.InstanceId != null && ids.Contains(o.InstanceId.Value) && o.DispatchedAt == null);
        Assert.True(undelivered == 0, $"{undelivered} notifications not delivered");
        var notices = await db.Set<NotificationRecord>().Where(n => n.TaskId != null && tasks.Contains(n.TaskId.Value) && n.Kind == "task.assigned")
            .GroupBy(n => n.TaskId).Select(g => g.Count()).ToListAsync();
        Assert.True(notices.Count == tasks.Count && notices.All(n => n == 1),
            $"{tasks.Count} tasks, {notices.Count} notified, {notices.Count(n => n > 1)} notified more than once");
        return (ids.Count, notices.Sum());
    }

    /// <summary>Waits until <paramref name="done"/> holds, checking every 100 ms; fails naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, string what) =>
        WaitUntilAsync(() => Task.FromResult(done()), timeout, what);

    /// <inheritdoc cref="WaitUntilAsync(Func{bool}, TimeSpan, string)" />
    public static async Task WaitUntilAsync(Func<Task<bool>> done, TimeSpan timeout, string what)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (!await done())
        {
            if (watch.Elapsed > timeout)
                throw new TimeoutException($"Not reached within {timeout.TotalSeconds:0} s: {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary><c>/health</c>: its status code, the overall status and the database check's.</summary>
    public static async Task<(HttpStatusCode Status, string Overall, string? Database)> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        var database = body.GetProperty("checks").EnumerateArray().FirstOrDefault(c => c.GetProperty("name").GetString() == "database");
        return (response.StatusCode, body.GetProperty("status").GetString()!,
            database.ValueKind == JsonValueKind.Object ? database.GetProperty("status").GetString() : null);
    }
}
