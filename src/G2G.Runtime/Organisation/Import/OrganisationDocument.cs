namespace G2G.Runtime.Organisation.Import;

/// <summary>Where an item was written: <c>line 7</c> in a CSV file, <c>$.users[3]</c> in a JSON file.</summary>
public sealed record ImportProblem(string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}

/// <summary>A position held by a user; <see cref="UnitId"/> null means the user's home department (else their agency).</summary>
public sealed record PositionItem(string UserId, string Name, string? UnitId);

/// <summary>A group, with its members listed separately.</summary>
public sealed record GroupItem(string Id, string Name, string? AgencyId);

/// <summary>A user's membership in a group.</summary>
public sealed record MemberItem(string GroupId, string UserId);

/// <summary>One item of an import and where it was written.</summary>
public sealed record Located<T>(T Item, string Location);

/// <summary>An organisation read from a file, format-neutral, every item with its location; what could not be read is in <see cref="Problems"/>.</summary>
public sealed class OrganisationDocument
{
    public List<Located<NewAgency>> Agencies { get; } = [];
    public List<Located<GuidanceLine>> GuidanceLines { get; } = [];
    public List<Located<NewDepartment>> Departments { get; } = [];
    public List<Located<NewUser>> Users { get; } = [];
    public List<Located<PositionItem>> Positions { get; } = [];
    public List<Located<GroupItem>> Groups { get; } = [];
    public List<Located<MemberItem>> Members { get; } = [];
    public List<Located<NewDelegation>> Delegations { get; } = [];
    public List<ImportProblem> Problems { get; } = [];

    /// <summary>Adds a problem for every id defined twice in the document, naming both places.</summary>
    internal void CheckDuplicates()
    {
        Duplicates(Agencies, a => a.Id, "agency");
        Duplicates(Departments, d => d.Id, "department");
        Duplicates(Users, u => u.Id, "user");
        Duplicates(Groups, g => g.Id, "group");
        var units = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var agency in Agencies)
            units.TryAdd(agency.Item.Id, agency.Location);
        foreach (var department in Departments.Where(d => units.ContainsKey(d.Item.Id)))
            Problems.Add(new(department.Location, $"'{department.Item.Id}' is also an agency ({units[department.Item.Id]}); agencies and departments share one set of ids."));
    }

    private void Duplicates<T>(List<Located<T>> items, Func<T, string> id, string what)
    {
        var first = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = id(item.Item);
            if (!first.TryAdd(key, item.Location))
                Problems.Add(new(item.Location, $"{what} '{key}' is defined twice (first at {first[key]})."));
        }
    }
}
