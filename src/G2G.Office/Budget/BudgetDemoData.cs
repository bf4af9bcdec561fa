using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Budget;

/// <summary>The demo province's budget: three lines for every department this year and next.</summary>
public static class BudgetDemoData
{
    /// <summary>办公费, 办公设备购置 and 差旅费, in yuan; the codes are what the 采购 and 差旅 forms name.</summary>
    public static readonly IReadOnlyList<(string Code, string Name, long Yuan)> Lines =
        [("302-01", "办公费", 200_000), ("310-02", "办公设备购置", 1_000_000), ("302-11", "差旅费", 300_000)];

    /// <summary>Does nothing when any line exists already (seeding twice changes nothing).</summary>
    public static async Task<int> SeedAsync(OfficeDbContext office,
        IEnumerable<(string DepartmentId, string AgencyId)> departments, int year, DateTimeOffset now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(office);
        if (await office.BudgetLines.AnyAsync(ct).ConfigureAwait(false))
            return 0;
        var added = 0;
        foreach (var (department, agency) in departments)
        {
            foreach (var y in new[] { year, year + 1 })
            {
                foreach (var (code, name, yuan) in Lines)
                {
                    office.Add(new BudgetLineRecord
                    {
                        AgencyId = agency, DepartmentId = department, Year = y, Code = code, Name = name,
                        AmountFen = yuan * 100, ChangedAt = now.ToUniversalTime(),
                    });
                    added++;
                }
            }
        }
        await office.SaveChangesAsync(ct).ConfigureAwait(false);
        return added;
    }
}
