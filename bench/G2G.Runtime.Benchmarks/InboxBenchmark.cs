using System.Diagnostics;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Benchmarks;

/// <summary>Latencies of one kind of inbox query.</summary>
internal sealed record InboxSeries(string Name, Percentiles Latency, double AverageRows, bool TimeBound);

internal sealed record InboxResult(
    string Database, double LoadSeconds, double AnalyzeSeconds, string Size, Dictionary<string, string> Data,
    List<InboxSeries> Series, Dictionary<string, string> Sql, Dictionary<string, List<string>> Plans, int HeavyFirstPageWithoutDue);

/// <summary>
/// The inbox at scale: loads the data set, ANALYZEs, shows the plans, then times the queries exactly as the
/// API writes them with EF LINQ, each in a fresh scope (one request): "my open tasks" for random, busy and
/// the heavy user, and "open tasks of my candidate groups" in two LINQ shapes.
/// </summary>
internal static class InboxBenchmark
{
    /// <summary>"My open tasks", first page of 50, by due date: the API's query.</summary>
    public static IQueryable<TaskRecord> MyOpenTasks(G2GDbContext db, string user) =>
        db.Set<TaskRecord>().AsNoTracking().Where(t => t.Assignee == user && t.State == TaskStates.Open).OrderBy(t => t.DueAt).Take(50);

