using G2G.Engine.Model;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Security;

/// <summary>A position a person holds, where: what <c>position(…)</c> starter rules are checked against.</summary>
public sealed record HeldPosition(string Name, string AgencyId, string? DepartmentId);

/// <summary>
/// Who may start a process themselves: its <c>g2g:starters</c> (docs/bpmn-extensions.md, "Who may start") against a
/// person. The catalog shows only what they may start, and a start by them of anything else is refused. Trusted code,
/// the system and starts on someone's behalf by a start-on-behalf token are not people starting for themselves.
/// </summary>
public static class StarterAccess
{
    /// <summary>Whether any rule of <paramref name="starters"/> (null: anyone; empty: nobody) names the caller.</summary>
    public static bool Matches(Caller caller, IReadOnlyList<StarterRule>? starters, IReadOnlyList<HeldPosition> positions)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(positions);
        return starters is null || starters.Any(rule => rule.Kind switch
        {
            "user" => rule.Arguments[0] == caller.UserId,
            "group" => caller.Groups.Contains(rule.Arguments[0]),
            "position" => positions.Any(p => p.Name == rule.Arguments[0]
                && (rule.Arguments.Length == 1 || p.DepartmentId == rule.Arguments[1] || p.AgencyId == rule.Arguments[1])),
            _ => false,
        });
    }

    /// <summary>Whether some of <paramref name="starters"/> need the caller's positions (read only then).</summary>
    public static bool NeedsPositions(IEnumerable<IReadOnlyList<StarterRule>?> starters) =>
        starters.Any(rules => rules?.Any(r => r.Kind == "position") == true);

    public static async Task<IReadOnlyList<HeldPosition>> PositionsAsync(G2GDbContext db, string userId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Set<UserPositionRecord>().AsNoTracking().Where(p => p.UserId == userId)
            .Select(p => new HeldPosition(p.Name, p.AgencyId, p.DepartmentId)).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refuses (403, audited) a person's start of a process whose starters do not name them.</summary>
    public static async Task AuthorizeAsync(G2GDbContext db, Caller caller, ProcessDefinition definition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(definition);
        if (definition.Starters is not { } starters)
            return;
        var positions = NeedsPositions([starters]) ? await PositionsAsync(db, caller.UserId, cancellationToken).ConfigureAwait(false) : [];
        if (Matches(caller, starters, positions))
            return;
        var name = definition.Name ?? definition.Key;
        throw AccessRefusals.Forbidden(caller, starters.Count == 0
            ? RuntimeMessages.NobodyStarts(name)
            : RuntimeMessages.NotAStarter(name, string.Join(", ", starters)), $"process {definition.Key}", "start");
    }
}
