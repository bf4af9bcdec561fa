namespace G2G.Web.Components.Pages;

/// <summary>The lists of the inbox that filters and sorting narrow (抄送我的 has neither).</summary>
public enum InboxList
{
    /// <summary>待办</summary>
    ToDo,

    /// <summary>已办</summary>
    Done,

    /// <summary>我发起的</summary>
    Started,
}

/// <summary>A grid's sorted column as the inbox queries name their orders ("due", "-due" descending, …).</summary>
internal static class InboxSort
{
    private static readonly Dictionary<string, string> Orders = new(StringComparer.Ordinal)
    {
        ["DueAt"] = "due", ["CreatedAt"] = "created", ["CompletedAt"] = "completed", ["StartedAt"] = "started",
    };

    /// <summary>The order of the grid's first sorted column; null (the list's default order) when none is sorted.</summary>
    public static string? Of<T>(MudBlazor.GridState<T> state) =>
        state.SortDefinitions.FirstOrDefault() is { } sort && Orders.TryGetValue(sort.SortBy, out var order)
            ? sort.Descending ? "-" + order : order
            : null;
}
