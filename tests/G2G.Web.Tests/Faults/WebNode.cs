using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using G2G.Runtime.Tests.Infrastructure;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// One G2G node as its own process — the built host (G2G.Web.dll beside this test assembly) on a loopback port, as an
/// operator runs it — so a test can run two on one database and kill one with SIGKILL. Disposing kills it if it still runs.
/// </summary>
internal sealed class WebNode : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebNode(string name, int port, Process process)
    {
        Name = name;
        Address = new Uri($"http://127.0.0.1:{port}");
        _process = process;
    }

    public string Name { get; }

    public Uri Address { get; }

    public static WebNode Start(string name, TestDatabase database, IReadOnlyDictionary<string, string> settings)
    {
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "G2G.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Database__Provider"] = database.Settings.Provider.ToString();
        start.Environment["ConnectionStrings__G2G"] = database.Settings.ConnectionString;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Runtime__NodeName"] = name;
        start.Environment[TestEventLogKeys.Setting.Replace(":", "__", StringComparison.Ordinal)] = TestEventLogKeys.Key;
        foreach (var (key, value) in settings)
            start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        var node = new WebNode(name, port, process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) node._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) node._output.Enqueue(e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return node;
    }

    /// <summary>Waits until <c>/health</c> answers 200 (start-up is slow on a busy machine).</summary>
    public async Task WaitUntilHealthyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var watch = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"Node {Name} exited with {_process.ExitCode} while starting.\n{Output()}");
            try
            {
                using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                    return;
            }
            catch (Exception failure) when (failure is HttpRequestException or TaskCanceledException)
            {
                // not listening yet
            }
            if (watch.Elapsed > TimeSpan.FromMinutes(3))
                throw new TimeoutException($"Node {Name} did not become healthy within 3 minutes.\n{Output()}");
            await Task.Delay(250);
        }
    }

    /// <summary>SIGKILL, what <see cref="Process.Kill()"/> sends on Linux.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    public string Output() => $"--- last lines of node {Name} ---\n" + string.Join('\n', _output.TakeLast(30));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }
}
