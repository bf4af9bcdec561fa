using G2G.Runtime.Assignment;
using G2G.Runtime.Organisation;

namespace G2G.Runtime.Tests.Organisation;

/// <summary>
/// The node's cache of resolved rules serves an entry only to a command that read the stamp it was resolved under,
/// and keeps the last two stamps, so the commands still running under the old stamp right after a change and the
/// new ones do not throw each other's entries away.
/// </summary>
public sealed class ResolvedAssignmentsTests
{
    private static readonly DateOnly Today = new(2026, 12, 3);

    private static ResolvedAssignments.Key Rule(string rule) =>
        new(rule, "zheng.kai", "sf-fin", ClearanceLevel.Unclassified, "leave", Today);

    private static TaskAssignment To(string user) => new(user, [], []);

    private static string? Get(ResolvedAssignments cache, string stamp, string rule) =>
        cache.TryGet(stamp, Rule(rule), out var found) ? found.Assignee : null;

    [Fact]
    public void AnEntry_ServesOnlyItsOwnStamp()
    {
        var cache = new ResolvedAssignments();
        cache.Add("s1", Rule("departmentHead()"), To("wu.fang"));

        Assert.Equal("wu.fang", Get(cache, "s1", "departmentHead()"));
        Assert.Null(Get(cache, "s2", "departmentHead()"));
        Assert.Null(Get(cache, "s1", "leader()"));
    }

    [Fact]
    public void RightAfterAChange_CommandsUnderTheOldAndTheNewStamp_KeepEachOthersEntries()
    {
        var cache = new ResolvedAssignments();
        cache.Add("old", Rule("departmentHead()"), To("wu.fang"));
        cache.Add("new", Rule("departmentHead()"), To("huang.qiang"));
        // A command that read the stamp before the change finishes after it.
        cache.Add("old", Rule("leader()"), To("liu.cai"));

        Assert.Equal("huang.qiang", Get(cache, "new", "departmentHead()"));
        Assert.Equal("wu.fang", Get(cache, "old", "departmentHead()"));
        Assert.Equal("liu.cai", Get(cache, "old", "leader()"));
    }

    [Fact]
    public void AThirdStamp_DropsTheOlderOfTheTwo()
    {
        var cache = new ResolvedAssignments();
        cache.Add("s1", Rule("departmentHead()"), To("wu.fang"));
        cache.Add("s2", Rule("departmentHead()"), To("huang.qiang"));
        cache.Add("s3", Rule("departmentHead()"), To("ma.lin"));

        Assert.Null(Get(cache, "s1", "departmentHead()"));
        Assert.Equal("huang.qiang", Get(cache, "s2", "departmentHead()"));
        Assert.Equal("ma.lin", Get(cache, "s3", "departmentHead()"));
    }

    [Fact]
    public void AFullStamp_StartsOver_WithoutTouchingTheOther()
    {
        var cache = new ResolvedAssignments();
        cache.Add("other", Rule("leader()"), To("liu.cai"));
        for (var i = 0; i < ResolvedAssignments.Capacity; i++)
            cache.Add("busy", Rule($"user('u{i}')"), To($"u{i}"));
        Assert.Equal("u0", Get(cache, "busy", "user('u0')"));

        cache.Add("busy", Rule("user('one-more')"), To("one-more"));

        Assert.Null(Get(cache, "busy", "user('u0')"));
        Assert.Equal("one-more", Get(cache, "busy", "user('one-more')"));
        Assert.Equal("liu.cai", Get(cache, "other", "leader()"));
    }
}
