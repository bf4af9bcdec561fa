using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Assignment;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>
/// Resolves assignment rules against the organisation (docs/organisation.md, "Assignment rules"):
/// <c>user</c>, <c>initiator</c> and <c>departmentHead</c> name one person, who becomes the assignee;
/// <c>users</c> and <c>group</c> offer the task to candidates; <c>position</c> and <c>leader</c> assign the
/// holder when there is exactly one and offer the task to all holders otherwise. Only active users count.
/// A standing delegation in force today for the procedure replaces a person by their delegate (recorded as
/// <see cref="TaskAssignment.OnBehalfOf"/> for an assignee). A rule that finds nobody throws
/// <see cref="AssignmentUnresolvedException"/>, which the runtime turns into an incident.
/// <para>
/// Until the organisation has its first user, rules resolve as <see cref="DirectAssignmentResolver"/> did (user ids
/// as given, organisational rules as named candidate groups), so an installation without an organisation keeps working.
/// Once a user is seen the node remembers it (<see cref="OrganisationPresence"/>), so commands stop asking; until
/// then it remembers the absence under the organisation's stamp, so commands ask again only after a change.
/// </para>
/// <para>
/// What a rule resolved to is kept on the node under the organisation's stamp (<see cref="ResolvedAssignments"/>): a
/// command reads the stamp, one row, and resolves with the organisation's tables only when the organisation changed
/// since, anywhere, or the rule, initiator, agency, 密级, procedure or day is new.
/// </para>
/// </summary>
public sealed class OrganisationAssignmentResolver(G2GDbContext db, OrganisationPresence presence, ResolvedAssignments resolved, TimeProvider clock) : IAssignmentResolver
{
    private static readonly DirectAssignmentResolver Direct = new();

    public async Task<TaskAssignment> ResolveAsync(ResolvedAssignment? rule, AssignmentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Read before resolving (by the command's load, or here): a change committed meanwhile has a newer stamp, so what
        // is resolved now is never served for it.
        var stamp = context.OrganisationStamp
            ?? await db.Set<OrganisationStampRecord>().AsNoTracking().Where(s => s.Id == OrganisationStampRecord.RowId).Select(s => s.Stamp)
                .FirstAsync(cancellationToken).ConfigureAwait(false);
        if (!await presence.ExistsAsync(db, stamp, cancellationToken).ConfigureAwait(false))
            return await Direct.ResolveAsync(rule, context, cancellationToken).ConfigureAwait(false);
        if (rule is null)
            throw new AssignmentUnresolvedException("(none)", "the task has no g2g:assignee rule.");

        var today = OrganisationClock.Today(clock);
        var key = ResolvedAssignments.Key.Of(rule, context, today);
        if (resolved.TryGet(stamp, key, out var known))
            return known;
        var assignment = await ResolveAsync(rule, context, today, cancellationToken).ConfigureAwait(false);
        resolved.Add(stamp, key, assignment);
        return assignment;
    }

    private async Task<TaskAssignment> ResolveAsync(ResolvedAssignment rule, AssignmentContext context, DateOnly today, CancellationToken cancellationToken)
    {
        var resolution = new Resolution(db, rule, context, cancellationToken);
        var (people, single) = rule.Kind switch
        {
            "user" => ([await resolution.ActiveUserAsync(resolution.UserId(0), "user").ConfigureAwait(false)], true),
            "users" => (await resolution.UsersAsync().ConfigureAwait(false), false),
            "initiator" => ([await resolution.ActiveUserAsync(context.Initiator, "initiator").ConfigureAwait(false)], true),
            "position" => (await resolution.PositionAsync().ConfigureAwait(false), true),
            "leader" => (await resolution.LeaderAsync().ConfigureAwait(false), true),
            "departmentHead" => ([await resolution.DepartmentHeadAsync().ConfigureAwait(false)], true),
            "group" => (await resolution.GroupAsync().ConfigureAwait(false), false),
            _ => throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.UnknownAssignmentRule(rule.Kind)),
        };

        var routed = new List<(string User, string Meant)>();
        foreach (var person in people.Distinct(StringComparer.Ordinal))
            routed.Add((await DelegationRouting.RouteAsync(db, person, context.ProcessKey, today, cancellationToken).ConfigureAwait(false), person));
        routed = await ClearedAsync(rule, routed, context.Classification, cancellationToken).ConfigureAwait(false);
        if (single && routed.Count == 1)
        {
            var (user, meant) = routed[0];
            return new TaskAssignment(user, [], [], user == meant ? null : meant);
        }
        return new TaskAssignment(null, [.. routed.Select(r => r.User).Distinct(StringComparer.Ordinal)], []);
    }

