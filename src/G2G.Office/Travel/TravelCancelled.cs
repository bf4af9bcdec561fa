using G2G.Office.Persistence;
using G2G.Runtime.Handlers;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Travel;

/// <summary>
/// A 出差申请 or 差旅报销 instance terminated by an administrator: a request under approval, or approved and waiting
/// for its reimbursement, becomes <c>cancelled</c> (its hold goes back through <see cref="Budget.ReleaseBudgetWhenAborted"/> in the same command); a
/// reimbursement under review becomes <c>cancelled</c>, and the trip, still approved and held, can be claimed again.
/// </summary>
internal sealed class TravelCancelled : IInstanceEndedHandler
{
    public void Ended(InstanceEndedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.Aborted || context.Instance.ProcessKey is not ("travel" or "reimbursement"))
            return;
        using var office = OfficeDbContext.Joining(context.Db);
        var (id, now) = (context.Instance.Id, context.Now.ToUniversalTime());
        if (context.Instance.ProcessKey == "travel")
        {
            office.Set<TravelRequestRecord>().Where(r => r.InstanceId == id
                    && (r.State == TravelStates.Requested || r.State == TravelStates.Approved))
                .ExecuteUpdate(s => s.SetProperty(r => r.State, TravelStates.Cancelled).SetProperty(r => r.ChangedAt, now));
            return;
        }
        office.Set<TravelClaimRecord>().Where(c => c.InstanceId == id && c.State == ClaimStates.Claimed)
            .ExecuteUpdate(s => s.SetProperty(c => c.State, ClaimStates.Cancelled).SetProperty(c => c.ChangedAt, now));
    }
}
