namespace G2G.Load;

internal static class LoadProgram
{
    public static async Task<int> Main(string[] args)
    {
        LoadOptions options;
        try
        {
            options = LoadOptions.Parse(args);
        }
        catch (Exception failure) when (failure is ArgumentException or FormatException or UriFormatException)
        {
            Console.Error.WriteLine(failure.Message);
            Console.Error.WriteLine(LoadOptions.Usage);
            return 2;
        }
        if (options.Help)
        {
            Console.WriteLine(LoadOptions.Usage);
            return 0;
        }
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        ThreadPool.SetMinThreads(64, 64);

        var run = new RunOutput("g2g-load-", options.OutDirectory);
        var report = new Report { Arguments = string.Join(' ', args) };
        foreach (var (key, value) in Machine.Describe())
            report.Machine[key] = value;
        report.Machine["load average at start"] = Snapshot.MachineLoad();
        await using var recorder = new Recorder(options.Record);
        try
        {
            foreach (var config in options.Urls.Count > 0 ? ["given nodes"] : options.Configs)
            {
                Console.WriteLine($"[load] {config}");
                report.Results.Add(await LoadRun.RunAsync(config, options, run.Work, recorder));
            }
        }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException or FileNotFoundException)
        {
            // A node that did not start, nobody signed in, the web host not built: said in one message, with the node's log.
            Console.Error.WriteLine(failure.Message);
            return 1;
        }
        finally
        {
            await run.WriteAsync(report, report.Markdown());
        }
        run.Print(report.Markdown());
        return 0;
    }
}
