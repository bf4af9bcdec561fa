using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using G2G.Runtime.Tests.Infrastructure;

namespace G2G.Runtime.Tests.Reliability;

/// <summary>
/// One G2G.Runtime.Worker process (tests/G2G.Runtime.Worker), run with <c>dotnet</c> on a test database. Its
/// <c>@worker</c> lines are collected as they arrive; the rest of its output is kept for failure messages. Disposing
/// kills it if it still runs, so no worker outlives its test.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private const string Marker = "@worker ";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _log = new();
    private readonly TaskCompletionSource _outputClosed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The worker's assembly, where the build of this test project's configuration puts it.</summary>
    public static string AssemblyPath =>
        typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "G2G.Runtime.Worker").Value!;

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>The worker's <c>@worker</c> lines so far, without the marker, in order.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>The worker's log lines of level warning or worse (the runtime logs a failed job or poll that way).</summary>
    public IReadOnlyList<string> Warnings =>
        [.. _log.Where(l => l.StartsWith("warn:", StringComparison.Ordinal) || l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal))];

    /// <summary>
    /// Starts the worker in <paramref name="mode"/> on <paramref name="database"/>. <paramref name="settings"/> are passed
    /// as environment variables (<c>Runtime__NodeName</c> …), <paramref name="arguments"/> on the command line.
    /// </summary>
    public static WorkerProcess Start(string name, TestDatabase database, string mode, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var assembly = AssemblyPath;
        if (!File.Exists(assembly))
            throw new InvalidOperationException($"The worker is not built at {assembly}; build the solution (dotnet build G2G.sln) or this test project.");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(assembly);
        start.ArgumentList.Add(mode);
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment[TestEventLogKeys.Setting.Replace(":", "__", StringComparison.Ordinal)] = TestEventLogKeys.Key;
        start.Environment["Database__Provider"] = database.Settings.Provider.ToString();
        start.Environment["ConnectionStrings__G2G"] = database.Settings.Provider == G2G.Runtime.Persistence.DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(database.Settings.ConnectionString) { ApplicationName = name }.ConnectionString // names its sessions
            : database.Settings.ConnectionString;
        foreach (var (key, value) in settings)
            start.Environment[key] = value;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(name, process);
        process.OutputDataReceived += (_, e) => worker.Receive(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => worker.Receive(e.Data, isError: true);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Writes one line to the worker's standard input (the <c>go</c> of <c>--wait-for-go</c>).</summary>
    public async Task SendAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line);
        await _process.StandardInput.FlushAsync();
    }

    /// <summary>Waits until a <c>@worker</c> line matches; fails with the worker's output if it exits first or time runs out.</summary>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var line = _lines.FirstOrDefault(match);
            if (line is not null)
                return line;
            if (_process.HasExited)
            {
                await _outputClosed.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
                line = _lines.FirstOrDefault(match);
                if (line is not null)
                    return line;
                throw new InvalidOperationException($"Worker {Name} exited with code {_process.ExitCode} before {what}.\n{Output()}");
            }
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"Worker {Name} did not report {what} within {timeout.TotalSeconds:0} s.\n{Output()}");
            await Task.Delay(50).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the process with SIGKILL (what <see cref="Process.Kill()"/> sends on Linux) and waits until it is gone.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }
        }
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
    }

    /// <summary>Waits for the process to end by itself; returns its exit code, or fails with its output after the timeout.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Worker {Name} did not exit within {timeout.TotalSeconds:0} s.\n{Output()}");
        }
        await _outputClosed.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        return _process.ExitCode;
    }

    /// <summary>The last lines the worker wrote, for failure messages.</summary>
    public string Output(int last = 40)
    {
        var log = _log.ToArray();
        return $"--- last {Math.Min(last, log.Length)} of {log.Length} output lines of worker {Name} (pid {_process.Id}) ---\n"
            + string.Join('\n', log.Skip(Math.Max(0, log.Length - last)));
    }

    /// <summary>
    /// PostgreSQL: waits until the server has ended every session of this (dead) worker, so that nothing it sent
    /// before it died can still commit while the test looks at the database.
    /// </summary>
    public async Task WaitUntilSessionsEndedAsync(TestDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        var watch = Stopwatch.StartNew();
        await using var connection = new Npgsql.NpgsqlConnection(database.Settings.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        command.Parameters.AddWithValue("name", Name);
        while ((long)(await command.ExecuteScalarAsync())! > 0)
        {
            if (watch.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException($"The server still has sessions of worker {Name} 30 s after it died.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
                await KillAsync().ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private void Receive(string? data, bool isError)
    {
        if (data is null)
        {
            if (!isError)
                _outputClosed.TrySetResult();
            return;
        }
        if (!isError && data.StartsWith(Marker, StringComparison.Ordinal))
            _lines.Enqueue(data[Marker.Length..]);
        _log.Enqueue(isError ? "[stderr] " + data : data);
    }
}
