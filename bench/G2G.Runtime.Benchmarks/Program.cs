using G2G.Runtime.Benchmarks;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (Exception failure) when (failure is ArgumentException or FormatException)
{
    Console.Error.WriteLine(failure.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
if (options.Mode is "help" or not ("throughput" or "roundtrips" or "inbox" or "all" or "info"))
{
    Console.WriteLine(BenchOptions.Usage);
    return options.Mode == "help" ? 0 : 2;
}

// SQLite's provider blocks a thread per call and PostgreSQL's workers wait on I/O: give every worker a thread at once
// instead of waiting for the pool to grow.
ThreadPool.SetMinThreads(16, 16);
Console.OutputEncoding = System.Text.Encoding.UTF8;

var run = new RunOutput("g2g-rbench-", options.OutDirectory);
var work = run.Work;
var report = new Report { Arguments = string.Join(' ', new[] { options.Mode }.Concat(args.Skip(args.Length > 0 && !args[0].StartsWith("--", StringComparison.Ordinal) ? 1 : 0))) };
foreach (var (key, value) in Machine.Describe())
    report.Machine[key] = value;
try
{
    foreach (var provider in options.Providers)
    {
        await using var database = await BenchDatabase.CreateAsync(provider, "info", work);
        report.Databases[database.DisplayName] = await database.DescribeAsync();
        Console.WriteLine($"[info] {database.DisplayName}: {string.Join(", ", report.Databases[database.DisplayName].Select(f => $"{f.Key}={f.Value}"))}");
    }
    Console.WriteLine($"[info] {string.Join(", ", report.Machine.Select(f => $"{f.Key}={f.Value}"))}");

    if (options.Mode is "throughput" or "all")
    {
        foreach (var provider in options.Providers)
            report.Throughput.AddRange(await ThroughputBenchmark.RunAsync(options, provider, work));
    }
    if (options.Mode is "roundtrips" or "all")
    {
        foreach (var provider in options.Providers)
            report.RoundTrips.Add(await RoundTripBenchmark.RunAsync(options, provider, work));
    }
    if (options.Mode is "inbox" or "all")
    {
        var data = new InboxData(options.Tasks, options.Users);
        foreach (var provider in options.Providers)
            report.Inbox.Add(await InboxBenchmark.RunAsync(options, provider, work, data));
    }
}
finally
{
    await run.WriteAsync(report, report.Markdown());
}

run.Print(report.Markdown());
return 0;
