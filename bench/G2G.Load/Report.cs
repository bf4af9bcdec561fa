using System.Globalization;
using System.Text;

namespace G2G.Load;

/// <summary>Everything a run reports: the command, the machine, each configuration's result, as results.json and summary.md.</summary>
internal sealed class Report
{
    public string Arguments { get; init; } = "";
    public Dictionary<string, string> Machine { get; } = new(StringComparer.Ordinal);
    public List<RunResult> Results { get; } = [];

    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"Command: `dotnet run -c Release --project bench/G2G.Load -- {Arguments}`").AppendLine();
        md.AppendLine(string.Join(", ", Machine.Select(m => $"{m.Key}: {m.Value}"))).AppendLine();
        foreach (var r in Results)
        {
            md.AppendLine(c, $"### {r.Config}: {r.Nodes} node{(r.Nodes > 1 ? "s" : "")}, {r.People} people, {r.Seconds:0} s measured").AppendLine();
            md.AppendLine(c, $"- throughput: **{r.RequestsPerSecond:0.0} requests/s**, of which {r.WritesPerSecond:0.0} writes/s (start, claim, complete, send-back)");
            md.AppendLine(c, $"- database commits: {(r.PostgresCommitsPerSecond is { } pg ? $"PostgreSQL xact_commit {pg:0.0}/s; " : "")}EF transactions committed {r.EfCommitsPerSecond:0.0}/s, plus {r.EfAutocommitsPerSecond:0.0}/s statements outside a transaction");
            md.AppendLine(c, $"- nodes: CPU {r.NodeCpuPerSecond:0.00} cores; RSS {Mib(r.RssStartMiB)} MiB at the start, {Mib(r.RssEndMiB)} MiB at the end; load average {r.LoadAverageStart} → {r.LoadAverageEnd}");
            md.AppendLine().AppendLine("| operation | n | per s | p50 ms | p95 ms | p99 ms | max ms | errors |").AppendLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            var names = r.Operations.Keys.Union(r.Errors.Keys.Select(k => k.Split(':')[0]), StringComparer.Ordinal).Order(StringComparer.Ordinal);
            foreach (var name in names)
            {
                var p = r.Operations.GetValueOrDefault(name) ?? Percentiles.Of([]);
                var errors = r.Errors.Where(e => e.Key.StartsWith(name + ":", StringComparison.Ordinal)).Sum(e => e.Value);
                md.AppendLine(c, $"| {name} | {p.Count} | {p.Count / r.Seconds:0.0} | {p.P50:0.0} | **{p.P95:0.0}** | {p.P99:0.0} | {p.Max:0} | {errors} |");
            }
            if (r.Rerouted.Count > 0)
                md.AppendLine().AppendLine(c, $"Requests sent to another node because one refused the connection: {string.Join(", ", r.Rerouted.Select(n => $"{n.Key} {n.Value}"))}.");
            if (r.Errors.Count > 0)
            {
                md.AppendLine().AppendLine("Errors by kind (first example):").AppendLine();
                foreach (var (kind, count) in r.Errors.OrderByDescending(e => e.Value))
                    md.AppendLine(c, $"- {kind}: {count} — `{r.ErrorExamples.GetValueOrDefault(kind, "")}`");
            }
            md.AppendLine();
        }
        if (Results.FirstOrDefault(r => r.Config == "postgres") is { } one && Results.FirstOrDefault(r => r.Config == "postgres-x2") is { } two)
            md.AppendLine(c, $"Two nodes ÷ one node on PostgreSQL: requests/s {two.RequestsPerSecond / one.RequestsPerSecond:0.00}, writes/s {two.WritesPerSecond / one.WritesPerSecond:0.00}, " +
                $"complete p95 {two.Operations.GetValueOrDefault("complete")?.P95 / one.Operations.GetValueOrDefault("complete")?.P95:0.00}.");
        return md.ToString();
    }

    private static string Mib(List<double> values) => string.Join(" + ", values.Select(v => v.ToString("0", CultureInfo.InvariantCulture)));
}
