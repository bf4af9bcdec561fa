using System.Globalization;
using System.Text;
using G2G.Runtime.Organisation;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Budget;

/// <summary>
/// Execution against budget of one department in a year: the sums of its lines in fen and the execution rate
/// (spent ÷ budget, 0 when there is no budget), rounded to four decimals.
/// </summary>
public sealed record BudgetExecutionRow(string AgencyId, string DepartmentId, string DepartmentName, int Lines,
    long BudgetFen, long ReservedFen, long SpentFen, long AvailableFen, decimal ExecutionRate);

public sealed partial class BudgetService
{
    /// <summary>预算执行情况: one row per department with lines in the year, by agency and department.</summary>
    public async Task<IReadOnlyList<BudgetExecutionRow>> ExecutionAsync(string? agencyId, int year, CancellationToken ct)
    {
        var agency = VisibleAgency(agencyId);
        var sums = await office.BudgetLines.AsNoTracking().Where(l => l.Year == year && (agency == null || l.AgencyId == agency))
            .GroupBy(l => new { l.AgencyId, l.DepartmentId })
            .Select(g => new
            {
                g.Key.AgencyId, g.Key.DepartmentId, Lines = g.Count(), Budget = g.Sum(l => l.AmountFen),
                Reserved = g.Sum(l => l.ReservedFen), Spent = g.Sum(l => l.SpentFen),
            })
            .ToListAsync(ct).ConfigureAwait(false);
        var ids = sums.Select(s => s.DepartmentId).ToList();
        var names = await db.Set<DepartmentRecord>().AsNoTracking().Where(d => ids.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, d => d.Name, ct).ConfigureAwait(false);
        return [.. sums.OrderBy(s => s.AgencyId, StringComparer.Ordinal).ThenBy(s => s.DepartmentId, StringComparer.Ordinal)
            .Select(s => new BudgetExecutionRow(s.AgencyId, s.DepartmentId, names.GetValueOrDefault(s.DepartmentId, s.DepartmentId),
                s.Lines, s.Budget, s.Reserved, s.Spent, s.Budget - s.Reserved - s.Spent,
                s.Budget == 0 ? 0 : Math.Round((decimal)s.Spent / s.Budget, 4)))];
    }
}

/// <summary>The execution report as CSV (UTF-8 with a byte-order mark, RFC 4180, amounts in yuan).</summary>
public static class BudgetExecutionCsv
{
    private static readonly string[] Header =
        ["机关 agencyId", "部门 departmentId", "部门名称 departmentName", "科目数 lines", "预算 budget", "预留 reserved",
            "已支出 spent", "可用 available", "执行率 executionRate"];

    public static byte[] Write(IEnumerable<BudgetExecutionRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var text = new StringBuilder().AppendJoin(',', Header.Select(Cell)).Append("\r\n");
        foreach (var r in rows)
        {
            text.AppendJoin(',', new[]
            {
                Cell(r.AgencyId), Cell(r.DepartmentId), Cell(r.DepartmentName), Number(r.Lines), Money(r.BudgetFen),
                Money(r.ReservedFen), Money(r.SpentFen), Money(r.AvailableFen), Number(r.ExecutionRate),
            }).Append("\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>
    /// A text cell, quoted when needed. Text beginning with = + - @ (or a tab or carriage return) is prefixed with an
    /// apostrophe so that a spreadsheet shows it instead of running it as a formula (OWASP CSV injection).
    /// </summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith('\'')
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static string Money(long fen) => (fen / 100m).ToString("0.00", CultureInfo.InvariantCulture);

    private static string Number(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
