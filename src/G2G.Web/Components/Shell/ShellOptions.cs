namespace G2G.Web.Components.Shell;

/// <summary>Settings of the page header (section <c>Ui</c>; docs/operations.md, "Badge counts").</summary>
public sealed class ShellOptions
{
    /// <summary>
    /// How often the node reads the badge counts (待办, 抄送我的, notifications) of the people who have a page open on it, in
    /// seconds (<see cref="BadgeBoard"/>): a change made on any node shows within this time. 1 to 300; default 5.
    /// </summary>
    public double BadgeRefreshSeconds { get; set; } = 5;
}
