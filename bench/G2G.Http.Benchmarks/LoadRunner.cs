using System.Diagnostics;
using G2G.Runtime.Security;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Http.Benchmarks;

/// <summary>One request made alone over HTTP: its time and the SQL commands the host ran for it ("Executed DbCommand (N ms)" …).</summary>
internal sealed record RequestProfile(string Url, double Milliseconds, List<string> Commands);

/// <summary>
/// A series' result: one request alone, profiled, then (unless that alone was too slow to drive with every client)
/// the HTTP side, the in-process side and their ratio.
/// </summary>
internal sealed record SeriesResult(string Database, string Series, RequestProfile Profile, SideSummary? Http = null, SideSummary? InProcess = null)
{
    public bool Driven => Http is not null && InProcess is not null;

    /// <summary>HTTP p50 ÷ in-process p50; null when not driven.</summary>
    public double? P50Ratio => Driven ? Http!.Latency.P50 / InProcess!.Latency.P50 : null;

    /// <summary>HTTP p95 ÷ in-process p95; null when not driven.</summary>
    public double? P95Ratio => Driven ? Http!.Latency.P95 / InProcess!.Latency.P95 : null;
}

/// <summary>
/// Drives a series with as many concurrent clients as there are HTTP clients: over HTTP (each client its own
/// keep-alive connection, with its user's session cookie or token) and in-process (each call in a fresh DI scope
/// of the host, the caller built by the host's CallerDirectory as the middleware builds it, then the same query
/// service the endpoint calls; no HTTP, no authentication, no JSON). After an unmeasured warm-up of both, the
/// measured time is cut into rounds, the two sides alternating (and which goes first), so a shared machine's
/// drift hits both. A series whose request alone takes longer than <c>--max-alone</c> is not driven: with every
/// client on two cores each request would take about clients ÷ 2 times as long, and the run would not end in time.
/// </summary>
internal sealed class LoadRunner(BenchHost host, Sessions sessions, IReadOnlyList<HttpClient> clients, ServerCpu? server, HttpOptions options)
{
    public async Task<SeriesResult> RunAsync(string database, Series series, bool gate)
    {
        var profile = await ProfileAsync(series);
        if (gate && profile.Milliseconds > options.MaxAloneMs)
        {
            Console.WriteLine($"  {series.Name,-46} alone {profile.Milliseconds:0} ms > {options.MaxAloneMs} ms: not driven with {clients.Count} clients");
            return new SeriesResult(database, series.Name, profile);
        }
        var http = new Side("HTTP");
        var inProcess = new Side("in-process");
        await Timed.RunAsync(clients.Count, options.Warmup, (w, running) => HttpAsync(series, w, running, null, -1));
        await Timed.RunAsync(clients.Count, options.Warmup, (w, running) => InProcessAsync(series, w, running, null, -1));
        for (var round = 0; round < options.Rounds; round++)
        {
            var r = round;
            foreach (var httpTurn in round % 2 == 0 ? new[] { true, false } : [false, true])
            {
                var side = httpTurn ? http : inProcess;
                side.Add(await Timed.RunAsync(clients.Count, options.Seconds,
                    (w, running) => httpTurn ? HttpAsync(series, w, running, side, r) : InProcessAsync(series, w, running, side, r), server));
            }
        }
        var result = new SeriesResult(database, series.Name, profile, http.Summarise(), inProcess.Summarise());
        Console.WriteLine($"  {series.Name,-46} HTTP {Line(result.Http!)} | in-process {Line(result.InProcess!)} | p95 ×{result.P95Ratio:0.0}");
        return result;
    }

    private static string Line(SideSummary s) =>
        $"n={s.Requests,6} err={s.Errors} {s.PerSecond,7:0.0}/s p50 {s.Latency.P50,7:0.0} p95 {s.Latency.P95,7:0.0} p99 {s.Latency.P99,7:0.0} max {s.Latency.Max,7:0.0} ms";

    /// <summary>
    /// One request of the series alone (nothing else running), with the SQL it caused: the fastest of three tries of
    /// the same call (the first warms up), so a pause of the shared machine or a collection does not stand for the request.
    /// </summary>
    private async Task<RequestProfile> ProfileAsync(Series series)
    {
        var call = series.Next(Seeded(series, 0, -2));
        var side = new Side("profile");
        RequestProfile? fastest = null;
        for (var i = 0; i < 3; i++)
        {
            var began = Stopwatch.GetTimestamp();
            var commands = await host.Commands.RecordAsync(() => HttpAsync(call, clients[0], side));
            var profile = new RequestProfile(call.Url, Stopwatch.GetElapsedTime(began).TotalMilliseconds, commands);
            if (fastest is null || profile.Milliseconds < fastest.Milliseconds)
                fastest = profile;
        }
        return fastest!;
    }

    /// <summary>One client's loop over HTTP.</summary>
    private async Task<long> HttpAsync(Series series, int worker, Func<bool> running, Side? side, int round)
    {
        var random = Seeded(series, worker, round);
        var client = clients[worker];
        long count = 0;
        while (running())
        {
            await HttpAsync(series.Next(random), client, side);
            count++;
        }
        return count;
    }

    /// <summary>One request; the latency runs from sending it to the last byte of the answer.</summary>
    private async Task HttpAsync(Call call, HttpClient client, Side? side)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, call.Url);
        var (header, value) = sessions.HeaderFor(call.User);
        request.Headers.TryAddWithoutValidation(header, value);
        var began = Stopwatch.GetTimestamp();
        string? failure = null;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            if (response.IsSuccessStatusCode)
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
            else
                failure = $"{(int)response.StatusCode} GET {call.Url} as {call.User}: {Shorten(await response.Content.ReadAsStringAsync())}";
        }
        catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
        {
            failure = $"GET {call.Url} as {call.User}: {error.GetType().Name}: {error.Message}";
        }
        side?.Record(call.Kind, Stopwatch.GetElapsedTime(began).TotalMilliseconds, failure);
    }

    /// <summary>One client's loop in-process.</summary>
    private async Task<long> InProcessAsync(Series series, int worker, Func<bool> running, Side? side, int round)
    {
        var random = Seeded(series, worker, round);
        long count = 0;
        while (running())
        {
            await InProcessAsync(series.Next(random), side);
            count++;
        }
        return count;
    }

    /// <summary>One call in-process: a scope, as a request has, the caller as the middleware sets it, and the endpoint's query.</summary>
    private async Task InProcessAsync(Call call, Side? side)
    {
        var began = Stopwatch.GetTimestamp();
        string? failure = null;
        try
        {
            await using var scope = host.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var caller = call.System
                ? Caller.ForSystem(call.User)
                : await services.GetRequiredService<CallerDirectory>().FindAsync(call.User) ?? throw new InvalidOperationException($"No caller {call.User}.");
            services.GetRequiredService<CallerContext>().Current = caller;
            await call.InProcess(services, caller);
        }
        catch (Exception error)
        {
            failure = $"{call.Kind} as {call.User}: {error.GetType().Name}: {Shorten(error.Message)}";
        }
        side?.Record(call.Kind, Stopwatch.GetElapsedTime(began).TotalMilliseconds, failure);
    }

    /// <summary>The same choices of users in every run: a seed from the series name (not string.GetHashCode, which varies per process), client and round.</summary>
    private static Random Seeded(Series series, int worker, int round) =>
        new(series.Name.Aggregate(17, (hash, c) => unchecked(hash * 31 + c)) ^ (worker * 7919) ^ (round * 104729));

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + " …";
}
