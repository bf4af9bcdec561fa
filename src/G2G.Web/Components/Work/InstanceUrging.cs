using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Queries;

namespace G2G.Web.Components.Work;

/// <summary>
/// 催办 from 我发起的: reminds whoever holds each open step of an instance the caller started, through the runtime's urge
/// (the step must allow 催办, as on the task page; the holders get a notification). The runtime lets one person urge a
/// step at most once per <see cref="RuntimeOptions.UrgeInterval"/>, as it does for the API.
/// </summary>
public sealed class InstanceUrging(RuntimeQueries queries, InstanceService instances)
{
    /// <summary>The instance's open steps (those an urge reaches).</summary>
    public async Task<IReadOnlyList<TaskView>> OpenStepsAsync(long instanceId, CancellationToken cancellationToken = default) =>
        (await queries.ListTasksAsync(new TaskFilter(InstanceId: instanceId, State: TaskStates.Open), 1, Paging.MaxPageSize, cancellationToken)).Items;

    /// <summary>
    /// Urges every open step the runtime lets <paramref name="actor"/> urge now and returns them; when it lets none (each
    /// urged too recently), its refusal of the step that may be urged again first is thrown, as any other refusal is.
    /// </summary>
    public async Task<IReadOnlyList<TaskView>> UrgeAsync(long instanceId, string actor, string? note, CancellationToken cancellationToken = default)
    {
        var urged = new List<TaskView>();
        RuntimeException? soonest = null;
        foreach (var task in await OpenStepsAsync(instanceId, cancellationToken))
        {
            try
            {
                await instances.UrgeAsync(task.Id, actor, note, cancellationToken);
                urged.Add(task);
            }
            catch (RuntimeException tooSoon) when (tooSoon.Code == RuntimeErrorCode.TooSoon)
            {
                if (soonest is null || tooSoon.RetryAt < soonest.RetryAt)
                    soonest = tooSoon;
            }
        }
        if (urged.Count == 0 && soonest is not null)
            throw soonest;
        return urged;
    }
}
