using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;
using G2G.Runtime.Assignment;

namespace G2G.Runtime.Organisation;

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
