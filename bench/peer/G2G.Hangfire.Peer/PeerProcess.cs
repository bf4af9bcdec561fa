using System.Collections.Concurrent;
using System.Diagnostics;
using Npgsql;

namespace G2G.Hangfire.Peer;

/// <summary>A worker process of the driver (this program in <c>worker</c> mode); disposing kills it if it still runs.</summary>
internal sealed class PeerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private PeerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static PeerProcess Start(string scheduler, string name, string connectionString, int hangfireWorkers)
    {
        // Run as this program was run: its apphost, or dotnet with its assembly.
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(PeerProcess).Assembly.Location);
        foreach (var argument in new[] { "worker", scheduler, name, "--hangfire-workers", hangfireWorkers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);
        start.Environment["G2G_PEER_DB"] = connectionString;
        var process = new Process { StartInfo = start };
        var peer = new PeerProcess(name, process);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) peer._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) peer._output.Enqueue("[stderr] " + e.Data); };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return peer;
    }

    public async Task WaitForAsync(string line)
    {
        var watch = Stopwatch.StartNew();
        while (!_output.Any(l => l.StartsWith("@peer " + line, StringComparison.Ordinal)))
        {
            if (_process.HasExited || watch.Elapsed > TimeSpan.FromMinutes(2))
                throw new InvalidOperationException($"{Name} did not say '{line}'.\n{Output()}");
            await Task.Delay(50);
        }
    }

    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>SIGKILL, as <see cref="Process.Kill()"/> sends on Linux.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
    }

    /// <summary>Asks the worker to stop and waits for it; kills it after a minute.</summary>
    public async Task StopAsync()
    {
        await SendAsync("stop");
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException)
        {
            await KillAsync();
        }
    }

    /// <summary>Waits until the server has ended every session of this dead worker, so nothing it sent can still commit.</summary>
    public async Task WaitUntilSessionsEndedAsync(BenchDatabase database)
    {
        await using var connection = new NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", Name);
        var watch = Stopwatch.StartNew();
        while ((long)(await command.ExecuteScalarAsync())! > 0 && watch.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(20);
    }

    public string Output() => $"--- output of {Name} ---\n" + string.Join('\n', _output.TakeLast(40));

    /// <summary>Writes everything the worker printed to <paramref name="path"/>.</summary>
    public Task SaveOutputAsync(string path) => File.WriteAllLinesAsync(path, _output);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
            await KillAsync();
        _process.Dispose();
    }
}
