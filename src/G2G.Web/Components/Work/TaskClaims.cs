using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Security;

namespace G2G.Web.Components.Work;

/// <summary>认领: the signed-in caller takes tasks offered to several people, several at once (待办's tick boxes).</summary>
public sealed class TaskClaims(InstanceService instances, CallerContext callers)
{
    /// <summary>
    /// Claims each task in turn. One someone else claimed first (or that left the caller's reach) is not an error of the
    /// others: it is counted as taken and the rest go on.
    /// </summary>
    public async Task<(int Claimed, int Taken)> ClaimAsync(IEnumerable<long> taskIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var caller = callers.Current ?? throw new InvalidOperationException("Claiming needs a signed-in caller.");
        var (claimed, taken) = (0, 0);
        foreach (var id in taskIds.Order())
        {
            try
            {
                await instances.ClaimAsync(id, caller.UserId, caller.Groups, cancellationToken);
                claimed++;
            }
            catch (RuntimeException refused) when (refused.Code is RuntimeErrorCode.Conflict or RuntimeErrorCode.NotFound or RuntimeErrorCode.NotAllowed)
            {
                taken++;
            }
        }
        return (claimed, taken);
    }
}
