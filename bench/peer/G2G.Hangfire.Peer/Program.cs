using System.Globalization;
using G2G.Hangfire.Peer;

// Hangfire beside the runtime's job executor on the runtime's timer reliability test (docs/benchmarks.md, "Timers:
// Hangfire beside the job executor"). Run by bench/peer/run-hangfire.sh, which starts a durable PostgreSQL cluster.
//
//   G2G.Hangfire.Peer [--timers 10000] [--schedulers g2g,hangfire] [--hangfire-workers 1] [--takeover-timeout 600]
//       The driver: for each scheduler, a fresh database with <timers> instances whose timer is due, two worker
//       processes, one killed with SIGKILL a third of the way through; prints the figures of each and the ratios.
//   G2G.Hangfire.Peer worker (g2g|hangfire) <name> [--hangfire-workers n]
//       One worker process (started by the driver; the database is in G2G_PEER_DB). It says "@peer ready", starts on
//       a "go" line on its standard input and stops on "stop" or when its input closes.
if (args.Length >= 3 && args[0] == "worker")
    return await PeerWorker.RunAsync(args[1], args[2], Options.Int(args, "--hangfire-workers", 1));

var schedulers = Options.Text(args, "--schedulers", "g2g,hangfire").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
if (schedulers.Any(s => s is not ("g2g" or "hangfire")) || BenchDatabase.PostgresAdmin is null)
{
    Console.Error.WriteLine($"usage: G2G.Hangfire.Peer [--timers n] [--schedulers g2g,hangfire] [--hangfire-workers n] [--takeover-timeout s]; needs {BenchDatabase.PostgresVariable} (bench/peer/run-hangfire.sh sets it)");
    return 64;
}
var driver = new Driver(Options.Int(args, "--timers", 10_000), Options.Int(args, "--hangfire-workers", 1),
    TimeSpan.FromSeconds(Options.Int(args, "--takeover-timeout", 600)));
return await driver.RunAsync(schedulers);

namespace G2G.Hangfire.Peer
{
    internal static class Options
    {
        public static string Text(string[] args, string name, string fallback) =>
            Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;

        public static int Int(string[] args, string name, int fallback) =>
            int.Parse(Text(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
    }
}
