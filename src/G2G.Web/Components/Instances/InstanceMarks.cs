using G2G.Runtime.Instances;
using G2G.Runtime.Queries;

namespace G2G.Web.Components.Instances;

/// <summary>
/// What the instance's diagram marks: the path taken (elements completed, flows taken), the current steps (an open
/// task there; for elements without tasks, entered and not yet left) and the overdue ones (an open task past its due
/// date). Element ids of
/// the diagram; the script skips ids it does not draw.
/// </summary>
public sealed record InstanceMarks(IReadOnlyList<string> Taken, IReadOnlyList<string> Current, IReadOnlyList<string> Overdue)
{
    public static InstanceMarks From(IReadOnlyList<HistoryView> history, IReadOnlyList<TaskView> tasks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(tasks);
        var taken = history.Where(h => h.Phase is "Completed" or "Taken").Select(h => h.ElementId).ToHashSet(StringComparer.Ordinal);
        // Per token: an element entered and neither completed nor cancelled afterwards is where the token is now.
        var current = history.Where(h => h.Phase is "Started" or "Completed" or "Cancelled")
            .GroupBy(h => (h.ElementId, h.TokenId)).Where(g => g.Last().Phase == "Started").Select(g => g.Key.ElementId)
            .ToHashSet(StringComparer.Ordinal);
        // A step with tasks is current exactly while one of them is open (a task sent back is done, whatever its history says).
        var open = tasks.Where(t => t.State == TaskStates.Open).ToList();
        current.ExceptWith(tasks.Select(t => t.ElementId));
        current.UnionWith(open.Select(t => t.ElementId));
        var overdue = open.Where(t => t.DueAt < now).Select(t => t.ElementId).ToHashSet(StringComparer.Ordinal);
        current.ExceptWith(overdue);
        return new InstanceMarks([.. taken.Order(StringComparer.Ordinal)], [.. current.Order(StringComparer.Ordinal)], [.. overdue.Order(StringComparer.Ordinal)]);
    }
}
