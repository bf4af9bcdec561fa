using G2G.Office.Persistence;
using G2G.Runtime;
using G2G.Runtime.Audit;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Leave;

/// <summary>A balance as people read it, in days.</summary>
public sealed record LeaveBalanceView(string UserId, int Year, string LeaveType, string LeaveTypeName,
    decimal EntitledDays, decimal UsedDays, decimal ReservedDays, decimal AvailableDays);

/// <summary>
/// Leave balances: everyone reads their own, administrators everyone's and set entitlements (audited on the
/// organisation chain). Requests change balances only through the 请假 procedure's handlers.
/// </summary>
public sealed class LeaveService(OfficeDbContext office, G2GDbContext db, CallerContext callers, TimeProvider clock)
{
    public async Task<IReadOnlyList<LeaveBalanceView>> BalancesAsync(string userId, int year, CancellationToken cancellationToken)
    {
        if (callers.Current is { IsAdministrator: false } caller && caller.UserId != userId)
            throw new RuntimeException(RuntimeErrorCode.NotFound, OfficeMessages.LeaveBalancesHidden(userId));
        var rows = await office.LeaveBalances.AsNoTracking().Where(b => b.UserId == userId && b.Year == year)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (rows.Count == 0 && !await db.Users.AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.UserNotFound(userId));
        return [.. rows.OrderBy(b => LeaveTypes.All.ToList().FindIndex(t => t.Code == b.LeaveType)).Select(View)];
    }

    /// <summary>Sets how many days of a type a person is entitled to in a year (keeps what is used and reserved).</summary>
    public async Task<LeaveBalanceView> SetEntitlementAsync(
        string userId, int year, string leaveType, decimal days, string actor, CancellationToken cancellationToken)
    {
        AccessRefusals.RequireAdministrator(callers, "set leave entitlements");
        if (!LeaveTypes.Exists(leaveType) || !LeaveTypes.HasBalance(leaveType))
            throw new RuntimeException(RuntimeErrorCode.Invalid, OfficeMessages.NotALeaveTypeWithBalance(leaveType));
        if (days is < 0 or > 366 || days * 2 != decimal.Truncate(days * 2))
            throw new RuntimeException(RuntimeErrorCode.Invalid, OfficeMessages.LeaveDaysRange());
        if (year is < 2000 or > 2100)
            throw new RuntimeException(RuntimeErrorCode.Invalid, OfficeMessages.YearOutOfRange());
        if (!await db.Users.AnyAsync(u => u.Id == userId, cancellationToken).ConfigureAwait(false))
            throw new RuntimeException(RuntimeErrorCode.NotFound, RuntimeMessages.UserNotFound(userId));
        var balance = await office.LeaveBalances.FirstOrDefaultAsync(
                b => b.UserId == userId && b.Year == year && b.LeaveType == leaveType, cancellationToken).ConfigureAwait(false)
            ?? office.Add(new LeaveBalanceRecord { UserId = userId, Year = year, LeaveType = leaveType }).Entity;
        var halfDays = (int)(days * 2);
        if (halfDays < balance.UsedHalfDays + balance.ReservedHalfDays)
        {
            throw new RuntimeException(RuntimeErrorCode.Invalid,
                OfficeMessages.LeaveAlreadyUsed(userId, (balance.UsedHalfDays + balance.ReservedHalfDays) / 2m));
        }
        balance.EntitledHalfDays = halfDays;
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        AuditLog.Append(db, AuditLog.OrganisationChain, new AuditEntry(actor, "leave.entitlement-set",
            Outcome: leaveType, Comment: $"{userId} {year}: {days} days"), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return View(balance);
    }

    private static LeaveBalanceView View(LeaveBalanceRecord b) => new(b.UserId, b.Year, b.LeaveType, LeaveTypes.Name(b.LeaveType),
        b.EntitledHalfDays / 2m, b.UsedHalfDays / 2m, b.ReservedHalfDays / 2m,
        (b.EntitledHalfDays - b.UsedHalfDays - b.ReservedHalfDays) / 2m);
}
