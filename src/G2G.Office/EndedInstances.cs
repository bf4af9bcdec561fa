using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Office;

/// <summary>Which of some instances an administrator ended (terminated or cancelled): what they booked holds nothing
/// any more.</summary>
internal static class EndedInstances
{
    public static HashSet<long> Among(G2GDbContext db, IReadOnlyCollection<long> instanceIds) =>
        db.Set<ProcessInstanceRecord>().AsNoTracking()
            .Where(i => instanceIds.Contains(i.Id) && (i.Status == InstanceStatus.Terminated
                || i.Status == InstanceStatus.Cancelled))
            .Select(i => i.Id).ToHashSet();
}
