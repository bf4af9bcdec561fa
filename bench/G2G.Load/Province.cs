using System.Diagnostics;
using System.Text.Json.Nodes;

namespace G2G.Load;

/// <summary>
/// The demo province at work: each person (a session of one of the demo's users, several sessions per user when
/// there are more people than users) loops, with a think time before each action: reads the badge counts and 待办,
/// and either starts a procedure (when the province's start rate allows one and they may start one), or opens a task
/// of a driven procedure from their 待办 (the task, its form, its instance), claims it if it is offered to a group, and completes
/// it with the form filled and an opinion, or sends a share of the approvals back to the applicant; now and then
/// they look at their 已办 and an instance's history. Writes carry the task's ETag (If-Match) as the pages do.
/// </summary>
internal sealed class Province(Api api, Measure measure, Recorder recorder, LoadOptions options, IReadOnlyList<Session> sessions)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Dictionary<string, List<string>> _colleagues = sessions
        .GroupBy(s => s.AgencyId, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Select(s => s.User).Distinct(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);
    private long _starts;

    /// <summary>Runs every person until the measured window is over; returns when all have stopped.</summary>
    public Task RunAsync() => Task.WhenAll(sessions.Select((session, i) => Task.Run(() => PersonAsync(session, new Random(1000 + i)))));

    private async Task PersonAsync(Session me, Random random)
    {
        var mine = options.Procedures.Select(p => Procedure.Catalog[p]).Where(p => p.Starters.Contains(me.User)).ToList();
        while (!measure.Over)
        {
            await ThinkAsync(random);
            if (measure.Over)
                break;
            await api.GetAsync("counts", me, "/api/v1/inbox/counts");
            var todo = await api.GetAsync("todo", me, "/api/v1/inbox/todo?page=1&pageSize=50");
            if (mine.Count > 0 && TakeStart())
            {
                await StartAsync(me, mine[random.Next(mine.Count)]);
                continue;
            }
            var workable = (todo.Body?["items"]?.AsArray() ?? []).OfType<JsonNode>()
                .Where(t => options.Procedures.Contains(t["processKey"]?.GetValue<string>() ?? "", StringComparer.Ordinal)).ToList();
            if (workable.Count > 0)
                await WorkAsync(me, workable[random.Next(workable.Count)], random);
            else if (random.NextDouble() < 0.5)
                await LookBackAsync(me, random);
        }
    }

    /// <summary>A start, when the province's rate allows one more by now (all people together).</summary>
    private bool TakeStart()
    {
        var allowed = (long)(options.StartRate * _clock.Elapsed.TotalMinutes) + 1;
        while (true)
        {
            var taken = Interlocked.Read(ref _starts);
            if (taken >= allowed)
                return false;
            if (Interlocked.CompareExchange(ref _starts, taken + 1, taken) == taken)
                return true;
        }
    }

    private async Task StartAsync(Session me, Procedure procedure)
    {
        var at = DateTimeOffset.UtcNow;
        var started = await api.PostAsync("start", me, "/api/v1/instances",
            new JsonObject { ["processKey"] = procedure.Key, ["title"] = $"{procedure.Name}（负载测试）" });
        recorder.Add(new Write(at, me.User, "start", started.Body?["id"]?.GetValue<long>(), null, procedure.Key, started.Status, null, started.Failure));
    }

    /// <summary>Opens a task, fills its form, thinks, and completes it or sends it back.</summary>
    private async Task WorkAsync(Session me, JsonNode item, Random random)
    {
        var id = item["id"]!.GetValue<long>();
        var instanceId = item["instanceId"]!.GetValue<long>();
        var processKey = item["processKey"]!.GetValue<string>();
        var task = await api.GetAsync("open task", me, $"/api/v1/tasks/{id}");
        if (!task.Ok)
            return;
        var form = await api.GetAsync("form", me, $"/api/v1/tasks/{id}/form");
        var instance = await api.GetAsync("instance", me, $"/api/v1/instances/{instanceId}");
        await ThinkAsync(random);
        if (task.Body!["assignee"] is null)
        {
            var claimed = await WriteAsync(me, "claim", $"/api/v1/tasks/{id}/claim", null, task.ETag, instanceId, id, processKey, null);
            if (!claimed.Ok)
                return;
            task = await api.GetAsync("open task", me, $"/api/v1/tasks/{id}");
            if (!task.Ok)
                return;
        }
        var elementId = task.Body!["elementId"]!.GetValue<string>();
        if (Procedure.Catalog[processKey].SendBackFrom.Contains(elementId) && random.NextDouble() < options.SendBack)
        {
            await WriteAsync(me, "send-back", $"/api/v1/tasks/{id}/send-back",
                new JsonObject { ["target"] = Procedure.FirstStep, ["resume"] = "FromTop", ["comment"] = "请补充说明后重新提交。" },
                task.ETag, instanceId, id, processKey, Procedure.FirstStep);
            return;
        }
        var variables = form.Ok ? FormFiller.Fill(form.Body!, instance.Body?["variables"] as JsonObject, random, me.User, _colleagues.GetValueOrDefault(me.AgencyId) ?? []) : new JsonObject();
        var outcome = variables["decision"]?.GetValue<string>();
        var body = new JsonObject { ["comment"] = outcome == "approve" ? "同意。" : "已办理。", ["variables"] = variables };
        if (outcome is not null)
            body["outcome"] = outcome;
        await WriteAsync(me, "complete", $"/api/v1/tasks/{id}/complete", body, task.ETag, instanceId, id, processKey, outcome);
        if (random.NextDouble() < 0.2)
            await api.GetAsync("history", me, $"/api/v1/instances/{instanceId}/history");
    }

    /// <summary>已办, and the history of one of the instances there.</summary>
    private async Task LookBackAsync(Session me, Random random)
    {
        var done = await api.GetAsync("done", me, "/api/v1/inbox/done?page=1&pageSize=20");
        var items = done.Body?["items"]?.AsArray();
        if (items is { Count: > 0 } && items[random.Next(items.Count)]?["instanceId"]?.GetValue<long>() is { } instanceId)
            await api.GetAsync("history", me, $"/api/v1/instances/{instanceId}/history");
    }

    private async Task<Answer> WriteAsync(Session me, string operation, string url, JsonNode? body, string? etag,
        long instanceId, long taskId, string processKey, string? outcome)
    {
        var at = DateTimeOffset.UtcNow;
        var answer = await api.PostAsync(operation, me, url, body, etag);
        recorder.Add(new Write(at, me.User, operation, instanceId, taskId, processKey, answer.Status, outcome, answer.Failure));
        return answer;
    }

    /// <summary>A think time drawn from an exponential distribution of mean <c>--think</c> (at most ten times it).</summary>
    private Task ThinkAsync(Random random) => options.Think <= 0
        ? Task.CompletedTask
        : Task.Delay(TimeSpan.FromSeconds(Math.Min(-Math.Log(1 - random.NextDouble()) * options.Think, 10 * options.Think)));
}
