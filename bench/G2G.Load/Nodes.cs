using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace G2G.Load;

/// <summary>
/// A G2G node the driver started: <c>dotnet G2G.Web.dll</c> as a process of its own on a free loopback port, its
/// console output in <c>node-N.log</c> of the run's folder, and the startup hook that counts its commits.
/// </summary>
internal sealed class Node : IAsyncDisposable
{
    private readonly Process _process;

    private Node(int number, Process process, Uri address, string log, string counters)
    {
        Number = number;
        _process = process;
        Address = address;
        Log = log;
        CounterFile = counters;
    }

    public int Number { get; }
    public Uri Address { get; }
    public int ProcessId => _process.Id;
    public string Log { get; }
    public string CounterFile { get; }

    /// <summary>
    /// Starts a node on <paramref name="database"/> and waits until <c>/health</c> answers (the first start migrates,
    /// deploys workflows/ and seeds the demo province, which takes a while on a busy machine).
    /// </summary>
    public static async Task<Node> StartAsync(int number, NodeSettings settings)
    {
        var port = FreePort();
        var address = new Uri($"http://127.0.0.1:{port}");
        var folder = Directory.CreateDirectory(Path.Combine(settings.Work, $"node-{number}")).FullName;
        var log = Path.Combine(settings.Work, $"node-{number}.log");
        var counters = Path.Combine(settings.Work, $"node-{number}.commits");
        var start = new ProcessStartInfo("dotnet", [settings.Web])
        {
            WorkingDirectory = folder, // the content root: App_Data of this node
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = address.ToString(),
            ["Database__Provider"] = settings.Database.IsPostgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings__G2G"] = settings.Database.Settings.ConnectionString,
            ["Demo__Seed"] = settings.Seed ? "true" : "false",
            ["Demo__Password"] = settings.Password,
            ["Runtime__WorkflowsPath"] = settings.Workflows,
            // Every person signs in from this one address, as an office behind one NAT address would (README, settings).
            ["Security__SignIn__PermitsPerMinute"] = "1000000",
            // Shared by the nodes: a session cookie of one is good on the other; one event-log key file, one file store.
            ["Security__DataProtectionKeysPath"] = Path.Combine(settings.Work, "keys"),
            ["Documents__FilesPath"] = Path.Combine(settings.Work, "documents"),
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__G2G"] = "Information",
            ["DOTNET_STARTUP_HOOKS"] = settings.Hook,
            [HookFile] = counters,
        };
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var node = new Node(number, process, address, log, counters);
        await node.WaitHealthyAsync(TimeSpan.FromMinutes(10));
        return node;
    }

    private const string HookFile = "G2G_LOAD_COUNTER_FILE";

    private async Task WaitHealthyAsync(TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var began = Stopwatch.StartNew();
        while (began.Elapsed < limit)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Node {Number} exited with code {_process.ExitCode}; its log {Log} ends:\n{Tail()}");
            try
            {
                using var response = await client.GetAsync("/health");
                if (response.IsSuccessStatusCode)
                    return;
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }
            await Task.Delay(500);
        }
        throw new TimeoutException($"Node {Number} was not healthy after {limit.TotalMinutes} min; its log {Log} ends:\n{Tail()}");
    }

    private string Tail() => File.Exists(Log) ? string.Join('\n', File.ReadLines(Log).TakeLast(20)) : "(no log)";

    /// <summary>Resident memory of the node's process, in MiB (VmRSS), or NaN where it cannot be read.</summary>
    public double RssMiB()
    {
        var status = $"/proc/{_process.Id}/status";
        if (!File.Exists(status))
            return double.NaN;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    /// <summary>CPU seconds the node's process used so far (user + system).</summary>
    public double CpuSeconds()
    {
        _process.Refresh();
        return _process.HasExited ? double.NaN : _process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>What the startup hook counted so far: transactions committed, rolled back, and commands run outside one.</summary>
    public (long Committed, long RolledBack, long Autocommitted) Commits()
    {
        var fields = File.Exists(CounterFile) ? File.ReadAllText(CounterFile).Split(' ', StringSplitOptions.RemoveEmptyEntries) : [];
        return fields.Length == 3
            ? (long.Parse(fields[0], CultureInfo.InvariantCulture), long.Parse(fields[1], CultureInfo.InvariantCulture), long.Parse(fields[2], CultureInfo.InvariantCulture))
            : (0, 0, 0);
    }

    /// <summary>Stops the node as an operator would (SIGTERM: the host shuts down gracefully), and kills it if it does not go.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>What every node of a run shares: the database, the folders, the program and the hook, the demo password.</summary>
internal sealed record NodeSettings(BenchDatabase Database, string Work, string Web, string Hook, string Workflows, string Password, bool Seed);
