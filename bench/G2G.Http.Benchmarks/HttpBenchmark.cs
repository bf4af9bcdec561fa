using System.Diagnostics;

namespace G2G.Http.Benchmarks;

/// <summary>
/// One database's run: a fresh database with the data set and its organisation, ANALYZE, the web host on
/// Kestrel, the users signed in, then every series with the same clients.
/// </summary>
internal static class HttpBenchmark
{
    public const string SystemClient = "bench-system";

    public static async Task<List<SeriesResult>> RunAsync(HttpOptions options, string provider, string workDirectory, InboxData data, Report report)
    {
        await using var database = await VolumeDatabase.CreateAsync(provider, "http", workDirectory, data, Sessions.Password, "http");
        report.Databases[database.DisplayName] = await database.DescribeAsync();

        var secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        await using var host = new BenchHost(database.Settings, Path.Combine(workDirectory, provider), new Dictionary<string, string> { [SystemClient] = secret });
        host.Start();
        var sessions = new Sessions();
        sessions.AddToken(SystemClient, secret);
        var random = new Random(42);
        var randomUsers = Enumerable.Range(0, options.SignIns).Select(_ => data.User(random.Next(data.Users))).Distinct(StringComparer.Ordinal).ToList();
        var busyUsers = Enumerable.Range(0, options.SignIns / 5).Select(_ => data.User(random.Next(InboxData.BusyUsers))).Distinct(StringComparer.Ordinal).ToList();
        string[] others = [data.User(data.HeavyUser), Organisation.Administrator, .. Enumerable.Range(1, Organisation.Branches).Select(Organisation.Supervisor)];
        var began = Stopwatch.GetTimestamp();
        await sessions.SignInAsync(host.Address, [.. randomUsers, .. busyUsers, .. others]);
        Console.WriteLine($"  host on {host.Address}; {randomUsers.Count + busyUsers.Count + others.Length} users signed in in {Stopwatch.GetElapsedTime(began).TotalSeconds:0.0} s");

        var clients = Enumerable.Range(0, options.Clients).Select(_ => Client(host.Address)).ToList();
        try
        {
            var runner = new LoadRunner(host, sessions, clients, await ServerCpu.FindAsync(database), options);
            var results = new List<SeriesResult>();
            var driven = new List<Series>();
            foreach (var series in new SeriesCatalog(data, randomUsers, busyUsers, SystemClient).Endpoints())
            {
                if (options.SeriesFilter.Count > 0 && !options.SeriesFilter.Any(f => series.Name.Contains(f, StringComparison.OrdinalIgnoreCase)))
                    continue;
                var result = await runner.RunAsync(database.DisplayName, series, gate: true);
                results.Add(result);
                if (result.Driven)
                    driven.Add(series);
            }
            // The mix of the endpoints that could be driven: one too slow alone would swamp it.
            if (driven.Any(s => s.MixWeight > 0))
                results.Add(await runner.RunAsync(database.DisplayName, SeriesCatalog.Mix(driven), gate: false));
            return results;
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    /// <summary>One client: its own handler and keep-alive connection, no cookie jar (the credentials go in each request).</summary>
    private static HttpClient Client(Uri address) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        MaxConnectionsPerServer = 1,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    })
    {
        BaseAddress = address,
        Timeout = TimeSpan.FromMinutes(10),
    };
}
