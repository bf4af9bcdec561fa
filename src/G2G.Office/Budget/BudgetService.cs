using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Budget;

/// <summary>A budget line as the API shows it; amounts in fen.</summary>
public sealed record BudgetLineView(long Id, string AgencyId, string DepartmentId, int Year, string Code, string Name,
    long AmountFen, long ReservedFen, long SpentFen, long AvailableFen);

/// <summary>What an administrator sets on a line; amounts in fen.</summary>
public sealed record BudgetLineInput(string DepartmentId, int Year, string Code, string Name, long AmountFen);

/// <summary>
/// Budget lines: people read their own agency's, administrators every agency's and create, change and delete lines
/// (audited on the organisation chain). Reservations and spending change only through the procedures' handlers.
/// </summary>
public sealed partial class BudgetService(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public async Task<IReadOnlyList<BudgetLineView>> LinesAsync(string? agencyId, int year, CancellationToken ct)
    {
        var agency = VisibleAgency(agencyId);
        var rows = await office.BudgetLines.AsNoTracking().Where(l => l.Year == year && (agency == null || l.AgencyId == agency))
            .OrderBy(l => l.AgencyId).ThenBy(l => l.DepartmentId).ThenBy(l => l.Code).ToListAsync(ct).ConfigureAwait(false);
        return [.. rows.Select(View)];
    }

    public async Task<BudgetLineView> LineAsync(long id, CancellationToken ct)
    {
        var line = await office.BudgetLines.AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct).ConfigureAwait(false);
        if (line is null || VisibleAgency(line.AgencyId) != line.AgencyId)
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.BudgetLineNotFound(id));
        return View(line);
    }

    public async Task<BudgetLineView> CreateAsync(BudgetLineInput input, string actor, CancellationToken ct)
    {
        AccessRefusals.RequireAdministrator(callers, "create budget lines");
        var department = await CheckAsync(input, ct).ConfigureAwait(false);
        if (await office.BudgetLines.AnyAsync(l => l.DepartmentId == input.DepartmentId && l.Year == input.Year
                && l.Code == input.Code, ct).ConfigureAwait(false))
        {
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.BudgetLineExists(input.DepartmentId, input.Code, input.Year));
        }
        var line = office.Add(new BudgetLineRecord
        {
            AgencyId = department.AgencyId, DepartmentId = input.DepartmentId, Year = input.Year, Code = input.Code,
            Name = input.Name, AmountFen = input.AmountFen, ChangedAt = Now,
        }).Entity;
        await SaveAsync(actor, "budget.line-created", line, ct).ConfigureAwait(false);
        return View(line);
    }

    /// <summary>Renames a line or changes its amount; never below what is reserved and spent.</summary>
    public async Task<BudgetLineView> UpdateAsync(long id, string name, long amountFen, string actor, CancellationToken ct)
    {
        AccessRefusals.RequireAdministrator(callers, "change budget lines");
        var line = await office.BudgetLines.FirstOrDefaultAsync(l => l.Id == id, ct).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.BudgetLineNotFound(id));
        await CheckAsync(new BudgetLineInput(line.DepartmentId, line.Year, line.Code, name, amountFen), ct).ConfigureAwait(false);
        // Conditional, like the handlers' updates: a reservation made meanwhile is never left uncovered.
        var changed = await office.BudgetLines.Where(l => l.Id == id && l.ReservedFen + l.SpentFen <= amountFen)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.AmountFen, amountFen).SetProperty(l => l.Name, name)
                .SetProperty(l => l.ChangedAt, Now), ct).ConfigureAwait(false);
        await office.Entry(line).ReloadAsync(ct).ConfigureAwait(false);
        if (changed == 0)
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid,
                OfficeMessages.BudgetLineCommitted(BudgetLedger.Yuan(line.ReservedFen + line.SpentFen), line.Code));
        }
        await SaveAsync(actor, "budget.line-changed", line, ct).ConfigureAwait(false);
        return View(line);
    }

    /// <summary>Deletes a line nothing was ever reserved on.</summary>
    public async Task DeleteAsync(long id, string actor, CancellationToken ct)
    {
        AccessRefusals.RequireAdministrator(callers, "delete budget lines");
        var line = await office.BudgetLines.FirstOrDefaultAsync(l => l.Id == id, ct).ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.BudgetLineNotFound(id));
        if (await office.BudgetReservations.AnyAsync(r => r.LineId == id, ct).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.Conflict, OfficeMessages.BudgetLineUsed(line.Code));
        office.Remove(line);
        await SaveAsync(actor, "budget.line-deleted", line, ct).ConfigureAwait(false);
    }

    private async Task<DepartmentRecord> CheckAsync(BudgetLineInput input, CancellationToken ct)
    {
        if (input.Year is < 2000 or > 2100)
            throw new RuntimeException(RuntimeErrorCode.Invalid, OfficeMessages.YearOutOfRange());
        if (string.IsNullOrWhiteSpace(input.Code) || input.Code.Length > 40 || string.IsNullOrWhiteSpace(input.Name)
            || input.Name.Length > 200)
            throw new RuntimeException(RuntimeErrorCode.Invalid, OfficeMessages.BudgetLineFields());
        if (input.AmountFen is < 0 or > 1_000_000_000_000)
            throw new RuntimeException(RuntimeErrorCode.Invalid, OfficeMessages.BudgetAmountOutOfRange());
        return await db.Set<DepartmentRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == input.DepartmentId, ct)
                .ConfigureAwait(false)
            ?? throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.DepartmentNotFound(input.DepartmentId));
    }

    private async Task SaveAsync(string actor, string action, BudgetLineRecord line, CancellationToken ct)
    {
        await office.SaveChangesAsync(ct).ConfigureAwait(false);
        AuditLog.Append(db, AuditLog.OrganisationChain, new AuditEntry(actor, action, Outcome: line.Code,
            Comment: $"{line.DepartmentId} {line.Year} {line.Name}: {BudgetLedger.Yuan(line.AmountFen)} yuan"), Now);
        await db.SaveChangesAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The agency the caller may read: administrators any (null: all), others only their own.</summary>
    private string? VisibleAgency(string? asked)
    {
        if (callers.Current is not { IsAdministrator: false } caller)
            return asked;
        if (asked is not null && asked != caller.AgencyId)
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.BudgetOfOtherAgency(asked));
        return caller.AgencyId ?? throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.NoAgencyOfYours());
    }

    /// <summary>UTC: PostgreSQL stores only offset 0 (a test clock may carry +08:00).</summary>
    private DateTimeOffset Now => clock.GetUtcNow().ToUniversalTime();

    private static BudgetLineView View(BudgetLineRecord l) => new(l.Id, l.AgencyId, l.DepartmentId, l.Year, l.Code, l.Name,
        l.AmountFen, l.ReservedFen, l.SpentFen, l.AmountFen - l.ReservedFen - l.SpentFen);
}
