using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;
using static G2G.Office.Leave.LeaveVariables;

namespace G2G.Office.Leave;

/// <summary>
/// Changes of balances as single conditional updates in the command's transaction: the database itself decides which
/// of two racing requests gets the last days, and a balance never goes below zero.
/// </summary>
internal static class LeaveBalances
{
    /// <summary>Reserves <paramref name="halfDays"/>; returns what is left, or refuses with the balance.</summary>
    public static int Reserve(OfficeDbContext office, string user, int year, string type, int halfDays)
    {
        var reserved = Balance(office, user, year, type)
            .Where(b => b.EntitledHalfDays - b.UsedHalfDays - b.ReservedHalfDays >= halfDays)
            .ExecuteUpdate(s => s.SetProperty(b => b.ReservedHalfDays, b => b.ReservedHalfDays + halfDays));
        var balance = Balance(office, user, year, type).AsNoTracking().FirstOrDefault();
        if (balance is null)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.NoEntitlement(LeaveTypes.Name(type), user, year), "leaveType");
        }
        var left = balance.EntitledHalfDays - balance.UsedHalfDays - balance.ReservedHalfDays;
        if (reserved == 0)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.LeaveInsufficient(LeaveTypes.Name(type), Days(left), year, Days(halfDays)), "endDate");
        }
        return left;
    }

    /// <summary>Gives a reserved request's days back.</summary>
    public static void Release(OfficeDbContext office, LeaveRequestRecord request)
    {
        if (request.State != LeaveStates.Reserved || !LeaveTypes.HasBalance(request.LeaveType))
            return;
        var halfDays = request.HalfDays;
        Balance(office, request.UserId, request.StartsOn.Year, request.LeaveType)
            .ExecuteUpdate(s => s.SetProperty(b => b.ReservedHalfDays, b => b.ReservedHalfDays - halfDays));
    }

    /// <summary>Turns a reserved request's days into used days.</summary>
    public static void Use(OfficeDbContext office, LeaveRequestRecord request)
    {
        var halfDays = request.HalfDays;
        Balance(office, request.UserId, request.StartsOn.Year, request.LeaveType).ExecuteUpdate(s => s
            .SetProperty(b => b.ReservedHalfDays, b => b.ReservedHalfDays - halfDays)
            .SetProperty(b => b.UsedHalfDays, b => b.UsedHalfDays + halfDays));
    }

    /// <summary>Gives back used days that were not taken (a leave cut short or cancelled at 销假).</summary>
    public static void Restore(OfficeDbContext office, LeaveRequestRecord request, int halfDays)
    {
        if (halfDays <= 0 || !LeaveTypes.HasBalance(request.LeaveType))
            return;
        Balance(office, request.UserId, request.StartsOn.Year, request.LeaveType)
            .ExecuteUpdate(s => s.SetProperty(b => b.UsedHalfDays, b => b.UsedHalfDays - halfDays));
    }

    public static LeaveRequestRecord RequestOf(OfficeDbContext office, long instanceId) =>
        office.LeaveRequests.FirstOrDefault(r => r.InstanceId == instanceId)
        ?? throw new InvalidOperationException($"Instance {instanceId} has no leave request; leave.reserve runs first.");

    private static IQueryable<LeaveBalanceRecord> Balance(OfficeDbContext office, string user, int year, string type) =>
        office.LeaveBalances.Where(b => b.UserId == user && b.Year == year && b.LeaveType == type);
}