    /// <summary>Open tasks offered to any of my groups, through the navigation (SQL: EXISTS).</summary>
    public static IQueryable<TaskRecord> GroupTasksExists(G2GDbContext db, string[] groups) =>
        db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.State == TaskStates.Open && t.Candidates.Any(c => c.Kind == CandidateKinds.Group && groups.Contains(c.Value)))
            .OrderBy(t => t.DueAt).Take(50);

    /// <summary>The same, starting from the candidates (SQL: id IN (SELECT task_id …)).</summary>
    public static IQueryable<TaskRecord> GroupTasksIn(G2GDbContext db, string[] groups) =>
        db.Set<TaskRecord>().AsNoTracking()
            .Where(t => t.State == TaskStates.Open && db.Set<TaskCandidateRecord>()
                .Where(c => c.Kind == CandidateKinds.Group && groups.Contains(c.Value)).Select(c => c.TaskId).Contains(t.Id))
            .OrderBy(t => t.DueAt).Take(50);

    public static async Task<InboxResult> RunAsync(BenchOptions options, string provider, string workDirectory, InboxData data)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, "inbox", workDirectory);
        Console.WriteLine($"[inbox] {database.DisplayName}: loading {data.Rows.Length:N0} tasks and {data.Candidates.Count:N0} candidates");
        var load = await data.LoadAsync(database);
        var began = Stopwatch.GetTimestamp();
        await InboxData.AnalyzeAsync(database);
        var analyze = Stopwatch.GetElapsedTime(began);
        var size = database.IsPostgres
            ? "tasks " + await database.ScalarAsync("SELECT pg_size_pretty(pg_total_relation_size('tasks'))") +
              ", task_candidates " + await database.ScalarAsync("SELECT pg_size_pretty(pg_total_relation_size('task_candidates'))") + " (with indexes)"
            : $"database file {new FileInfo(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Settings.ConnectionString).DataSource).Length / 1048576.0:0} MiB";
        Console.WriteLine($"  loaded in {load.TotalSeconds:0.0} s, ANALYZE {analyze.TotalSeconds:0.0} s, {size}");

        await using var host = new RuntimeHost(database.Settings);
        var random = new Random(7);
        string RandomUser() => data.User(random.Next(data.Users));
        string BusyUser() => data.User(random.Next(InboxData.BusyUsers));
        var heavy = data.User(data.HeavyUser);
        var busyExample = data.User(3);

        var sql = new Dictionary<string, string>(StringComparer.Ordinal);
        var plans = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var heavyWithoutDue = 0;
        await using (var scope = host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
            sql["my open tasks"] = MyOpenTasks(db, busyExample).ToQueryString();
            sql["group inbox (Any → EXISTS)"] = GroupTasksExists(db, data.GroupsOf(3)).ToQueryString();
            sql["group inbox (Contains → IN)"] = GroupTasksIn(db, data.GroupsOf(3)).ToQueryString();
            // Where tasks without a due date land: SQLite sorts NULL first in ascending order, PostgreSQL last.
            heavyWithoutDue = (await MyOpenTasks(db, heavy).ToListAsync()).Count(t => t.DueAt is null);
            plans["my open tasks, busy user"] = await ExplainAsync(db, MyOpenTasks(db, busyExample), database.IsPostgres);
            plans["my open tasks, heavy user"] = await ExplainAsync(db, MyOpenTasks(db, heavy), database.IsPostgres);
            plans["group inbox (Any → EXISTS)"] = await ExplainAsync(db, GroupTasksExists(db, data.GroupsOf(3)), database.IsPostgres);
            plans["group inbox (Contains → IN)"] = await ExplainAsync(db, GroupTasksIn(db, data.GroupsOf(3)), database.IsPostgres);
            plans["group inbox (Contains → IN), heavy group"] = await ExplainAsync(db, GroupTasksIn(db, data.GroupsOf(data.HeavyUser)), database.IsPostgres);
        }
        foreach (var (name, lines) in plans)
        {
            Console.WriteLine($"  plan, {name}:");
            foreach (var line in lines)
                Console.WriteLine($"    {line}");
        }

        // Warm-up: EF's query cache, the pool, the database's cache.
        await TimeAsync(host, 200, 10, db => MyOpenTasks(db, RandomUser()));
        var series = new List<InboxSeries>
        {
            await TimeAsync(host, options.Queries, 60, db => MyOpenTasks(db, RandomUser()), "my open tasks, random user"),
            await TimeAsync(host, Math.Max(100, options.Queries / 4), 30, db => MyOpenTasks(db, BusyUser()), "my open tasks, busy user"),
            await TimeAsync(host, Math.Max(50, options.Queries / 10), 30, db => MyOpenTasks(db, heavy), "my open tasks, heavy user (2,000 open)"),
            await TimeAsync(host, Math.Max(100, options.Queries / 2), 20, db => GroupTasksExists(db, data.GroupsOf(random.Next(data.Users))), "group inbox (Any → EXISTS), random user"),
            await TimeAsync(host, Math.Max(100, options.Queries / 2), 20, db => GroupTasksIn(db, data.GroupsOf(random.Next(data.Users))), "group inbox (Contains → IN), random user"),
            await TimeAsync(host, Math.Max(50, options.Queries / 10), 20, db => GroupTasksIn(db, data.GroupsOf(data.HeavyUser)), "group inbox (Contains → IN), heavy group (2,000 open)"),
        };
        foreach (var s in series)
        {
            Console.WriteLine($"  {s.Name,-52} n={s.Latency.Count,5}{(s.TimeBound ? "*" : " ")} rows {s.AverageRows,5:0.0}  " +
                $"p50 {s.Latency.P50,7:0.00} ms  p95 {s.Latency.P95,7:0.00} ms  p99 {s.Latency.P99,7:0.00} ms  max {s.Latency.Max,7:0.00} ms");
        }
        Console.WriteLine($"  first page of the heavy user: {heavyWithoutDue} of 50 tasks without a due date");
        return new InboxResult(database.DisplayName, load.TotalSeconds, analyze.TotalSeconds, size, data.Describe(), series, sql, plans, heavyWithoutDue);
    }

    /// <summary>Runs up to <paramref name="count"/> queries, each in its own scope, stopping early after <paramref name="maxSeconds"/>.</summary>
    private static async Task<InboxSeries> TimeAsync(RuntimeHost host, int count, double maxSeconds, Func<G2GDbContext, IQueryable<TaskRecord>> query, string name = "warm-up")
    {
        var latencies = new List<double>(count);
        long rows = 0;
        var deadline = Stopwatch.GetTimestamp() + (long)(maxSeconds * Stopwatch.Frequency);
        var timeBound = false;
        for (var i = 0; i < count; i++)
        {
            if (Stopwatch.GetTimestamp() > deadline)
            {
                timeBound = true;
                break;
            }
            await using var scope = host.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<G2GDbContext>();
            var q = query(db);
            var began = Stopwatch.GetTimestamp();
            var page = await q.ToListAsync();
            latencies.Add(Stopwatch.GetElapsedTime(began).TotalMilliseconds);
            rows += page.Count;
        }
        return new InboxSeries(name, Percentiles.Of(latencies), latencies.Count == 0 ? 0 : rows / (double)latencies.Count, timeBound);
    }

    /// <summary>The plan of the query's own SQL and parameters: EXPLAIN (ANALYZE, BUFFERS) on PostgreSQL, EXPLAIN QUERY PLAN on SQLite.</summary>
    private static async Task<List<string>> ExplainAsync(G2GDbContext db, IQueryable<TaskRecord> query, bool postgres)
    {
        await db.Database.OpenConnectionAsync();
        try
        {
            await using var command = query.CreateDbCommand();
            command.CommandText = (postgres ? "EXPLAIN (ANALYZE, BUFFERS) " : "EXPLAIN QUERY PLAN ") + command.CommandText;
            await using var reader = await command.ExecuteReaderAsync();
            var lines = new List<string>();
            var depth = new Dictionary<long, int>();
            while (await reader.ReadAsync())
            {
                if (postgres)
                {
                    lines.Add(reader.GetString(0));
                    continue;
                }
                // SQLite: id, parent, notused, detail; indent by the parent chain.
                var id = reader.GetInt64(0);
                var parent = reader.GetInt64(1);
                var level = depth.TryGetValue(parent, out var d) ? d + 1 : 0;
                depth[id] = level;
                lines.Add(new string(' ', 2 * level) + reader.GetString(3));
            }
            return lines;
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
