namespace G2G.Render.Benchmarks;

/// <summary>
/// The entry point (not top-level statements: those would declare a second <c>Program</c> beside the web host's,
/// which <see cref="BenchHost"/> names).
/// </summary>
internal static class RenderProgram
{
    public static Task<int> Main(string[] args) => BenchProgram.RunAsync(args, RenderOptions.Parse, o => o.Help, RenderOptions.Usage, o => RunAsync(o, args));

    private static async Task<int> RunAsync(RenderOptions options, string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var run = new RunOutput("g2g-render-", options.OutDirectory);
        var report = new Report { Arguments = string.Join(' ', args) };
        foreach (var (key, value) in Machine.Describe())
            report.Machine[key] = value;
        var data = InboxData.AroundNow(options.Tasks, options.Users);
        foreach (var (key, value) in data.Describe())
            report.Data[key] = value;
        await using var browser = await Browser.LaunchAsync();
        report.Machine["browser"] = $"Chromium {browser.Version} (headless, {Browser.ChromiumPath})";
        try
        {
            foreach (var provider in options.Providers)
                await RenderBenchmark.RunAsync(options, provider, run.Work, data, browser, report);
        }
        finally
        {
            await run.WriteAsync(report, report.Markdown());
        }

        run.Print(report.Markdown());
        return 0;
    }
}
