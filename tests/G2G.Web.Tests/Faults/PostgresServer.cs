using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace G2G.Web.Tests.Faults;

/// <summary>
/// A PostgreSQL server of the test's own — a cluster made with <c>initdb</c> in a temp folder, on a free loopback port —
/// so a test can stop and start the server under a running host without touching the shared test server. Needs the
/// server binaries (<c>apt-get install postgresql</c>, as test.sh installs); as root they run as the <c>postgres</c>
/// user. <see cref="PostgresServerFactAttribute"/> skips the test where they are missing.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly int _port;

    private PostgresServer(string bin, string folder, int port) => (_bin, _folder, _port) = (bin, folder, port);

    /// <summary>The admin connection string (trust authentication), as <c>G2G_TEST_POSTGRES</c> holds for the shared server.</summary>
    public string AdminConnectionString => $"Host=127.0.0.1;Port={_port};Username=postgres;Database=postgres";

    /// <summary>Why a server cannot be made here, or null when it can.</summary>
    public static string? UnavailableReason => Bin is null
        ? "needs PostgreSQL's server binaries (initdb, pg_ctl under /usr/lib/postgresql; apt-get install postgresql)"
        : IsRoot && !UserExists("postgres") ? "running as root needs the postgres user to run the server as" : null;

    private static string? Bin => Directory.Exists("/usr/lib/postgresql")
        ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b, StringComparer.Ordinal).LastOrDefault()
        : null;

    private static bool IsRoot => OperatingSystem.IsLinux() && Environment.UserName == "root";

    /// <summary>Makes a cluster without durability (as test.sh's, a throwaway) and starts it.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = Bin ?? throw new InvalidOperationException(UnavailableReason);
        var folder = Directory.CreateTempSubdirectory("g2g-fault-pg.").FullName;
        if (IsRoot)
            await RunAsync("chown", "postgres:", folder);
        await RunAsync(Path.Combine(bin, "initdb"), "-D", Path.Combine(folder, "data"), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync");
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        var server = new PostgresServer(bin, folder, port);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the stopped server again, on the same port and data.</summary>
    public Task StartAgainAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-l", Path.Combine(_folder, "server.log"),
        "-w", "-t", "60", "-o", $"-c listen_addresses=127.0.0.1 -p {_port} -k {_folder} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");

    /// <summary>
    /// Stops the server as an operator's restart does (<c>pg_ctl stop -m fast</c>: sessions are ended with <c>57P01</c>,
    /// open transactions rolled back, then the server shuts down cleanly).
    /// </summary>
    public Task StopAsync() => RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "fast", "-w", "-t", "60", "stop");

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(_folder, "data", "postmaster.pid")))
            await RunAsync(Path.Combine(_bin, "pg_ctl"), "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop");
        Directory.Delete(_folder, recursive: true);
    }

    private static bool UserExists(string name) => File.ReadLines("/etc/passwd").Any(l => l.StartsWith(name + ":", StringComparison.Ordinal));

    /// <summary>Runs a program (as the postgres user when root, except chown) and fails with its output when it fails.</summary>
    private static async Task RunAsync(string program, params string[] arguments)
    {
        var asPostgres = IsRoot && program != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program) { RedirectStandardError = true, RedirectStandardOutput = true };
        if (asPostgres)
        {
            foreach (var prefix in new[] { "-u", "postgres", "--", program })
                start.ArgumentList.Add(prefix);
        }
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)}: exit {process.ExitCode}: {await output}{error}".Trim());
    }
}

/// <summary>A fact that needs a <see cref="PostgresServer"/> of its own: skipped, with the reason, where one cannot be made.</summary>
public sealed class PostgresServerFactAttribute : FactAttribute
{
    public PostgresServerFactAttribute()
    {
        if (PostgresServer.UnavailableReason is { } reason)
            Skip = reason;
    }
}
