using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Purchase;

/// <summary>
/// A 采购 instance terminated by an administrator: its purchase, unless paid, becomes <c>cancelled</c> (the budget
/// hold goes back through <see cref="Budget.ReleaseBudgetWhenAborted"/> in the same command).
/// </summary>
internal sealed class PurchaseCancelled : IInstanceEndedHandler
{
    public void Ended(InstanceEndedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Aborted || context.Instance.ProcessKey != "purchase")
            return;
        using var office = OfficeDbContext.Joining(context.Db);
        var now = context.Now.ToUniversalTime();
        office.Purchases.Where(p => p.InstanceId == context.Instance.Id && p.State != PurchaseStates.Paid)
            .ExecuteUpdate(s => s.SetProperty(p => p.State, PurchaseStates.Cancelled).SetProperty(p => p.ChangedAt, now));
    }
}
