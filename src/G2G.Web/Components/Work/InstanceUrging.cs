using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Queries;

namespace G2G.Web.Components.Work;

/// <summary>What an urge from 我发起的 did: the steps urged, or none and when the caller may urge again.</summary>
public sealed record UrgeOutcome(IReadOnlyList<TaskView> Urged, DateTimeOffset? AgainAt);

/// <summary>
/// 催办 from 我发起的: reminds whoever holds each open step of an instance the caller started, through the runtime's urge
/// (the step must allow 催办, as on the task page; the holders get a notification). One person urges a step at most once
/// per <see cref="Interval"/>: the instance's audit trail, which every node reads, says when they last did.
/// </summary>
public sealed class InstanceUrging(RuntimeQueries queries, InstanceService instances, TimeProvider clock)
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The instance's open steps (those an urge reaches).</summary>
    public async Task<IReadOnlyList<TaskView>> OpenStepsAsync(long instanceId, CancellationToken cancellationToken = default) =>
        (await queries.ListTasksAsync(new TaskFilter(InstanceId: instanceId, State: TaskStates.Open), 1, Paging.MaxPageSize, cancellationToken)).Items;

    /// <summary>Urges the open steps <paramref name="actor"/> has not urged within the interval; a refusal of the runtime is thrown.</summary>
    public async Task<UrgeOutcome> UrgeAsync(long instanceId, string actor, string? note, CancellationToken cancellationToken = default)
    {
        var open = await OpenStepsAsync(instanceId, cancellationToken);
        var since = clock.GetUtcNow() - Interval;
        var recent = (await queries.AuditAsync(instanceId, cancellationToken))
            .Where(a => a.Action == "task.urged" && a.Actor == actor && a.TaskId is not null && a.OccurredAt > since)
            .GroupBy(a => a.TaskId!.Value).ToDictionary(g => g.Key, g => g.Max(a => a.OccurredAt));
        var due = open.Where(t => !recent.ContainsKey(t.Id)).ToList();
        if (due.Count == 0)
            return new([], open.Count == 0 ? null : open.Min(t => recent[t.Id]) + Interval);
        foreach (var task in due)
            await instances.UrgeAsync(task.Id, actor, note, cancellationToken);
        return new(due, null);
    }
}
