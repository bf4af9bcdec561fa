namespace G2G.Web.Components.Shell;

/// <summary>Settings of the page header (section <c>Ui</c>; docs/operations.md, "Badge counts").</summary>
public sealed class ShellOptions
{
    /// <summary>
    /// How often each open page asks the database for its user's badge counts (待办, 抄送我的, notifications), in
    /// seconds: a change made on any node shows within this time. 1 to 300; default 5.
    /// </summary>
    public double BadgeRefreshSeconds { get; set; } = 5;
}
