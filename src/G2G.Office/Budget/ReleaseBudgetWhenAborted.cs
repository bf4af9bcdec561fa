using G2G.Office.Persistence;
using G2G.Runtime.Handlers;

namespace G2G.Office.Budget;

/// <summary>
/// An instance that ends without completing its flow (终止 by an administrator, a terminate end event, a cancelled
/// parent) gives back what it still holds on a budget line, in the command that ends it. Whatever procedure reserved
/// it (采购, 出差申请): a hold belongs to its instance. Spent or released reservations stay as they are.
/// </summary>
internal sealed class ReleaseBudgetWhenAborted : IInstanceEndedHandler
{
    public void Ended(InstanceEndedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Aborted)
            return;
        using var office = OfficeDbContext.Joining(context.Db);
        BudgetLedger.Release(office, context.Instance.Id, context.Now.ToUniversalTime());
    }
}
