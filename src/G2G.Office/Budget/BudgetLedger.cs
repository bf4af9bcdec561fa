using System.Globalization;
using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Budget;

/// <summary>
/// Reservations and spending on budget lines, for the handlers of procedures that spend money (采购, 差旅). Every
/// change of a line is one conditional update in the command's transaction, so two instances racing for the last
/// money of a line cannot both get it and a line is never overdrawn.
/// </summary>
public static class BudgetLedger
{
    /// <summary>The line of a department's year by its code, or a refusal on <paramref name="field"/>.</summary>
    public static BudgetLineRecord Line(OfficeDbContext office, string departmentId, int year, string code, string field)
    {
        ArgumentNullException.ThrowIfNull(office);
        return office.BudgetLines.AsNoTracking().FirstOrDefault(l =>
                l.DepartmentId == departmentId && l.Year == year && l.Code == code)
            ?? throw new ServiceTaskRefusedException(OfficeMessages.NoBudgetLine(code, year), field);
    }

    /// <summary>
    /// Holds <paramref name="amountFen"/> of the line for the instance; an earlier hold of the same instance (a request
    /// sent back and sent again) is given back first. Refuses with what is available when the line cannot cover it.
    /// </summary>
    public static void Reserve(OfficeDbContext office, long instanceId, string processKey, BudgetLineRecord line,
        long amountFen, DateTimeOffset now, string field)
    {
        ArgumentNullException.ThrowIfNull(office);
        ArgumentNullException.ThrowIfNull(line);
        Release(office, instanceId, now);
        var lineId = line.Id;
        var taken = office.BudgetLines
            .Where(l => l.Id == lineId && l.AmountFen - l.ReservedFen - l.SpentFen >= amountFen)
            .ExecuteUpdate(s => s.SetProperty(l => l.ReservedFen, l => l.ReservedFen + amountFen));
        if (taken == 0)
        {
            var available = office.BudgetLines.AsNoTracking().Where(l => l.Id == lineId)
                .Select(l => l.AmountFen - l.ReservedFen - l.SpentFen).First();
            throw new ServiceTaskRefusedException(OfficeMessages.BudgetInsufficient(line.Code, line.Name, Yuan(available), Yuan(amountFen)), field);
        }
        var reservation = office.BudgetReservations.FirstOrDefault(r => r.InstanceId == instanceId);
        if (reservation is null)
        {
            reservation = new BudgetReservationRecord
            {
                InstanceId = instanceId, ProcessKey = processKey, State = BudgetReservationStates.Reserved,
            };
            office.Add(reservation);
        }
        (reservation.LineId, reservation.AmountFen, reservation.SpentFen) = (lineId, amountFen, 0);
        (reservation.State, reservation.CreatedAt, reservation.ChangedAt) = (BudgetReservationStates.Reserved, now, null);
        office.SaveChanges();
    }

    /// <summary>Gives the instance's hold back (rejection, cancellation); nothing held: nothing happens.</summary>
    public static void Release(OfficeDbContext office, long instanceId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(office);
        var reservation = office.BudgetReservations.FirstOrDefault(r =>
            r.InstanceId == instanceId && r.State == BudgetReservationStates.Reserved);
        if (reservation is null)
            return;
        var amount = reservation.AmountFen;
        office.BudgetLines.Where(l => l.Id == reservation.LineId)
            .ExecuteUpdate(s => s.SetProperty(l => l.ReservedFen, l => l.ReservedFen - amount));
        (reservation.State, reservation.ChangedAt) = (BudgetReservationStates.Released, now);
        office.SaveChanges();
    }

    /// <summary>
    /// Payment: <paramref name="paidFen"/> (at most what is held) becomes spending and the rest of the hold goes back
    /// to the line. Paying twice is refused.
    /// </summary>
    public static void Spend(OfficeDbContext office, long instanceId, long paidFen, DateTimeOffset now, string field)
    {
        ArgumentNullException.ThrowIfNull(office);
        var reservation = office.BudgetReservations.FirstOrDefault(r => r.InstanceId == instanceId)
            ?? throw new InvalidOperationException($"Instance {instanceId} holds no budget; the request step reserves it.");
        if (reservation.State != BudgetReservationStates.Reserved)
            throw new ServiceTaskRefusedException(OfficeMessages.PaidAlready(), field);
        if (paidFen > reservation.AmountFen)
        {
            throw new ServiceTaskRefusedException(OfficeMessages.PaymentAboveApproved(Yuan(reservation.AmountFen)), field);
        }
        var held = reservation.AmountFen;
        office.BudgetLines.Where(l => l.Id == reservation.LineId).ExecuteUpdate(s => s
            .SetProperty(l => l.ReservedFen, l => l.ReservedFen - held)
            .SetProperty(l => l.SpentFen, l => l.SpentFen + paidFen));
        (reservation.State, reservation.SpentFen, reservation.ChangedAt) = (BudgetReservationStates.Spent, paidFen, now);
        office.SaveChanges();
    }

    /// <summary>Fen as yuan with two decimals and thousands separators (12,345.60).</summary>
    public static string Yuan(long fen) => (fen / 100m).ToString("#,0.00", CultureInfo.InvariantCulture);
}
