using System.Globalization;
using System.Text.RegularExpressions;

namespace G2G.Render.Benchmarks;

/// <summary>
/// The SQL commands the host ran while one page opened (EF's "Executed DbCommand (N ms)" events; on SQLite EF times a command
/// only until its first row), grouped by statement: how often each ran and its milliseconds in all, the costliest first.
/// </summary>
internal sealed record PageCommands(int Count, int Milliseconds, List<Statement> Statements)
{
    public static readonly PageCommands None = new(0, 0, []);

    public static PageCommands Of(IEnumerable<string> logged)
    {
        var commands = logged.Select(Parse).ToList();
        var statements = commands.GroupBy(c => c.Sql, StringComparer.Ordinal)
            .Select(g => new Statement(g.Key, g.Count(), g.Sum(c => c.Ms))).OrderByDescending(s => s.Milliseconds).ToList();
        return new PageCommands(commands.Count, commands.Sum(c => c.Ms), statements);
    }

    /// <summary>"Executed DbCommand (12ms) [Parameters=…] SELECT …": the milliseconds, and the statement on one line, shortened.</summary>
    private static (int Ms, string Sql) Parse(string logged)
    {
        var ms = Regex.Match(logged, @"\((\d+)ms\)");
        var sql = Regex.Replace(logged[(logged.IndexOf('\n', StringComparison.Ordinal) + 1)..], @"\s+", " ").Trim();
        return (ms.Success ? int.Parse(ms.Groups[1].Value, CultureInfo.InvariantCulture) : 0, sql.Length <= 160 ? sql : sql[..160] + " …");
    }
}

/// <summary>One SQL statement of a page open: how often it ran, its milliseconds in all.</summary>
internal sealed record Statement(string Sql, int Times, int Milliseconds);
