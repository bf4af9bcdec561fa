namespace G2G.Runtime.Organisation;

/// <summary>How two agencies stand to each other; document direction (上行文/下行文/平行文) is checked against it.</summary>
public enum AgencyRelationKind
{
    /// <summary>Both are the same agency.</summary>
    Same,

    /// <summary>隶属关系: one is an ancestor of the other in the agency tree.</summary>
    Subordination,

    /// <summary>业务指导关系: a declared guidance line from the superior office to the subordinate one.</summary>
    Guidance,

    /// <summary>平行关系: peers under the same parent.</summary>
    Parallel,

    /// <summary>不相隶属关系: everything else.</summary>
    NonAffiliated,
}

/// <summary>The relationship of <see cref="First"/> to <see cref="Second"/>; for 隶属 and 业务指导, which one is superior.</summary>
public sealed record AgencyRelation(string First, string Second, AgencyRelationKind Kind, string? SuperiorId = null, string? SubordinateId = null)
{
    /// <summary>Whether <see cref="First"/> is the superior (of a subordination or guidance line).</summary>
    public bool FirstIsSuperior => SuperiorId is not null && SuperiorId == First;

    /// <summary>Whether <see cref="Second"/> is the superior (of a subordination or guidance line).</summary>
    public bool SecondIsSuperior => SuperiorId is not null && SuperiorId == Second;

    /// <summary>The relationship in words, e.g. "gd is the superior of gz (隶属 subordination)".</summary>
    public override string ToString() => Kind switch
    {
        AgencyRelationKind.Same => $"{First} and {Second} are the same agency",
        AgencyRelationKind.Subordination => $"{SuperiorId} is the superior of {SubordinateId} (隶属 subordination)",
        AgencyRelationKind.Guidance => $"{SuperiorId} guides {SubordinateId} (业务指导 guidance)",
        AgencyRelationKind.Parallel => $"{First} and {Second} are parallel under one superior (平行 parallel)",
        _ => $"{First} and {Second} are not affiliated (不相隶属 non-affiliated)",
    };
}

/// <summary>A declared 业务指导 line.</summary>
public sealed record GuidanceLine(string SuperiorId, string SubordinateId);

/// <summary>
/// The relationship between any two agencies, as a pure function of the agency tree and the declared guidance
/// lines: 隶属 when one is an ancestor of the other (at any depth), else 业务指导 when a line is declared between
/// them (in either direction), else 平行 when they have the same parent, else 不相隶属. Two roots have no
/// common superior in the tree and are therefore not affiliated.
/// </summary>
public sealed class AgencyRelations
{
    private readonly Dictionary<string, string?> _parents;
    private readonly HashSet<(string Superior, string Subordinate)> _guidance;

    /// <summary>Builds the relations from (id, parent id) pairs and guidance lines. A parent must be one of the agencies; the tree must have no cycle.</summary>
    public AgencyRelations(IEnumerable<(string Id, string? ParentId)> agencies, IEnumerable<GuidanceLine> guidance)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        ArgumentNullException.ThrowIfNull(guidance);
        _parents = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (id, parent) in agencies)
        {
            if (!_parents.TryAdd(id, parent))
                throw new ArgumentException($"Agency '{id}' is listed twice.", nameof(agencies));
        }
        foreach (var (id, parent) in _parents)
        {
            if (parent is not null && !_parents.ContainsKey(parent))
                throw new ArgumentException($"Agency '{id}' has the unknown parent '{parent}'.", nameof(agencies));
            Ancestors(id); // throws on a cycle
        }
        _guidance = [];
        foreach (var line in guidance)
        {
            Require(line.SuperiorId);
            Require(line.SubordinateId);
            _guidance.Add((line.SuperiorId, line.SubordinateId));
        }
    }

    /// <summary>Whether the agency is known.</summary>
    public bool Contains(string agencyId) => _parents.ContainsKey(agencyId);

    /// <summary>The agency's parent, its parent's parent and so on up to the root.</summary>
    public IReadOnlyList<string> Ancestors(string agencyId)
    {
        Require(agencyId);
        var result = new List<string>();
        for (var current = _parents[agencyId]; current is not null; current = _parents[current])
        {
            if (current == agencyId || result.Contains(current))
                throw new ArgumentException($"The agency tree has a cycle through '{current}'.");
            result.Add(current);
        }
        return result;
    }

    /// <summary>The relationship of <paramref name="first"/> to <paramref name="second"/>.</summary>
    public AgencyRelation Between(string first, string second)
    {
        Require(first);
        Require(second);
        if (first == second)
            return new AgencyRelation(first, second, AgencyRelationKind.Same);
        if (Ancestors(second).Contains(first))
            return new AgencyRelation(first, second, AgencyRelationKind.Subordination, first, second);
        if (Ancestors(first).Contains(second))
            return new AgencyRelation(first, second, AgencyRelationKind.Subordination, second, first);
        if (_guidance.Contains((first, second)))
            return new AgencyRelation(first, second, AgencyRelationKind.Guidance, first, second);
        if (_guidance.Contains((second, first)))
            return new AgencyRelation(first, second, AgencyRelationKind.Guidance, second, first);
        if (_parents[first] is { } parent && parent == _parents[second])
            return new AgencyRelation(first, second, AgencyRelationKind.Parallel);
        return new AgencyRelation(first, second, AgencyRelationKind.NonAffiliated);
    }

    private void Require(string agencyId)
    {
        ArgumentNullException.ThrowIfNull(agencyId);
        if (!_parents.ContainsKey(agencyId))
            throw new ArgumentException($"Agency '{agencyId}' is not in the agency tree.", nameof(agencyId));
    }
}
