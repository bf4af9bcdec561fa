using System.Diagnostics;
using Microsoft.Playwright;
using G2G.Runtime.Security;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Render.Benchmarks;

/// <summary>What one page measured on one database: the browser's opens, the REST baseline and the in-process data load, in milliseconds.</summary>
internal sealed record PageResult(
    string Database, string Page, Percentiles Ready, Percentiles FirstByte, Percentiles Interactive, double HostCpuMsPerOpen, double ServerCpuMsPerOpen,
    Percentiles Rest, Percentiles Data, int Failures, string? FirstFailure, PageCommands Commands);

/// <summary>
/// One database's run: a fresh database with the inbox data set and its organisation, ANALYZE, the web host on Kestrel, the users
/// signed in through the API; then each page opened in Chromium, its data fetched over REST and loaded in-process, alternating
/// round by round so the machine's drift hits all three alike; then the memory of open circuits.
/// </summary>
internal static class RenderBenchmark
{
    private static readonly TimeSpan PageTimeout = TimeSpan.FromMinutes(2);

    public static async Task RunAsync(RenderOptions options, string provider, string workDirectory, InboxData data, Browser browser, Report report)
    {
        await using var database = await VolumeDatabase.CreateAsync(provider, "render", workDirectory, data, Sessions.Password, "render");
        report.Databases[database.DisplayName] = await database.DescribeAsync();

        await using var host = new RenderHost(database.Settings, Path.Combine(workDirectory, provider));
        host.Start();
        var busy = PageCatalog.BusyUsersWithWork(data);
        if (busy.Count < options.Circuits)
            throw new InvalidOperationException($"Only {busy.Count} busy users have open work; --circuits {options.Circuits} needs as many.");
        var sessions = new Sessions();
        string[] others = [data.User(data.HeavyUser), Organisation.Administrator, .. Enumerable.Range(1, Organisation.Branches).Select(Organisation.Supervisor)];
        await sessions.SignInAsync(host.Address, [.. busy.Take(Math.Max(options.Circuits, 50)), .. others]);
        Console.WriteLine($"  host on {host.Address}; users signed in");
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = host.Address, Timeout = PageTimeout };
        var server = await ServerCpu.FindAsync(database);

        var random = new Random(42);
        foreach (var series in PageCatalog.All(data, busy.Take(50).ToList()))
        {
            if (options.SeriesFilter is { } filter && !series.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                continue;
            var result = await MeasureAsync(database.DisplayName, series, options.Rounds, host, browser, sessions, http, server, random);
            report.Pages.Add(result);
            Console.WriteLine($"  {series.Name}: ready p50 {result.Ready.P50:0} ms (prerender first byte {result.FirstByte.P50:0}, interactive {result.Interactive.P50:0}), " +
                $"REST {result.Rest.P50:0} ms, in-process data {result.Data.P50:0} ms{(result.Failures > 0 ? $", {result.Failures} failed" : "")}");
        }

        report.Memory.Add(await CircuitMemory.MeasureAsync(database.DisplayName, options, host, browser, sessions, busy.Take(options.Circuits).ToList()));
    }

    /// <summary>One unmeasured warm-up of each side, then <paramref name="rounds"/> rounds of page, REST and data in rotating order.</summary>
    private static async Task<PageResult> MeasureAsync(string database, PageSeries series, int rounds, RenderHost host, Browser browser,
        Sessions sessions, HttpClient http, ServerCpu? server, Random random)
    {
        List<PageTiming> pages = [];
        List<double> rest = [], data = [], hostCpu = [], serverCpu = [];
        var failures = 0;
        string? firstFailure = null;
        var commands = PageCommands.None;
        for (var round = -1; round < rounds; round++)
        {
            var user = series.User(random);
            Func<Task>[] sides =
            [
                async () =>
                {
                    var cpu = Cpu(server);
                    IBrowserContext context = null!;
                    var timing = default(PageTiming);
                    Func<Task> open = async () => (context, timing) = await browser.OpenAsync(host.Address, sessions.HeaderFor(user).Value, series.Path, series.Ready, PageTimeout);
                    if (round == 0)
                        commands = PageCommands.Of(await host.Commands.RecordAsync(open)); // the first measured open: its SQL, for where the time goes
                    else
                        await open();
                    var after = Cpu(server);
                    await context.CloseAsync();
                    if (round < 0)
                        return;
                    pages.Add(timing);
                    hostCpu.Add(after.Host - cpu.Host);
                    serverCpu.Add(after.Server - cpu.Server);
                },
                async () =>
                {
                    var ms = await RestAsync(http, sessions.HeaderFor(user), series.Rest);
                    if (round >= 0)
                        rest.Add(ms);
                },
                async () =>
                {
                    var ms = await DataAsync(host.Services, user, series.Data);
                    if (round >= 0)
                        data.Add(ms);
                },
            ];
            for (var i = 0; i < sides.Length; i++)
            {
                try
                {
                    await sides[(i + Math.Max(round, 0)) % sides.Length]();
                }
                catch (Exception failure)
                {
                    failures++;
                    firstFailure ??= $"{failure.GetType().Name}: {Browser.Describe(failure)}";
                    Console.WriteLine($"    failed ({series.Name}, {user}): {firstFailure}");
                }
            }
        }
        return new PageResult(database, series.Name, Percentiles.Of(pages.Select(p => p.Ready)), Percentiles.Of(pages.Select(p => p.FirstByte)),
            Percentiles.Of(pages.Select(p => p.Interactive)), Average(hostCpu), Average(serverCpu), Percentiles.Of(rest), Percentiles.Of(data), failures, firstFailure, commands);
    }

    /// <summary>The page's data over the API, one request after the other as one client would fetch it; any non-2xx answer fails.</summary>
    private static async Task<double> RestAsync(HttpClient http, (string Name, string Value) credentials, IReadOnlyList<string> paths)
    {
        var began = Stopwatch.GetTimestamp();
        foreach (var path in paths)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add(credentials.Name, credentials.Value);
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(body)}");
        }
        return Stopwatch.GetElapsedTime(began).TotalMilliseconds;
    }

    /// <summary>
    /// The components' service calls in a fresh scope of the host (its DbContext configuration and pool), with the caller the
    /// circuit would set (<c>CircuitCallers</c>): the server's data work for the page, without rendering.
    /// </summary>
    private static async Task<double> DataAsync(IServiceProvider host, string user, Func<IServiceProvider, Caller, Task> load)
    {
        await using var scope = host.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var caller = await services.GetRequiredService<CallerDirectory>().FindAsync(user) ?? throw new InvalidOperationException($"No caller {user}.");
        services.GetRequiredService<CallerContext>().Current = caller;
        var began = Stopwatch.GetTimestamp();
        await load(services, caller);
        return Stopwatch.GetElapsedTime(began).TotalMilliseconds;
    }

    /// <summary>CPU milliseconds of this process (the host, and Playwright's client) and of the PostgreSQL cluster (NaN without one).</summary>
    private static (double Host, double Server) Cpu(ServerCpu? server)
    {
        using var process = Process.GetCurrentProcess();
        return (process.TotalProcessorTime.TotalMilliseconds, server?.Milliseconds() ?? double.NaN);
    }

    private static double Average(List<double> values) => values.Count == 0 ? double.NaN : values.Average();
}
