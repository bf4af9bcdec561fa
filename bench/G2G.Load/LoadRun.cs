using System.Diagnostics;
using System.Text.Json.Nodes;
using G2G.Runtime.Organisation;
using Npgsql;

namespace G2G.Load;

/// <summary>What one configuration measured.</summary>
internal sealed record RunResult(
    string Config, int Nodes, int People, double Seconds, Dictionary<string, Percentiles> Operations, Dictionary<string, long> Errors,
    Dictionary<string, string> ErrorExamples, double RequestsPerSecond, double WritesPerSecond, double? PostgresCommitsPerSecond,
    double EfCommitsPerSecond, double EfAutocommitsPerSecond, double NodeCpuPerSecond, List<double> RssStartMiB, List<double> RssEndMiB,
    string LoadAverageStart, string LoadAverageEnd, Dictionary<string, long> Rerouted);

/// <summary>
/// One configuration's run: a fresh database, its nodes started (the first seeds the demo province; the second starts
/// once the first is healthy), the people signed in, the warm-up, then the measured window with the database's commit
/// counters, the nodes' CPU and memory read at its two ends. Nodes given with <c>--url</c> are driven as they are.
/// </summary>
internal static class LoadRun
{
    public static readonly string[] Writes = ["start", "claim", "complete", "send-back"];

    public static async Task<RunResult> RunAsync(string config, LoadOptions options, string work, Recorder recorder)
    {
        var password = options.Password ?? "Load-" + Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(6));
        var data = options.Volume ? Volume.Data(options, Volume.Now()) : null;
        BenchDatabase? database = null;
        var nodes = new List<Node>();
        try
        {
            List<Uri> addresses;
            string? commitsOf = options.Database;
            if (options.Urls.Count > 0)
            {
                addresses = options.Urls;
            }
            else
            {
                database = await BenchDatabase.CreateAsync(config == "sqlite" ? "sqlite" : "postgres", (options.Volume ? "volume_" : "load_") + config.Replace('-', '_'), work);
                commitsOf = database.IsPostgres ? database.Settings.ConnectionString : null;
                if (data is not null)
                    await Volume.LoadAsync(database, data, password);
                var settings = new NodeSettings(database, Path.Combine(work, config), WebDll(options), HookDll(), Workflows(), password, Seed: data is null);
                Directory.CreateDirectory(settings.Work);
                var began = Stopwatch.GetTimestamp();
                for (var n = 1; n <= (config == "postgres-x2" ? 2 : 1); n++)
                {
                    nodes.Add(await Node.StartAsync(n, settings));
                    Console.WriteLine($"  node {n} (pid {nodes[^1].ProcessId}) on {nodes[^1].Address}, healthy after {Stopwatch.GetElapsedTime(began).TotalSeconds:0} s; log {nodes[^1].Log}");
                }
                addresses = [.. nodes.Select(n => n.Address)];
            }

            var measure = new Measure();
            using var api = new Api(addresses, measure);
            var people = data is null ? DemoPeople() : Volume.People(data, options.Users);
            var sessions = new List<Session>();
            foreach (var chunk in Enumerable.Range(0, options.Users).Chunk(8))
            {
                var signedIn = await Task.WhenAll(chunk.Select(i => api.SignInAsync(people[i % people.Count], password)));
                sessions.AddRange(signedIn.OfType<Session>());
            }
            Console.WriteLine($"  {sessions.Count} people signed in ({people.Distinct().Count()} users); warm-up {options.Warmup} s, then {options.Seconds} s measured");
            if (sessions.Count == 0)
                throw new InvalidOperationException("Nobody could sign in.");

            var running = data is null
                ? new Province(api, measure, recorder, options, sessions).RunAsync()
                : new Volume(api, measure, options, sessions).RunAsync();
            await Task.Delay(TimeSpan.FromSeconds(options.Warmup));
            var before = await Snapshot.TakeAsync(nodes, commitsOf);
            measure.Open(options.Seconds);
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds));
            var after = await Snapshot.TakeAsync(nodes, commitsOf);
            await running;

            var operations = measure.Latencies();
            var seconds = (after.At - before.At).TotalSeconds;
            return new RunResult(config, addresses.Count, sessions.Count, seconds, operations, measure.Errors(), measure.Examples(),
                operations.Values.Sum(p => p.Count) / seconds,
                operations.Where(o => Writes.Contains(o.Key)).Sum(o => o.Value.Count) / seconds,
                after.PostgresCommits - before.PostgresCommits is { } commits ? commits / seconds : null,
                (after.EfCommitted - before.EfCommitted) / seconds, (after.EfAutocommitted - before.EfAutocommitted) / seconds,
                (after.NodeCpu - before.NodeCpu) / seconds, before.Rss, after.Rss, before.LoadAverage, after.LoadAverage, measure.Rerouted());
        }
        finally
        {
            foreach (var node in nodes)
                await node.DisposeAsync();
            if (database is not null)
                await database.DisposeAsync();
        }
    }

    /// <summary>The demo province's users (OrganisationSeed, as the first start imports it).</summary>
    public static List<string> DemoPeople() =>
        [.. JsonNode.Parse(OrganisationSeed.DemoProvince())!["users"]!.AsArray().Select(u => u!["id"]!.GetValue<string>())];

    private static string Repository([System.Runtime.CompilerServices.CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", ".."));

    private static string Workflows() => Path.Combine(Repository(), "workflows");

    private static string WebDll(LoadOptions options)
    {
        var web = options.Web ?? Path.Combine(Repository(), "src", "G2G.Web", "bin", "Release", "net10.0", "G2G.Web.dll");
        return File.Exists(web) ? web : throw new FileNotFoundException($"{web} is not built: dotnet build src/G2G.Web -c Release (bench/load/run.sh does).");
    }

    private static string HookDll() => Path.Combine(AppContext.BaseDirectory, "G2G.Load.Hook.dll");
}

/// <summary>The counters at one end of the measured window.</summary>
internal sealed record Snapshot(DateTime At, long? PostgresCommits, long EfCommitted, long EfAutocommitted, double NodeCpu, List<double> Rss, string LoadAverage)
{
    public static async Task<Snapshot> TakeAsync(IReadOnlyList<Node> nodes, string? postgres)
    {
        long? commits = null;
        if (postgres is not null)
        {
            // Not pooled: the database is dropped after its run, and a pooled connection to it would be dead.
            await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgres) { Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()", connection);
            commits = (long)(await command.ExecuteScalarAsync())!;
        }
        var counted = nodes.Select(n => n.Commits()).ToList();
        return new Snapshot(DateTime.UtcNow, commits, counted.Sum(c => c.Committed), counted.Sum(c => c.Autocommitted),
            nodes.Sum(n => n.CpuSeconds()), [.. nodes.Select(n => n.RssMiB())], MachineLoad());
    }

    /// <summary>The machine's 1, 5 and 15 minute load averages (/proc/loadavg).</summary>
    public static string MachineLoad() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
