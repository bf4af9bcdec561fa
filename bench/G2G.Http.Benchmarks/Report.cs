using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace G2G.Http.Benchmarks;

/// <summary>Everything one run measured, written as results.json and summarised as Markdown tables.</summary>
internal sealed class Report
{
    public string Arguments { get; set; } = "";
    public Dictionary<string, string> Machine { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Data { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Dictionary<string, string>> Databases { get; } = new(StringComparer.Ordinal);
    public List<SeriesResult> Results { get; } = [];

    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"Run: `{Arguments}`").AppendLine();
        md.AppendLine(c, $"Machine: {Machine.GetValueOrDefault("processors")} × {Machine.GetValueOrDefault("cpu")}, {Machine.GetValueOrDefault("memory")}, {Machine.GetValueOrDefault(".NET")}, {Machine.GetValueOrDefault("os")}, {Machine.GetValueOrDefault("date")}").AppendLine();
        foreach (var (name, facts) in Databases)
            md.AppendLine(c, $"- {name}: {string.Join(", ", facts.Select(f => $"{f.Key} = {f.Value}"))}");
        md.AppendLine().AppendLine(c, $"Data: {string.Join(", ", Data.Select(d => $"{d.Key}: {d.Value}"))}.").AppendLine();

        md.AppendLine("| Database | Series | alone ms | HTTP requests | errors | req/s | p50 ms | p95 ms | p99 ms | max ms | in-process req/s | p50 ms | p95 ms | HTTP ÷ in-process p50 / p95 | CPU ms/request HTTP / in-process (+ PostgreSQL server) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in Results)
        {
            if (r is not { Http: { } h, InProcess: { } p })
            {
                md.AppendLine(c, $"| {r.Database} | {r.Series} | {r.Profile.Milliseconds:0.0} | not driven with every client (alone > --max-alone) | | | | | | | | | | | |");
                continue;
            }
            md.AppendLine(c, $"| {r.Database} | {r.Series} | {r.Profile.Milliseconds:0.0} | {h.Requests} | {h.Errors}{(p.Errors > 0 ? $" (in-process {p.Errors})" : "")} | {h.PerSecond:0.0} | {h.Latency.P50:0.0} | **{h.Latency.P95:0.0}** | {h.Latency.P99:0.0} | {h.Latency.Max:0} | " +
                $"{p.PerSecond:0.0} | {p.Latency.P50:0.0} | {p.Latency.P95:0.0} | {r.P50Ratio:0.0}× / {r.P95Ratio:0.0}× | {Cpu(h)} / {Cpu(p)} |");
        }
        foreach (var r in Results.Where(r => r.Http?.ByKind.Count > 1))
        {
            md.AppendLine().AppendLine(c, $"{r.Database}, {r.Series}, per kind of call (HTTP p50 / p95 ms, in-process p50 / p95 ms, HTTP requests):").AppendLine();
            foreach (var (kind, latency) in r.Http!.ByKind.OrderByDescending(k => k.Value.Count))
            {
                var inProcess = r.InProcess!.ByKind.GetValueOrDefault(kind);
                md.AppendLine(c, $"- {kind}: {latency.P50:0.0} / {latency.P95:0.0}; {inProcess?.P50:0.0} / {inProcess?.P95:0.0}; n = {latency.Count}");
            }
        }
        md.AppendLine().AppendLine("One request alone over HTTP after the warm-up, and the SQL commands the host ran for it (EF's own timing):").AppendLine();
        foreach (var r in Results.Where(r => r.Series != "mix"))
        {
            var commands = r.Profile.Commands.Select(Command).ToList();
            md.AppendLine(c, $"- {r.Database}, {r.Series}: {r.Profile.Milliseconds:0.0} ms, {commands.Count} commands, {commands.Sum(x => x.Ms)} ms in them (`GET {r.Profile.Url}`)");
            foreach (var (ms, sql) in commands)
                md.AppendLine(c, $"  - {ms} ms: `{sql}`");
        }
        foreach (var r in Results.Where(r => r.Http?.FirstError is not null || r.InProcess?.FirstError is not null))
            md.AppendLine().AppendLine(c, $"First error, {r.Database}, {r.Series}: `{r.Http?.FirstError ?? r.InProcess?.FirstError}`");
        return md.ToString();
    }

    /// <summary>CPU of this process (server and clients alike) per request, plus the PostgreSQL cluster's where it was read.</summary>
    private static string Cpu(SideSummary side) => double.IsNaN(side.ServerCpuMsPerRequest)
        ? side.CpuMsPerRequest.ToString("0.00", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{side.CpuMsPerRequest:0.00} (+ {side.ServerCpuMsPerRequest:0.00})");

    /// <summary>EF's "Executed DbCommand (12ms) [Parameters=…] SELECT …": the milliseconds and the statement on one line, shortened.</summary>
    private static (int Ms, string Sql) Command(string logged)
    {
        var ms = Regex.Match(logged, @"\((\d+)ms\)");
        var sql = Regex.Replace(logged[(logged.IndexOf('\n', StringComparison.Ordinal) + 1)..], @"\s+", " ").Trim();
        return (ms.Success ? int.Parse(ms.Groups[1].Value, CultureInfo.InvariantCulture) : 0, sql.Length <= 400 ? sql : sql[..400] + " …");
    }
}
