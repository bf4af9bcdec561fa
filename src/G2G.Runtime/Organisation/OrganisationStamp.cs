using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Assignment;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace G2G.Runtime.Organisation;

/// <summary>
/// Keeps the organisation's stamp (<see cref="OrganisationStampRecord"/>) in step with the organisation: before every
/// SaveChanges of the context, if an agency, guidance line, department, position, group, membership or delegation is
/// added, changed or removed, or a user is added or removed or their activity, department, agency or clearance
/// changes, the stamp gets a new value in the same save (the same transaction). A sign-in (lockout counters,
/// security stamp) leaves it alone.
/// </summary>
internal static class OrganisationStamp
{
    private static readonly HashSet<Type> OrganisationTypes =
    [
        typeof(G2GUser), typeof(AgencyRecord), typeof(GuidanceLineRecord), typeof(DepartmentRecord), typeof(UserPositionRecord),
        typeof(GroupRecord), typeof(GroupMemberRecord), typeof(DelegationRecord),
    ];

    /// <summary>The properties of a user that rules read; other changes of a user do not move the stamp.</summary>
    private static readonly HashSet<string> UserPropertiesRulesRead =
        [nameof(G2GUser.IsActive), nameof(G2GUser.DepartmentId), nameof(G2GUser.AgencyId), nameof(G2GUser.Clearance)];

    public static void RenewIfChanged(DbContext db)
    {
        if (!db.ChangeTracker.Entries().Any(ChangesTheOrganisation))
            return;
        var value = Guid.NewGuid().ToString("D");
        if (db.ChangeTracker.Entries<OrganisationStampRecord>().FirstOrDefault() is { } tracked)
        {
            tracked.Entity.Stamp = value;
            return;
        }
        var stamp = new OrganisationStampRecord { Id = OrganisationStampRecord.RowId, Stamp = value };
        db.Attach(stamp).Property(s => s.Stamp).IsModified = true;
    }

    private static bool ChangesTheOrganisation(EntityEntry entry) => OrganisationTypes.Contains(entry.Metadata.ClrType) && entry.State switch
    {
        EntityState.Added or EntityState.Deleted => true,
        EntityState.Modified => entry.Entity is not G2GUser || entry.Properties.Any(p => p.IsModified && UserPropertiesRulesRead.Contains(p.Metadata.Name)),
        _ => false,
    };
}

/// <summary>
/// What assignment rules resolved to on this node, under the organisation's stamp they were resolved with (one per
/// node). A command reads the stamp (one row) and takes a rule's people from here when nothing changed since: an entry
/// serves only a command that read the stamp it was resolved under. The two stamps added to last are kept, so right
/// after a change the commands still running under the old stamp and the new ones do not evict each other; a third
/// drops the older. Failures are not kept: they become incidents and are rare. At most <see cref="Capacity"/> entries
/// per stamp; when full that stamp's entries start over.
/// </summary>
public sealed class ResolvedAssignments
{
    public const int Capacity = 10_000;

    private readonly Lock _gate = new();
    private Generation _current = new(null), _previous = new(null);

    /// <summary>What was resolved under one stamp.</summary>
    private sealed class Generation(string? stamp)
    {
        public string? Stamp { get; } = stamp;

        public Dictionary<Key, TaskAssignment> Entries { get; } = [];
    }

    /// <summary>What a resolution depends on: the rule with its arguments as the resolver reads them, and the instance's facts.</summary>
    public readonly record struct Key(string Rule, string? Initiator, string? AgencyId, ClearanceLevel Classification, string ProcessKey, DateOnly Today)
    {
        public static Key Of(ResolvedAssignment rule, AssignmentContext context, DateOnly today) =>
            new($"{rule.Kind}({string.Join(", ", rule.Arguments.Select(Argument))})", context.Initiator, context.AgencyId, context.Classification, context.ProcessKey, today);

        /// <summary>An argument as the resolver reads it: a record by its id, a list by its items, in brackets.</summary>
        private static string Argument(Value value) => value switch
        {
            StringValue s => "'" + s.Value.Replace("'", "''", StringComparison.Ordinal) + "'",
            RecordValue r when r.Fields.TryGetValue("id", out var id) => Argument(id),
            ListValue list => "[" + string.Join(", ", list.Items.Select(Argument)) + "]",
            NullValue => "null",
            _ => value.ToString() ?? "",
        };
    }

    public bool TryGet(string stamp, Key key, out TaskAssignment assignment)
    {
        lock (_gate)
        {
            if (Of(stamp) is { } generation && generation.Entries.TryGetValue(key, out var found))
            {
                assignment = found;
                return true;
            }
        }
        assignment = null!;
        return false;
    }

    public void Add(string stamp, Key key, TaskAssignment assignment)
    {
        lock (_gate)
        {
            if (Of(stamp) is not { } generation)
            {
                _previous = _current;
                _current = generation = new Generation(stamp);
            }
            if (generation.Entries.Count >= Capacity)
                generation.Entries.Clear();
            generation.Entries[key] = assignment;
        }
    }

    private Generation? Of(string stamp) =>
        _current.Stamp == stamp ? _current : _previous.Stamp == stamp ? _previous : null;
}
