using System.Text;
using G2G.Office.Budget;
using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.PurchaseWorld;

namespace G2G.Office.Tests;

/// <summary>预算执行: lines administered, the execution report per department, and its CSV export.</summary>
public abstract class BudgetServiceTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, PurchaseWorld>(database, new PurchaseWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task TheReport_SumsEachDepartmentsLines_WithReservedSpentAvailableAndTheRate()
    {
        await World.LineAsync("302-01", 100_000);
        await World.LineAsync("302-02", 300_000);
        await Service(s => s.CreateAsync(new BudgetLineInput("pu-fin", Year, "301-01", "=HYPERLINK(\"x\")", 0), "setup", default));
        await Service(s => s.CreateAsync(new BudgetLineInput(Department, Year + 1, "302-01", "明年", 500), "setup", default));
        var paid = await World.StartAsync(Clerk);
        await World.ApplyAsync(paid, Clerk, "302-01", 45_000); // below the deputy's threshold
        await World.DecideAsync(paid, "head", Head);
        await World.ContractAsync(paid, 40_000);
        await World.CompleteAsync(paid, "accept", Clerk2, ("acceptance", "pass"));
        await World.CompleteAsync(paid, "pay", Finance, ("paidAmount", 40_000), ("voucher", "PZ-9"));
        await World.ApplyAsync(await World.StartAsync(Clerk2), Clerk2, "302-02", 20_000);

        var rows = await Service(s => s.ExecutionAsync("pu", Year, default));

        Assert.Equal(["pu-fin", Department], rows.Select(r => r.DepartmentId));
        var office = rows[1];
        Assert.Equal(("办公室", 2, 40_000_000L, 2_000_000L, 4_000_000L, 34_000_000L, 0.1m),
            (office.DepartmentName, office.Lines, office.BudgetFen, office.ReservedFen, office.SpentFen, office.AvailableFen,
                office.ExecutionRate));
        Assert.Equal(0m, rows[0].ExecutionRate); // no budget: no rate, no division by zero
        var csv = Encoding.UTF8.GetString(BudgetExecutionCsv.Write(rows)).TrimStart('\uFEFF').Split("\r\n");
        Assert.StartsWith("机关 agencyId,部门 departmentId,", csv[0], StringComparison.Ordinal);
        Assert.Equal("pu,pu-office,办公室,2,400000.00,20000.00,40000.00,340000.00,0.1", csv[2]);
    }

    [DatabaseFact]
    public async Task ALine_CannotGoBelowWhatIsHeld_NorBeDeletedOnceUsed_NorBeCreatedTwice()
    {
        var line = await World.LineAsync("302-01", 100_000);
        await World.ApplyAsync(await World.StartAsync(Clerk), Clerk, "302-01", 60_000);

        var below = await Assert.ThrowsAsync<RuntimeException>(() => Service(s => s.UpdateAsync(line.Id, "办公设备", 5_999_999, "admin", default)));
        Assert.Equal(RuntimeErrorCode.Invalid, below.Code);
        var lowered = await Service(s => s.UpdateAsync(line.Id, "办公设备", 6_000_000, "admin", default));
        Assert.Equal((6_000_000L, 0L), (lowered.AmountFen, lowered.AvailableFen));
        var used = await Assert.ThrowsAsync<RuntimeException>(() => Service(s => s.DeleteAsync(line.Id, "admin", default)));
        Assert.Equal(RuntimeErrorCode.Conflict, used.Code);
        var twice = await Assert.ThrowsAsync<RuntimeException>(() => World.LineAsync("302-01", 1));
        Assert.Equal(RuntimeErrorCode.Conflict, twice.Code);
    }

    [DatabaseFact]
    public async Task AClerk_ReadsOnlyTheirAgency_AndCannotChangeLines()
    {
        var line = await World.LineAsync("302-01", 100_000);
        var clerk = new Caller(Clerk, "pu", Department, ClearanceLevel.Unclassified, [], [], ["pu"]);

        var mine = await Service(s => s.LinesAsync(null, Year, default), clerk);
        Assert.Equal([line.Id], mine.Select(l => l.Id));
        var other = await Assert.ThrowsAsync<RuntimeException>(() => Service(s => s.ExecutionAsync("lv", Year, default), clerk));
        Assert.Equal(RuntimeErrorCode.NotFound, other.Code);
        var change = await Assert.ThrowsAsync<RuntimeException>(() =>
            Service(s => s.UpdateAsync(line.Id, "x", 1, Clerk, default), clerk));
        Assert.Equal(RuntimeErrorCode.NotAllowed, change.Code);
    }

    [DatabaseFact]
    public async Task TheDemoBudget_GivesEveryDepartmentItsLines_AndSeedingTwiceChangesNothing()
    {
        var departments = new[] { (Department, "pu"), ("pu-fin", "pu") };
        var first = await World.Runtime.In(s => BudgetDemoData.SeedAsync(
            s.GetRequiredService<OfficeDbContext>(), departments, Year, World.Runtime.Clock.GetUtcNow(), default));
        var again = await World.Runtime.In(s => BudgetDemoData.SeedAsync(
            s.GetRequiredService<OfficeDbContext>(), departments, Year, World.Runtime.Clock.GetUtcNow(), default));

        Assert.Equal((12, 0), (first, again));
        var lines = await Service(s => s.LinesAsync("pu", Year + 1, default));
        Assert.Equal(6, lines.Count);
        Assert.Contains(lines, l => l is { DepartmentId: Department, Code: "310-02", AmountFen: 100_000_000 });
    }

    private Task<T> Service<T>(Func<BudgetService, Task<T>> work, Caller? caller = null) =>
        World.Runtime.In(s =>
        {
            s.GetRequiredService<CallerContext>().Current = caller;
            return work(s.GetRequiredService<BudgetService>());
        });

    private Task<bool> Service(Func<BudgetService, Task> work) => Service(async s => { await work(s); return true; });
}

public sealed class SqliteBudgetServiceTests(SqliteTestDatabase database) : BudgetServiceTests<SqliteTestDatabase>(database);

public sealed class PostgresBudgetServiceTests(PostgresTestDatabase database) : BudgetServiceTests<PostgresTestDatabase>(database);

/// <summary>The CSV export's cells.</summary>
public sealed class BudgetCsvTests
{
    [Fact]
    public void CsvCells_ThatASpreadsheetWouldRunAsAFormula_AreNeutralised()
    {
        Assert.Equal("\"'=1+2\"", BudgetExecutionCsv.Cell("=1+2"));
        Assert.Equal("\"'+86 10\"", BudgetExecutionCsv.Cell("+86 10"));
        Assert.Equal("\"'-2\"", BudgetExecutionCsv.Cell("-2"));
        Assert.Equal("\"'@SUM(A1)\"", BudgetExecutionCsv.Cell("@SUM(A1)"));
        Assert.Equal("\"a,\"\"b\"\"\"", BudgetExecutionCsv.Cell("a,\"b\""));
        Assert.Equal("办公室", BudgetExecutionCsv.Cell("办公室"));
    }
}
