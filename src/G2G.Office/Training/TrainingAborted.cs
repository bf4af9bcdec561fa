using G2G.Office.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office.Training;

/// <summary>
/// An aborted 培训报名 (撤销 by the registrant, 终止 by an administrator) whose registration is still under approval: the
/// registration becomes <c>cancelled</c>, so the person may register for the course again.
/// </summary>
internal sealed class TrainingAborted() : ProcedureAborted("training")
{
    protected override void GiveBack(OfficeDbContext office, long instanceId, DateTimeOffset now) =>
        office.Set<TrainingRegistrationRecord>().Where(r => r.InstanceId == instanceId && r.State == TrainingStates.Requested)
            .ExecuteUpdate(s => s.SetProperty(r => r.State, TrainingStates.Cancelled).SetProperty(r => r.ChangedAt, now));
}
