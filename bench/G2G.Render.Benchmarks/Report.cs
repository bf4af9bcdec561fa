using System.Globalization;
using System.Text;

namespace G2G.Render.Benchmarks;

/// <summary>Everything one run measured, written as results.json and summarised as Markdown tables.</summary>
internal sealed class Report
{
    private const double OneGiB = 1024.0 * 1024 * 1024;

    public string Arguments { get; set; } = "";
    public Dictionary<string, string> Machine { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Data { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, Dictionary<string, string>> Databases { get; } = new(StringComparer.Ordinal);
    public List<PageResult> Pages { get; } = [];
    public List<MemoryResult> Memory { get; } = [];

    public string Markdown()
    {
        var c = CultureInfo.InvariantCulture;
        var md = new StringBuilder();
        md.AppendLine(c, $"Run: `{Arguments}`").AppendLine();
        md.AppendLine(c, $"Machine: {Machine.GetValueOrDefault("processors")} × {Machine.GetValueOrDefault("cpu")}, {Machine.GetValueOrDefault("memory")}, {Machine.GetValueOrDefault(".NET")}, {Machine.GetValueOrDefault("os")}, {Machine.GetValueOrDefault("browser")}, {Machine.GetValueOrDefault("date")}").AppendLine();
        foreach (var (name, facts) in Databases)
            md.AppendLine(c, $"- {name}: {string.Join(", ", facts.Select(f => $"{f.Key} = {f.Value}"))}");
        md.AppendLine().AppendLine(c, $"Data: {string.Join(", ", Data.Select(d => $"{d.Key}: {d.Value}"))}.").AppendLine();

        md.AppendLine("Milliseconds, p50 / max over the rounds. Page: Chromium opens the page signed in; *ready* is navigation start to the data shown, " +
            "*prerender* the server's first byte of HTML, *interactive* the rest (scripts, circuit, its renders and queries). REST: the same data from the API. " +
            "Data: the components' service calls in-process. CPU: this process (host and Playwright's client) per page open, + the PostgreSQL server's.").AppendLine();
        md.AppendLine("| Database | Page | rounds | page ready | prerender first byte | interactive | host CPU ms per open | REST | in-process data | page ÷ REST (p50) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var p in Pages)
        {
            md.AppendLine(c, $"| {p.Database} | {p.Page} | {p.Ready.Count}{(p.Failures > 0 ? $" ({p.Failures} failed)" : "")} | **{p.Ready.P50:0}** / {p.Ready.Max:0} | {p.FirstByte.P50:0} / {p.FirstByte.Max:0} | " +
                $"{p.Interactive.P50:0} / {p.Interactive.Max:0} | {Cpu(p.HostCpuMsPerOpen, p.ServerCpuMsPerOpen)} | {p.Rest.P50:0.0} / {p.Rest.Max:0.0} | {p.Data.P50:0.0} / {p.Data.Max:0.0} | {p.Ready.P50 / p.Rest.P50:0.0}× |");
        }
        md.AppendLine().AppendLine("The SQL the host ran during the first measured open of each page (EF's timing; statements by their milliseconds in all):").AppendLine();
        foreach (var p in Pages)
        {
            md.AppendLine(c, $"- {p.Database}, {p.Page}: {p.Commands.Count} commands, {p.Commands.Milliseconds} ms in them");
            foreach (var (sql, times, ms) in p.Commands.Statements.Take(6))
                md.AppendLine(c, $"  - {times} × {ms} ms: `{sql}`");
        }
        foreach (var p in Pages.Where(p => p.FirstFailure is not null))
            md.AppendLine().AppendLine(c, $"First failure, {p.Database}, {p.Page}: `{p.FirstFailure}`");

        if (Memory.Count > 0)
        {
            md.AppendLine().AppendLine("Open circuits (each /inbox of another busy user in its own browser context), host process after a full compacting collection:").AppendLine();
            md.AppendLine("| Database | circuits | managed MB none → half → all → closed | working set MB none → all | per circuit: managed KB (second half) | per circuit: working set KB | 1,000 circuits: managed / working set | page ready p50 / max while opening | idle CPU, % of a core |");
            md.AppendLine("|---|---:|---|---|---:|---:|---:|---:|---:|");
            foreach (var m in Memory)
            {
                md.AppendLine(c, $"| {m.Database} | {m.All.Circuits} | {Mb(m.None.ManagedBytes)} → {Mb(m.Half.ManagedBytes)} → {Mb(m.All.ManagedBytes)} → {Mb(m.Closed.ManagedBytes)} | " +
                    $"{Mb(m.None.WorkingSetBytes)} → {Mb(m.All.WorkingSetBytes)} | **{m.ManagedKbPerCircuit:0}** ({m.ManagedKbPerCircuitSecondHalf:0}) | {m.WorkingSetKbPerCircuit:0} | " +
                    $"{m.ManagedKbPerCircuit * 1000 * 1024 / OneGiB:0.00} GiB / {m.WorkingSetKbPerCircuit * 1000 * 1024 / OneGiB:0.00} GiB | {m.OpenReady.P50:0} / {m.OpenReady.Max:0} | " +
                    $"{m.IdleCpuPercent:0.0} over {m.IdleSeconds:0} s ({m.IdleCpuPercentPerCircuit:0.00} per circuit) |");
                if (m.Closed.Circuits > 0)
                    md.AppendLine(c, $"|  | {m.Closed.Circuits} circuits were still open a minute after every page closed | | | | | | | |");
            }
        }
        return md.ToString();
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024).ToString("0", CultureInfo.InvariantCulture);

    private static string Cpu(double host, double server) => double.IsNaN(server)
        ? host.ToString("0", CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{host:0} (+ {server:0})");
}
