using G2G.Office.Leave;
using G2G.Office.Meetings;
using G2G.Office.Persistence;
using G2G.Office.Supplies;
using G2G.Office.Training;
using G2G.Office.Vehicles;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office;

/// <summary>The office data of the demo province: leave balances for every demo user this year and next, motor pools, stock, meeting rooms, training courses.</summary>
public static class OfficeDemoData
{
    /// <summary>Annual and personal leave for each user (10 and 5 days); does nothing when balances exist already.</summary>
    public static async Task<int> SeedAsync(OfficeDbContext office, IEnumerable<string> userIds, DateOnly today, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(office);
        var pools = await VehicleDemoData.SeedAsync(office, cancellationToken).ConfigureAwait(false)
            + await SupplyDemoData.SeedAsync(office, cancellationToken).ConfigureAwait(false)
            + await MeetingDemoData.SeedAsync(office, cancellationToken).ConfigureAwait(false)
            + await TrainingDemoData.SeedAsync(office, today, cancellationToken).ConfigureAwait(false);
        var year = today.Year;
        if (await office.LeaveBalances.AnyAsync(cancellationToken).ConfigureAwait(false))
            return pools;
        var added = pools;
        foreach (var user in userIds)
        {
            foreach (var y in new[] { year, year + 1 })
            {
                office.Add(new LeaveBalanceRecord { UserId = user, Year = y, LeaveType = LeaveTypes.Annual, EntitledHalfDays = 20 });
                office.Add(new LeaveBalanceRecord { UserId = user, Year = y, LeaveType = LeaveTypes.Personal, EntitledHalfDays = 10 });
                added += 2;
            }
        }
        await office.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return added;
    }
}
