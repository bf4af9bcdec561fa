using System.Diagnostics;
using System.Globalization;
using System.Text;
using G2G.Engine.Execution;
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
/// A worker process runs a burst of user commands — start a multi-step approval (<c>reliabilityApproval</c>: draft,
/// then legal and finance review in parallel, then the director's signature with a deadline) and complete its tasks,
/// many instances and commands in flight — and is killed with SIGKILL a third of the way through. The database must
/// then be consistent as it stands, and a restarted worker must finish the work with nothing lost or doubled.
/// </summary>
[Collection(ReliabilityTestGroup.Name)]
public sealed class PostgresKilledBurstTests(PostgresTestDatabase database, ITestOutputHelper output) : IClassFixture<PostgresTestDatabase>, IAsyncLifetime
{
    private const string ProcessKey = "reliabilityApproval";
    private const int Instances = 300;
    private const int Concurrency = 12;
    private static readonly string[] UserTasks = ["apply", "legal", "finance", "director"];
    private const int CommandsPerInstance = 5; // start + four completions
    private static readonly TimeSpan BurstTimeout = TimeSpan.FromMinutes(4);

    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ReliabilityRuntime _runtime = null!;

    public async Task InitializeAsync()
    {
        await database.MigrateAsync();
        _runtime = new ReliabilityRuntime(database, TimeSpan.Zero);
        await _runtime.DeployAsync("reliability-approval.bpmn");
    }

    public async Task DisposeAsync() => await _runtime.DisposeAsync();

    [DatabaseFact]
    public async Task HostKilledMidBurst_LeavesEveryInstanceWhole_AndARestartFinishesWithNothingLostOrDoubled()
    {
        const int total = Instances * CommandsPerInstance;
        var watch = Stopwatch.StartNew();
        Acks firstAcks;
        await using (var first = StartBurst("burst-1"))
        {
            await first.WaitForLineAsync(l => l.StartsWith("ready", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "ready");
            while (Acks.Parse(first.Lines).Count < total / 3)
            {
                if (first.HasExited)
                    Assert.Fail($"The burst worker exited with code {first.ExitCode} before it was killed.\n{first.Output()}");
                if (watch.Elapsed > BurstTimeout)
                    Assert.Fail($"The burst worker acknowledged only {Acks.Parse(first.Lines).Count} of {total} commands in {BurstTimeout.TotalMinutes} min.\n{first.Output()}");
                await Task.Delay(20);
            }
            var inFlight = await OpenTransactionsAsync();
            await first.KillAsync();
            await first.WaitUntilSessionsEndedAsync(database);
            Log($"{inFlight} transactions of the worker were open on the server when it was killed");
            Assert.True(first.ExitCode == 137, $"The worker should have died of SIGKILL (exit code 137), not {first.ExitCode}.");
            firstAcks = Acks.Parse(first.Lines);
        }
        var afterKill = await InspectAsync(firstAcks);
        Log($"killed the burst worker (SIGKILL) after {watch.Seconds()}: {firstAcks.Count} commands acknowledged "
            + $"({firstAcks.Starts.Count} starts, {firstAcks.Completions.Count} completions); the database holds {afterKill.Commands} committed commands "
            + $"({afterKill.Commands - firstAcks.Count} committed but not acknowledged), {afterKill.Instances} instances "
            + $"({afterKill.Finished} finished), {afterKill.OpenTasks} open tasks");
        Assert.True(afterKill.Problems.Count == 0, "After the kill the database is inconsistent:\n" + afterKill.Describe());
        Assert.True(afterKill.Finished < Instances, "The kill came too late: every instance had finished.");

        var restart = Stopwatch.StartNew();
        await using var second = StartBurst("burst-2");
        var code = await second.WaitForExitAsync(BurstTimeout);
        var done = second.Lines.FirstOrDefault(l => l.StartsWith("done", StringComparison.Ordinal));
        Assert.True(code == 0 && done is not null, $"The restarted worker ended with code {code}.\n{second.Output()}");
        var secondAcks = Acks.Parse(second.Lines);
        Assert.True(second.Warnings.Count == 0, $"The restarted worker logged warnings:\n{string.Join('\n', second.Warnings.Take(10))}");
        Log($"restarted worker finished in {restart.Seconds()}: {secondAcks.Count} more commands acknowledged; {done}");

        var final = await InspectAsync(firstAcks.With(secondAcks), complete: true);
        Log($"final: {final.Instances} instances, {final.Finished} finished, {final.Commands} committed commands, {final.OpenTasks} open tasks, {final.Jobs} jobs");
        Assert.True(final.Problems.Count == 0, "After the restart:\n" + final.Describe());
        Assert.Equal(total, final.Commands);

        var broken = await _runtime.In(s => s.GetRequiredService<AuditVerifier>().VerifyAsync());
        Assert.True(broken is null, $"Audit chain {broken?.Chain} breaks at seq {broken?.Seq}: {broken?.Reason}");
    }

    private WorkerProcess StartBurst(string name) =>
        WorkerProcess.Start(name, database, "burst", new Dictionary<string, string>(),
            "--process-key", ProcessKey, "--instances", Instances.ToString(CultureInfo.InvariantCulture),
            "--concurrency", Concurrency.ToString(CultureInfo.InvariantCulture), "--prefix", "burst");

    /// <summary>Sessions on the test database, other than this one, that are inside a transaction right now.</summary>
    private async Task<long> OpenTransactionsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND xact_start IS NOT NULL", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private void Log(string line) => output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0} s] {line}");

