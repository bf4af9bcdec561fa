using System.Globalization;

namespace G2G.Benchmarks.Data;

/// <summary>
/// CPU time used by a local PostgreSQL cluster: the postmaster and all its children (backends, WAL writer,
/// checkpointer), read from /proc. The benchmark's cluster is private, so this is the server side of the
/// measured work. Null where it cannot be read (a remote server, no /proc).
/// </summary>
internal sealed class ServerCpu
{
    private readonly int _postmaster;

    private ServerCpu(int postmaster) => _postmaster = postmaster;

    public static async Task<ServerCpu?> FindAsync(BenchDatabase database)
    {
        if (!database.IsPostgres || !Directory.Exists("/proc"))
            return null;
        try
        {
            var dataDirectory = await database.ScalarAsync("SHOW data_directory");
            var pidFile = Path.Combine(dataDirectory, "postmaster.pid");
            if (!File.Exists(pidFile))
                return null;
            var pid = int.Parse(File.ReadLines(pidFile).First(), CultureInfo.InvariantCulture);
            return new ServerCpu(pid);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException or FormatException or Npgsql.PostgresException)
        {
            return null;
        }
    }

    /// <summary>Milliseconds of CPU (user + system) of the cluster so far, including reaped children.</summary>
    public double Milliseconds()
    {
        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // ended meanwhile
            }
            // pid (comm) state ppid ... utime(14) stime(15) cutime(16) cstime(17); comm may hold spaces.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (pid != _postmaster && parent != _postmaster)
                continue;
            ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            if (pid == _postmaster)
                ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }
        return ticks * 10.0; // USER_HZ is 100 on Linux
    }
}
