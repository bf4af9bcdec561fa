using G2G.Office.Persistence;

namespace G2G.Office.Leave;

/// <summary>
/// An aborted 请假 (撤销 by the requester, 终止 by an administrator) gives the days it still reserves back to the balance and
/// becomes <c>cancelled</c>. Approved days stay used (销假 gives back what was not taken).
/// </summary>
internal sealed class LeaveAborted() : ProcedureAborted("leave")
{
    protected override void GiveBack(OfficeDbContext office, long instanceId, DateTimeOffset now)
    {
        if (office.LeaveRequests.FirstOrDefault(r => r.InstanceId == instanceId) is not { State: LeaveStates.Reserved } request)
            return;
        LeaveBalances.Release(office, request);
        (request.State, request.ChangedAt) = (LeaveStates.Cancelled, now);
        office.SaveChanges();
    }
}