    /// <summary>
    /// Checks every instance of the burst as it is in the database. Whole means: its state deserialises; version,
    /// audit sequence and the number of audit records agree and the head hash is the last record's; the open task
    /// rows are exactly the tokens waiting at user tasks (one row per token, same element); each completed task row
    /// has exactly one <c>task.completed</c> audit record and its step exactly one <c>Completed</c> history entry, and
    /// no step was completed twice; status and end time follow the engine state; the director's deadline job exists
    /// exactly while its task is open; every acknowledged command is in the database. With <paramref name="complete"/>,
    /// also: every instance finished after all four steps, one instance per business key.
    /// </summary>
    private async Task<Inspection> InspectAsync(Acks acks, bool complete = false)
    {
        var instances = await _runtime.Query(db => db.Set<ProcessInstanceRecord>().AsNoTracking().Where(i => i.ProcessKey == ProcessKey).ToListAsync());
        var tasks = (await _runtime.Query(db => db.Set<TaskRecord>().AsNoTracking().Where(t => t.ProcessKey == ProcessKey).ToListAsync())).ToLookup(t => t.InstanceId);
        var events = (await _runtime.Query(db => db.Set<InstanceEventRecord>().AsNoTracking().ToListAsync())).ToLookup(e => e.InstanceId);
        var audit = events.SelectMany(g => g).Where(e => !EventKinds.Path.Contains(e.Kind) && !EventKinds.TimelineOnly.Contains(e.Kind)).ToLookup(e => e.InstanceId);
        var history = events.SelectMany(g => g).Where(e => e.Kind == EventKinds.ElementCompleted).ToLookup(h => h.InstanceId);
        var jobs = (await _runtime.Query(db => db.Set<JobRecord>().AsNoTracking().ToListAsync())).ToLookup(j => j.InstanceId);
        var incidents = await _runtime.Query(db => db.Set<IncidentRecord>().CountAsync());

        var problems = new List<string>();
        if (incidents > 0)
            problems.Add($"{incidents} incidents");
        foreach (var instance in instances)
        {
            void Problem(string text) => problems.Add($"instance {instance.Id} ({instance.BusinessKey}): {text}");
            ProcessState state;
            try
            {
                state = ProcessStateJson.Deserialize(instance.State);
            }
            catch (Exception failure) when (failure is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
            {
                Problem($"state does not deserialise: {failure.Message}");
                continue;
            }

            var log = events[instance.Id].OrderBy(e => e.Seq).ToList();
            var chain = audit[instance.Id].OrderBy(a => a.Seq).ToList();
            if (log.Count != instance.EventSeq || instance.Version != chain.Count || !log.Select(a => a.Seq).SequenceEqual(Enumerable.Range(1, log.Count).Select(n => (long)n)))
                Problem($"version {instance.Version}, event seq {instance.EventSeq}, {log.Count} events (seq {string.Join(",", log.Select(a => a.Seq))}), {chain.Count} audit records");
            if (log.Count > 0 && log[^1].Hash != instance.EventHead)
                Problem("the event head is not the hash of the last event");
            if (chain.FirstOrDefault()?.Kind != "instance.started" || chain.Skip(1).Any(a => a.Kind != "task.completed"))
                Problem($"unexpected audit actions {string.Join(",", chain.Select(a => a.Kind))}");

            var rows = tasks[instance.Id].ToList();
            var waiting = state.Tokens.Where(t => UserTasks.Contains(t.ElementId)).Select(t => $"{t.ElementId}#{t.Id}").Order(StringComparer.Ordinal).ToList();
            var open = rows.Where(t => t.State == TaskStates.Open).Select(t => $"{t.ElementId}#{t.EngineTaskId}").Order(StringComparer.Ordinal).ToList();
            if (!waiting.SequenceEqual(open))
                Problem($"engine waits at [{string.Join(", ", waiting)}] but the open task rows are [{string.Join(", ", open)}]");
            if (rows.Any(t => t.State is not (TaskStates.Open or TaskStates.Completed)))
                Problem($"task rows in state {string.Join(",", rows.Select(t => t.State).Distinct())}");

            var completed = rows.Where(t => t.State == TaskStates.Completed).ToList();
            var completions = chain.Where(a => a.Kind == "task.completed").ToList();
            foreach (var task in completed.Where(t => completions.Count(a => a.TaskId == t.Id) != 1))
                Problem($"completed task {task.Id} ({task.ElementId}) has {completions.Count(a => a.TaskId == task.Id)} task.completed audit records");
            foreach (var orphan in completions.Where(a => !completed.Any(t => t.Id == a.TaskId)))
                Problem($"audit record {orphan.Seq} completes task {orphan.TaskId}, which is not a completed task row");
            foreach (var element in UserTasks)
            {
                var done = completed.Count(t => t.ElementId == element);
                var steps = history[instance.Id].Count(h => h.ElementId == element);
                if (done > 1 || steps != done)
                    Problem($"step {element}: {done} completed task rows, {steps} Completed history entries");
                if (complete && done != 1)
                    Problem($"step {element} was completed {done} times");
            }

            var finished = state.Status == ProcessStatus.Completed;
            if (finished != (instance.Status == InstanceStatus.Completed) || finished != (instance.EndedAt is not null))
                Problem($"engine status {state.Status}, row status {instance.Status}, ended at {instance.EndedAt}");
            if (finished && history[instance.Id].Count(h => h.ElementId == "end") != 1)
                Problem("finished without exactly one Completed history entry for the end event");
            if (complete && (!finished || instance.Version != CommandsPerInstance))
                Problem($"not finished after the restart (status {instance.Status}, version {instance.Version})");

            var deadlines = jobs[instance.Id].Where(j => j.Kind == JobKinds.Overdue).Select(j => j.TargetId).Order().ToList();
            var openDirector = rows.Where(t => t.State == TaskStates.Open && t.ElementId == "director").Select(t => (long?)t.EngineTaskId).Order().ToList();
            if (!deadlines.SequenceEqual(openDirector) || jobs[instance.Id].Any(j => j.Kind != JobKinds.Overdue))
                Problem($"jobs [{string.Join(", ", jobs[instance.Id].Select(j => $"{j.Kind}:{j.TargetId}"))}] for open director tasks [{string.Join(", ", openDirector)}]");
        }

        foreach (var duplicate in instances.GroupBy(i => i.BusinessKey).Where(g => g.Count() > 1))
            problems.Add($"business key {duplicate.Key} has {duplicate.Count()} instances");
        var ids = instances.ToDictionary(i => i.Id);
        foreach (var (businessKey, id) in acks.Starts.Where(s => !ids.TryGetValue(s.InstanceId, out var i) || i.BusinessKey != s.BusinessKey))
            problems.Add($"acknowledged start of {businessKey} (instance {id}) is not in the database");
        var completedIds = tasks.SelectMany(g => g).Where(t => t.State == TaskStates.Completed).Select(t => t.Id).ToHashSet();
        foreach (var taskId in acks.Completions.Where(id => !completedIds.Contains(id)))
            problems.Add($"acknowledged completion of task {taskId} is not in the database");
        if (complete && instances.Count != Instances)
            problems.Add($"{instances.Count} instances instead of {Instances}");

        return new Inspection(problems, instances.Count, instances.Count(i => i.Status == InstanceStatus.Completed),
            instances.Sum(i => (long)i.Version), tasks.SelectMany(g => g).Count(t => t.State == TaskStates.Open), jobs.SelectMany(g => g).Count());
    }

    private sealed record Inspection(List<string> Problems, int Instances, int Finished, long Commands, int OpenTasks, int Jobs)
    {
        public string Describe()
        {
            var text = new StringBuilder();
            text.AppendLine(CultureInfo.InvariantCulture, $"{Problems.Count} problems in {Instances} instances ({Finished} finished, {Commands} committed commands, {OpenTasks} open tasks, {Jobs} jobs); the first ones:");
            foreach (var problem in Problems.Take(25))
                text.AppendLine(problem);
            return text.ToString();
        }
    }

    /// <summary>The commands a worker reported as committed (<c>ack start &lt;key&gt; &lt;id&gt;</c>, <c>ack complete &lt;task id&gt;</c>).</summary>
    private sealed record Acks(List<(string BusinessKey, long InstanceId)> Starts, List<long> Completions)
    {
        public int Count => Starts.Count + Completions.Count;

        public static Acks Parse(IEnumerable<string> lines)
        {
            var acks = new Acks([], []);
            foreach (var parts in lines.Where(l => l.StartsWith("ack ", StringComparison.Ordinal)).Select(l => l.Split(' ')))
            {
                if (parts[1] == "start")
                    acks.Starts.Add((parts[2], long.Parse(parts[3], CultureInfo.InvariantCulture)));
                else
                    acks.Completions.Add(long.Parse(parts[2], CultureInfo.InvariantCulture));
            }
            return acks;
        }

        public Acks With(Acks more) => new([.. Starts, .. more.Starts], [.. Completions, .. more.Completions]);
    }
}