    /// <summary>
    /// Only people cleared for the document's 密级 receive it (else they could not see their own task); a rule whose
    /// people are all below it resolves to nobody, naming them.
    /// </summary>
    private async Task<List<(string User, string Meant)>> ClearedAsync(ResolvedAssignment rule, List<(string User, string Meant)> routed,
        ClearanceLevel classification, CancellationToken cancellationToken)
    {
        if (classification == ClearanceLevel.Unclassified)
            return routed;
        var ids = routed.SelectMany(r => new[] { r.User, r.Meant }).Distinct(StringComparer.Ordinal).ToList();
        var cleared = (await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.Clearance >= classification).Select(u => u.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        // A delegate without the clearance leaves the task with the person it was meant for, if they have it.
        var kept = new List<(string User, string Meant)>();
        foreach (var (user, meant) in routed)
        {
            if (cleared.Contains(user))
                kept.Add((user, meant));
            else if (cleared.Contains(meant))
                kept.Add((meant, meant));
        }
        if (kept.Count == 0)
        {
            throw new AssignmentUnresolvedException(Describe(rule),
                $"the document is classified {classification.ChineseName()} ({classification}) and none of {string.Join(", ", ids)} is cleared for it.");
        }
        return kept;
    }

    /// <summary>The text of a rule with its evaluated arguments, as incident messages show it.</summary>
    internal static string Describe(ResolvedAssignment rule) => $"{rule.Kind}({string.Join(", ", rule.Arguments)})";

    /// <summary>One resolution: the rule, the context and the initiator looked up at most once.</summary>
    private sealed class Resolution(G2GDbContext db, ResolvedAssignment rule, AssignmentContext context, CancellationToken cancellationToken)
    {
        private G2GUser? _initiator;
        private bool _initiatorLoaded;

        private AssignmentUnresolvedException Nobody(string reason) => new(Describe(rule), reason);

        /// <summary>A text argument; a record (such as the initiator variable) stands for its <c>id</c>.</summary>
        public string? Text(int index) => index < rule.Arguments.Length ? Text(rule.Arguments[index]) : null;

        private static string? Text(Value value) => value switch
        {
            StringValue s => s.Value,
            RecordValue r when r.Fields.TryGetValue("id", out var id) => Text(id),
            NullValue => null,
            _ => value.ToString(),
        };

        public string? UserId(int index) => Text(index);

        public async Task<string> ActiveUserAsync(string? userId, string role)
        {
            if (string.IsNullOrEmpty(userId))
                throw Nobody(role == "initiator" ? "the instance has no initiator." : "the user id is empty.");
            var user = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Id, u.IsActive }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (user is null)
                throw Nobody(role == "initiator" ? $"the initiator '{userId}' is not a user of the organisation." : $"user '{userId}' does not exist.");
            if (!user.IsActive)
                throw Nobody(role == "initiator" ? $"the initiator '{userId}' is deactivated." : $"user '{userId}' is deactivated.");
            return user.Id;
        }

        public async Task<IReadOnlyList<string>> UsersAsync()
        {
            var ids = rule.Arguments.Length == 0 ? [] : rule.Arguments[0] is ListValue list
                ? list.Items.Select(Text).Where(i => !string.IsNullOrEmpty(i)).Select(i => i!).Distinct(StringComparer.Ordinal).ToList()
                : Text(0) is { Length: > 0 } one ? [one] : new List<string>();
            if (ids.Count == 0)
                throw Nobody("the list of users is empty.");
            var active = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (active.Count == 0)
                throw Nobody($"none of {string.Join(", ", ids)} is an active user.");
            return [.. ids.Where(active.Contains)];
        }

        public async Task<IReadOnlyList<string>> PositionAsync()
        {
            var name = Text(0);
            if (string.IsNullOrEmpty(name))
                throw Nobody("the position name is empty.");
            string unit;
            string unitSource;
            if (rule.Arguments.Length > 1)
            {
                unit = Text(1) ?? throw Nobody("the unit argument is empty.");
                unitSource = $"'{unit}'";
            }
            else
            {
                var initiator = await InitiatorAsync("the initiator's department").ConfigureAwait(false);
                unit = initiator.DepartmentId ?? throw Nobody($"no unit was given and the initiator '{initiator.Id}' has no home department.");
                unitSource = $"'{unit}', the home department of the initiator '{initiator.Id}'";
            }
            var holders = db.Set<UserPositionRecord>().AsNoTracking().Where(p => p.Name == name);
            if (await db.Set<DepartmentRecord>().Where(d => d.Id == unit).Select(d => (bool?)d.IsActive).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } departmentActive)
            {
                if (!departmentActive)
                    throw Nobody($"the department {unitSource} is closed.");
                holders = holders.Where(p => p.DepartmentId == unit);
            }
            else if (await db.Set<AgencyRecord>().Where(a => a.Id == unit).Select(a => (bool?)a.IsActive).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false) is { } agencyActive)
            {
                if (!agencyActive)
                    throw Nobody($"the agency {unitSource} is closed.");
                holders = holders.Where(p => p.AgencyId == unit);
            }
            else
            {
                throw Nobody($"the unit {unitSource} is neither a department nor an agency.");
            }
            var people = await ActiveHoldersAsync(holders).ConfigureAwait(false);
            return people.Count > 0 ? people : throw Nobody($"no active user holds the position {name} in {unitSource}.");
        }

        public async Task<IReadOnlyList<string>> LeaderAsync()
        {
            string agency;
            string source;
            if (rule.Arguments.Length > 0)
            {
                agency = Text(0) ?? throw Nobody("the agency argument is empty.");
                source = $"'{agency}'";
            }
            else if (await InitiatorOrNullAsync().ConfigureAwait(false) is { AgencyId: { } initiatorAgency } initiator)
            {
                agency = initiatorAgency;
                source = $"'{agency}', the agency of the initiator '{initiator.Id}'";
            }
            else if (context.AgencyId is { } instanceAgency)
            {
                agency = instanceAgency;
                source = $"'{agency}', the agency of the instance (the initiator '{context.Initiator}' is not a user with an agency)";
            }
            else
            {
                throw Nobody($"no agency was given, the initiator '{context.Initiator}' is not a user with an agency and the instance has none.");
            }
            var agencyActive = await db.Set<AgencyRecord>().Where(a => a.Id == agency).Select(a => (bool?)a.IsActive).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (agencyActive is null)
                throw Nobody($"the agency {source} does not exist.");
            if (agencyActive == false)
                throw Nobody($"the agency {source} is closed.");
            var people = await ActiveHoldersAsync(db.Set<UserPositionRecord>().AsNoTracking().Where(p => p.AgencyId == agency && p.Name == Positions.PrincipalLeader)).ConfigureAwait(false);
            return people.Count > 0 ? people : throw Nobody($"no active user holds the position {Positions.PrincipalLeader} in the agency {source}.");
        }

        public async Task<string> DepartmentHeadAsync()
        {
            string departmentId;
            string source;
            if (rule.Arguments.Length > 0)
            {
                departmentId = Text(0) ?? throw Nobody("the department argument is empty.");
                source = $"'{departmentId}'";
            }
            else
            {
                var initiator = await InitiatorAsync("the initiator's department").ConfigureAwait(false);
                departmentId = initiator.DepartmentId ?? throw Nobody($"no department was given and the initiator '{initiator.Id}' has no home department.");
                source = $"'{departmentId}', the home department of the initiator '{initiator.Id}'";
            }
            var department = await db.Set<DepartmentRecord>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == departmentId, cancellationToken).ConfigureAwait(false)
                ?? throw Nobody($"the department {source} does not exist.");
            if (!department.IsActive)
                throw Nobody($"the department {source} is closed.");
            if (department.HeadUserId is null)
                throw Nobody($"the department {source} has no head.");
            var head = await db.Users.AsNoTracking().Where(u => u.Id == department.HeadUserId).Select(u => new { u.Id, u.IsActive }).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (head is null || !head.IsActive)
                throw Nobody($"the head '{department.HeadUserId}' of the department {source} is {(head is null ? "not a user" : "deactivated")}.");
            return head.Id;
        }

        public async Task<IReadOnlyList<string>> GroupAsync()
        {
            var key = Text(0);
            if (string.IsNullOrEmpty(key))
                throw Nobody("the group name is empty.");
            var groups = db.Set<GroupRecord>().AsNoTracking();
            var group = await groups.Where(g => g.Id == key).Select(g => g.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            if (group is null)
            {
                var named = await groups.Where(g => g.Name == key).Select(g => g.Id).Take(2).ToListAsync(cancellationToken).ConfigureAwait(false);
                group = named.Count switch
                {
                    1 => named[0],
                    0 => throw Nobody($"there is no group with the id or name '{key}'."),
                    _ => throw Nobody($"several groups are named '{key}' ({string.Join(", ", named)}); use the group id."),
                };
            }
            var members = await db.Set<GroupMemberRecord>().AsNoTracking().Where(m => m.GroupId == group)
                .Join(db.Users.Where(u => u.IsActive), m => m.UserId, u => u.Id, (m, u) => u.Id)
                .OrderBy(u => u).ToListAsync(cancellationToken).ConfigureAwait(false);
            return members.Count > 0 ? members : throw Nobody($"the group '{group}' has no active members.");
        }

        private Task<List<string>> ActiveHoldersAsync(IQueryable<UserPositionRecord> holders) =>
            holders.Join(db.Users.Where(u => u.IsActive), p => p.UserId, u => u.Id, (p, u) => u.Id)
                .Distinct().OrderBy(u => u).ToListAsync(cancellationToken);

        private async Task<G2GUser?> InitiatorOrNullAsync()
        {
            if (!_initiatorLoaded && context.Initiator is { } id)
                _initiator = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken).ConfigureAwait(false);
            _initiatorLoaded = true;
            return _initiator;
        }

        private async Task<G2GUser> InitiatorAsync(string needed) =>
            await InitiatorOrNullAsync().ConfigureAwait(false)
            ?? throw Nobody(context.Initiator is null
                ? $"the rule needs {needed}, but the instance has no initiator."
                : $"the rule needs {needed}, but the initiator '{context.Initiator}' is not a user of the organisation.");
    }
}

/// <summary>
/// Whether the organisation has its first user, remembered by the node once true: users are deactivated, never
/// deleted, so it stays true. Until then the node remembers the absence only under the organisation's stamp it was
/// seen with: adding a user renews the stamp (<see cref="OrganisationStamp"/>), so a command whose load read the same
/// stamp knows without asking that there is still nobody, and the first import, on any node, takes effect at the
/// next task.
/// </summary>
public sealed class OrganisationPresence
{
    private volatile bool _exists;
    private volatile string? _absentUnderStamp;

    /// <param name="db">The command's context.</param>
    /// <param name="stamp">The organisation's stamp, read by the command before this call.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public async ValueTask<bool> ExistsAsync(G2GDbContext db, string stamp, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_exists)
            return true;
        if (stamp == _absentUnderStamp)
            return false;
        // Asked after the stamp was read: a user added since is seen here, and one added later renews the stamp.
        _exists = await db.Users.AnyAsync(cancellationToken).ConfigureAwait(false);
        if (!_exists)
            _absentUnderStamp = stamp;
        return _exists;
    }
}
