using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Benchmarks;

/// <summary>Average database calls of one runtime command.</summary>
internal sealed record CallStats(double Commands, double Statements, double Begins, double Commits, double Rollbacks, double Opens,
    double WallMs, double CommandMs, double CommitMs)
{
    public static CallStats Average(IReadOnlyList<CallStats> samples) => new(
        samples.Average(s => s.Commands), samples.Average(s => s.Statements), samples.Average(s => s.Begins),
        samples.Average(s => s.Commits), samples.Average(s => s.Rollbacks), samples.Average(s => s.Opens),
        samples.Average(s => s.WallMs), samples.Average(s => s.CommandMs), samples.Average(s => s.CommitMs));

    public static CallStats Of(DbCallLog log, TimeSpan wall) => new(log.Commands, log.Statements, log.Begins, log.Commits, log.Rollbacks, log.Opens,
        wall.TotalMilliseconds, log.CommandTime.TotalMilliseconds, log.CommitTime.TotalMilliseconds);
}

/// <summary>Round trips of start and of each of the five completes, with the statements of one example.</summary>
internal sealed record RoundTripResult(
    string Database, int Instances, CallStats Start, CallStats Complete, IReadOnlyList<CallStats> Steps,
    IReadOnlyList<string> StartCommands, IReadOnlyList<IReadOnlyList<string>> StepCommands, double EngineMicroseconds,
    IReadOnlyList<string> ExampleStartSql, IReadOnlyList<string> ExampleCompleteSql);

/// <summary>
/// Counts what the runtime sends to the database per command, with EF Core command, transaction and
/// connection interceptors on the benchmark's context and a listener for the runtime's write batches
/// (which do not pass EF's command interceptors): one worker, sequential, after a warm-up.
/// </summary>
internal static class RoundTripBenchmark
{
    public static async Task<RoundTripResult> RunAsync(BenchOptions options, string provider, string workDirectory)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, "roundtrips", workDirectory);
        var log = new DbCallLog();
        await using var host = new RuntimeHost(database.Settings, new CommandCounter(log), new CommandTimer(log), new TransactionCounter(log), new ConnectionCounter(log));
        using var writes = new WriteBatchCounter(log);
        await host.DeployWorkflowsAsync(Models.WorkflowsFolder);
        if (options.Organisation)
            await BenchOrganisation.ImportAsync(host, initiators: 1);
        var name = options.Organisation ? $"{database.DisplayName}, with organisation" : database.DisplayName;
        await using var scope = host.CreateScope();
        var driver = new ApprovalDriver(scope, 0);

        // Warm-up: definition cache, EF query and model caches, pools.
        for (var i = 0; i < 5; i++)
            await RunOneAsync(driver, log, null, null);

        var starts = new List<CallStats>();
        var steps = Enumerable.Range(0, Models.CommandsPerInstance - 1).Select(_ => new List<CallStats>()).ToList();
        IReadOnlyList<string> startCommands = [];
        var stepCommands = new List<IReadOnlyList<string>>();
        var startSql = new List<string>();
        var completeSql = new List<string>();
        for (var i = 0; i < options.Instances; i++)
        {
            var example = i == options.Instances - 1;
            var (start, completes) = await RunOneAsync(driver, log,
                example ? c => { startCommands = c; startSql.AddRange(log.CommandTexts); } : null,
                example ? c => { if (stepCommands.Count == 1) completeSql.AddRange(log.CommandTexts); stepCommands.Add(c); } : null);
            starts.Add(start);
            for (var s = 0; s < completes.Count; s++)
                steps[s].Add(completes[s]);
        }
        var result = new RoundTripResult(name, options.Instances, CallStats.Average(starts),
            CallStats.Average([.. steps.SelectMany(s => s)]), [.. steps.Select(CallStats.Average)], startCommands, stepCommands,
            EngineOnly.MicrosecondsPerCommand(options.Quick ? 1 : 3), startSql, completeSql);
        Console.WriteLine($"[roundtrips] {name}: start {Format(result.Start)}; complete {Format(result.Complete)} (lookups by query: {driver.LookupQueries})");
        Console.WriteLine($"  engine alone (state JSON in, execute, state JSON out): {result.EngineMicroseconds:0} µs CPU per command");
        Console.WriteLine($"  start:      {string.Join(" | ", result.StartCommands)}");
        for (var s = 0; s < result.StepCommands.Count; s++)
            Console.WriteLine($"  complete {s + 1}: {string.Join(" | ", result.StepCommands[s])}");
        return result;
    }

    public static string Format(CallStats stats) =>
        $"{stats.Commands:0.##} commands ({stats.Statements:0.##} statements), {stats.Begins:0.##} begin, {stats.Commits:0.##} commit, {stats.Opens:0.##} connection opens; " +
        $"{stats.WallMs:0.00} ms, of which commands {stats.CommandMs:0.00} ms, commit {stats.CommitMs:0.00} ms";

    private static async Task<(CallStats Start, List<CallStats> Completes)> RunOneAsync(
        ApprovalDriver driver, DbCallLog log, Action<IReadOnlyList<string>>? startExample, Action<IReadOnlyList<string>>? stepExample)
    {
        log.Clear();
        var began = System.Diagnostics.Stopwatch.GetTimestamp();
        var instanceId = await driver.StartAsync();
        var start = CallStats.Of(log, System.Diagnostics.Stopwatch.GetElapsedTime(began));
        startExample?.Invoke(Summarize(log));
        var completes = new List<CallStats>();
        for (var step = 1; step < Models.CommandsPerInstance; step++)
        {
            var taskId = await driver.OpenTaskAsync(instanceId) ?? throw new InvalidOperationException("no open task");
            log.Clear();
            began = System.Diagnostics.Stopwatch.GetTimestamp();
            await driver.CompleteAsync(taskId, step);
            completes.Add(CallStats.Of(log, System.Diagnostics.Stopwatch.GetElapsedTime(began)));
            stepExample?.Invoke(Summarize(log));
        }
        return (start, completes);
    }

    /// <summary>Each command as its statements, "[INSERT instance_events, UPDATE process_instances]" for a batch.</summary>
    private static List<string> Summarize(DbCallLog log)
    {
        var lines = new List<string>();
        foreach (var text in log.Sequence)
        {
            if (text is null)
                continue;
            if (text.StartsWith('#'))
            {
                lines.Add(text[1..]);
                continue;
            }
            var statements = DbCallLog.Describe(text).ToList();
            var grouped = statements.GroupBy(s => s).Select(g => g.Count() > 1 ? $"{g.Key} ×{g.Count()}" : g.Key).ToList();
            lines.Add(statements.Count > 1 ? $"[{string.Join(", ", grouped)}]" : grouped[0]);
        }
        return lines;
    }
}
