using System.Globalization;
using System.Text;

namespace G2G.Runtime.Benchmarks;

/// <summary>Everything one run measured, written as results.json and summarised as Markdown tables.</summary>
internal sealed class Report
{
    public Dictionary<string, string> Machine { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Dictionary<string, string>> Databases { get; } = new(StringComparer.Ordinal);
    public List<ThroughputResult> Throughput { get; } = [];
    public List<RoundTripResult> RoundTrips { get; } = [];
    public List<InboxResult> Inbox { get; } = [];
    public string Arguments { get; set; } = "";

    private static string Cpu(double client, double server) =>
        double.IsNaN(server) ? client.ToString("0.00", CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{client:0.00} + {server:0.00}");

    public string Markdown()
    {
        var md = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        md.AppendLine(c, $"Run: `{Arguments}`").AppendLine();
        md.AppendLine(c, $"Machine: {Machine.GetValueOrDefault("processors")} × {Machine.GetValueOrDefault("cpu")}, {Machine.GetValueOrDefault("memory")}, {Machine.GetValueOrDefault(".NET")}, {Machine.GetValueOrDefault("os")}").AppendLine();
        foreach (var (name, facts) in Databases)
            md.AppendLine(c, $"- {name}: {string.Join(", ", facts.Select(f => $"{f.Key} = {f.Value}"))}");
        md.AppendLine();

        if (Throughput.Count > 0)
        {
            md.AppendLine("### Throughput: 5-step approval vs the floor and the same-rows baseline").AppendLine();
            md.AppendLine("| Database | Workers | Runtime commands/s | Instances/s | Floor tx/s | Runtime / floor | Per round: median (min–max) | Rows baseline tx/s | Runtime / rows | Per round: median (min–max) |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in Throughput)
            {
                md.AppendLine(c, $"| {r.Database} | {r.Workers} | {r.CommandsPerSecond:0} | {r.InstancesPerSecond:0.0} | {r.FloorPerSecond:0} | " +
                    $"**{r.Ratio:P0}** | {r.RoundRatioMedian:P0} ({r.RoundRatioMin:P0}–{r.RoundRatioMax:P0}) | {r.RowsPerSecond:0} | " +
                    $"**{r.RowsRatio:P0}** | {r.RowsRoundRatioMedian:P0} ({r.RowsRoundRatioMin:P0}–{r.RowsRoundRatioMax:P0}) |");
            }
            md.AppendLine();
            md.AppendLine("Per command (runtime) or transaction (floor; rows baseline): CPU of the benchmark process (client) and of the PostgreSQL server, managed memory allocated, latency.").AppendLine();
            md.AppendLine("| Database | Workers | CPU ms, client + server: runtime / floor / rows | KB allocated: runtime / floor / rows | Start p50 / p95 ms | Complete p50 / p95 ms | Floor p50 / p95 ms | Rows p50 / p95 ms |");
            md.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in Throughput)
            {
                md.AppendLine(c, $"| {r.Database} | {r.Workers} | {Cpu(r.RuntimeCpuMsPerCommand, r.RuntimeServerCpuMsPerCommand)} / {Cpu(r.FloorCpuMsPerTransaction, r.FloorServerCpuMsPerTransaction)} / {Cpu(r.RowsCpuMsPerTransaction, r.RowsServerCpuMsPerTransaction)} | " +
                    $"{r.RuntimeKbPerCommand:0} / {r.FloorKbPerTransaction:0.0} / {r.RowsKbPerTransaction:0.0} | {r.Start.P50:0.0} / {r.Start.P95:0.0} | {r.Complete.P50:0.0} / {r.Complete.P95:0.0} | " +
                    $"{r.FloorLatency.P50:0.0} / {r.FloorLatency.P95:0.0} | {r.RowsLatency.P50:0.0} / {r.RowsLatency.P95:0.0} |");
            }
            md.AppendLine();
        }

        if (RoundTrips.Count > 0)
        {
            md.AppendLine("### Database calls per runtime command").AppendLine();
            md.AppendLine("| Database | Command | DB commands | SQL statements | Transactions (begin / commit) | Connection opens |");
            md.AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var r in RoundTrips)
            {
                md.AppendLine(c, $"| {r.Database} | start | {r.Start.Commands:0.##} | {r.Start.Statements:0.##} | {r.Start.Begins:0.##} / {r.Start.Commits:0.##} | {r.Start.Opens:0.##} |");
                md.AppendLine(c, $"| {r.Database} | complete (avg of 5) | {r.Complete.Commands:0.##} | {r.Complete.Statements:0.##} | {r.Complete.Begins:0.##} / {r.Complete.Commits:0.##} | {r.Complete.Opens:0.##} |");
            }
            md.AppendLine();
            md.AppendLine(c, $"Single worker, sequential: wall time per command and the part spent inside database calls (EF's own measurement; commit separately); the engine alone (state JSON in, execute, state JSON out, no database) costs {RoundTrips[0].EngineMicroseconds:0} µs CPU per command.").AppendLine();
            md.AppendLine("| Database | Command | Wall ms | in DB commands ms | in commit ms | rest (client CPU, waits) ms |");
            md.AppendLine("|---|---|---:|---:|---:|---:|");
            foreach (var r in RoundTrips)
            {
                foreach (var (name, s) in new[] { ("start", r.Start), ("complete", r.Complete) })
                    md.AppendLine(c, $"| {r.Database} | {name} | {s.WallMs:0.00} | {s.CommandMs:0.00} | {s.CommitMs:0.00} | {s.WallMs - s.CommandMs - s.CommitMs:0.00} |");
            }
            md.AppendLine();
            foreach (var r in RoundTrips)
            {
                md.AppendLine(c, $"{r.Database}, one instance, in order (`[…]` = one batched command):").AppendLine();
                md.AppendLine("```");
                md.AppendLine(c, $"start       : {string.Join(" → ", r.StartCommands)}");
                for (var s = 0; s < r.StepCommands.Count; s++)
                    md.AppendLine(c, $"complete {s + 1}/5: {string.Join(" → ", r.StepCommands[s])}");
                md.AppendLine("```").AppendLine();
            }
        }

        if (Inbox.Count > 0)
        {
            md.AppendLine("### Inbox queries").AppendLine();
            var data = Inbox[0].Data;
            md.AppendLine(c, $"Data: {string.Join(", ", data.Select(d => $"{d.Key}: {d.Value}"))}.").AppendLine();
            md.AppendLine("| Database | Query | n | Rows | p50 ms | p95 ms | p99 ms | max ms |");
            md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in Inbox)
            {
                foreach (var s in r.Series)
                {
                    md.AppendLine(c, $"| {r.Database} | {s.Name} | {s.Latency.Count}{(s.TimeBound ? "*" : "")} | {s.AverageRows:0.0} | {s.Latency.P50:0.00} | **{s.Latency.P95:0.00}** | {s.Latency.P99:0.00} | {s.Latency.Max:0.00} |");
                }
            }
            md.AppendLine().AppendLine("`*` = stopped by its time limit before the planned count.").AppendLine();
            foreach (var r in Inbox)
            {
                md.AppendLine(c, $"{r.Database}: load {r.LoadSeconds:0.0} s, ANALYZE {r.AnalyzeSeconds:0.0} s, {r.Size}; the heavy user's first page holds {r.HeavyFirstPageWithoutDue} of 50 tasks without a due date.").AppendLine();
                foreach (var (name, lines) in r.Plans)
                {
                    md.AppendLine(c, $"{r.Database} plan, {name}:").AppendLine().AppendLine("```");
                    foreach (var line in lines)
                        md.AppendLine(line);
                    md.AppendLine("```").AppendLine();
                }
            }
        }
        return md.ToString();
    }
}
