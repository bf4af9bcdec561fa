namespace G2G.Http.Benchmarks;

/// <summary>
/// The entry point (not top-level statements: those would declare a second <c>Program</c> beside the web host's,
/// which <see cref="BenchHost"/> names).
/// </summary>
internal static class HttpProgram
{
    public static Task<int> Main(string[] args) => BenchProgram.RunAsync(args, HttpOptions.Parse, o => o.Help, HttpOptions.Usage, o => RunAsync(o, args));

    private static async Task<int> RunAsync(HttpOptions options, string[] args)
    {
        // Clients and server share this process and its thread pool, and SQLite's provider blocks a thread per call:
        // start with a thread for every client on both sides instead of waiting for the pool to grow.
        ThreadPool.SetMinThreads(2 * options.Clients + 16, 2 * options.Clients + 16);
        Console.OutputEncoding = System.Text.Encoding.UTF8;

        var run = new RunOutput("g2g-hbench-", options.OutDirectory);
        var report = new Report { Arguments = string.Join(' ', args) };
        foreach (var (key, value) in Machine.Describe())
            report.Machine[key] = value;
        var data = InboxData.AroundNow(options.Tasks, options.Users);
        foreach (var (key, value) in data.Describe())
            report.Data[key] = value;
        try
        {
            foreach (var provider in options.Providers)
                report.Results.AddRange(await HttpBenchmark.RunAsync(options, provider, run.Work, data, report));
        }
        finally
        {
            await run.WriteAsync(report, report.Markdown());
        }

        run.Print(report.Markdown());
        return 0;
    }
}
