using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Purchase;

/// <summary>
/// A 采购 instance revoked by its requester (撤销) or terminated by an administrator (终止): its purchase, unless paid,
/// becomes <c>cancelled</c> (the budget hold goes back through <see cref="Budget.ReleaseBudgetWhenAborted"/> in the same command).
/// </summary>
internal sealed class PurchaseCancelled() : ProcedureAborted("purchase")
{
    protected override void GiveBack(OfficeDbContext office, long instanceId, DateTimeOffset now) =>
        office.Purchases.Where(p => p.InstanceId == instanceId && p.State != PurchaseStates.Paid)
            .ExecuteUpdate(s => s.SetProperty(p => p.State, PurchaseStates.Cancelled).SetProperty(p => p.ChangedAt, now));
}
