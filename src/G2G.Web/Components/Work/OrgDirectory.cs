using System.Collections.Concurrent;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Security;

namespace G2G.Web.Components.Work;

/// <summary>A person or department as a picker offers it: the id submitted and the name shown.</summary>
public sealed record OrgChoice(string Id, string Label);

/// <summary>
/// The organisation as the pickers of the work pages search it: active people of every agency by name or user name, the
/// departments of the caller's agency by name; names of ids for showing who acted. Reads through
/// <see cref="OrganisationQueries"/>, as the API does.
/// </summary>
public sealed class OrgDirectory(OrganisationQueries queries, CallerContext callers)
{
    private const int MaxChoices = 20;
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private IReadOnlyList<OrgChoice>? _departments;

    public async Task<IReadOnlyList<OrgChoice>> UsersAsync(string? text, CancellationToken cancellationToken = default)
    {
        var page = await queries.UsersAsync(new UserFilter(Text: text, Active: true), 1, MaxChoices, cancellationToken);
        return [.. page.Items.Select(u => Remember(u.Id, $"{u.DisplayName}（{u.Id}）"))];
    }

    public async Task<IReadOnlyList<OrgChoice>> DepartmentsAsync(string? text, CancellationToken cancellationToken = default)
    {
        _departments ??= callers.Current?.AgencyId is { } agency
            ? [.. (await queries.GetAgencyAsync(agency, cancellationToken)).Departments.Where(d => d.IsActive).Select(d => Remember(d.Id, d.Name))]
            : [];
        return [.. _departments.Where(d => string.IsNullOrWhiteSpace(text) || d.Label.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
            || d.Id.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).Take(MaxChoices)];
    }

    /// <summary>How a person or department is shown: its name, or the id itself when it is neither (or is hidden).</summary>
    public async Task<string> NameAsync(string id, CancellationToken cancellationToken = default)
    {
        if (_names.TryGetValue(id, out var known))
            return known;
        try
        {
            var user = await queries.GetUserAsync(id, cancellationToken);
            return Remember(id, $"{user.User.DisplayName}（{id}）").Label;
        }
        catch (RuntimeException missing) when (missing.Code == RuntimeErrorCode.NotFound)
        {
            try
            {
                return Remember(id, (await queries.GetDepartmentAsync(id, cancellationToken)).Name).Label;
            }
            catch (RuntimeException notDepartment) when (notDepartment.Code == RuntimeErrorCode.NotFound)
            {
                return _names.GetOrAdd(id, id);
            }
        }
    }

    /// <summary>The name of an id this directory has already shown (in a picker or a list), else null.</summary>
    public string? KnownName(string id) => _names.GetValueOrDefault(id);

    /// <summary>The names of several ids, once each.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
            names[id] = await NameAsync(id, cancellationToken);
        return names;
    }

    private OrgChoice Remember(string id, string label)
    {
        _names[id] = label;
        return new OrgChoice(id, label);
    }
}
