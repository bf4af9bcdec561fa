using System.Collections.Concurrent;
using G2G.Runtime;
using G2G.Runtime.Organisation;
using G2G.Runtime.Security;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Web.Components.Work;

/// <summary>A person or department as a picker offers it: the id submitted and the name shown.</summary>
public sealed record OrgChoice(string Id, string Label);

/// <summary>
/// The organisation as the pickers of the work pages search it: active people of every agency by name or user name, the
/// departments of the caller's agency by name; names of ids for showing who acted. Reads through
/// <see cref="OrganisationQueries"/>, as the API does, as the circuit's caller but in a service scope of its own: a picker
/// searches while the user types, whatever else the page is loading at that moment through the circuit's database context
/// (which takes one operation at a time).
/// </summary>
public sealed class OrgDirectory(IServiceScopeFactory scopes, CallerContext callers)
{
    private const int MaxChoices = 20;
    private readonly ConcurrentDictionary<string, string> _names = new(StringComparer.Ordinal);
    private IReadOnlyList<OrgChoice>? _departments;

    public async Task<IReadOnlyList<OrgChoice>> UsersAsync(string? text, CancellationToken cancellationToken = default)
    {
        var page = await ReadAsync(queries => queries.UsersAsync(new UserFilter(Text: text, Active: true), 1, MaxChoices, cancellationToken));
        return [.. page.Items.Select(u => Remember(u.Id, $"{u.DisplayName}（{u.Id}）"))];
    }

    public async Task<IReadOnlyList<OrgChoice>> DepartmentsAsync(string? text, CancellationToken cancellationToken = default)
    {
        _departments ??= callers.Current?.AgencyId is { } agency
            ? [.. (await ReadAsync(queries => queries.GetAgencyAsync(agency, cancellationToken))).Departments.Where(d => d.IsActive).Select(d => Remember(d.Id, d.Name))]
            : [];
        return [.. _departments.Where(d => string.IsNullOrWhiteSpace(text) || d.Label.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)
            || d.Id.Contains(text.Trim(), StringComparison.OrdinalIgnoreCase)).Take(MaxChoices)];
    }

    /// <summary>How a person or department is shown: its name, or the id itself when it is neither (or is hidden).</summary>
    public async Task<string> NameAsync(string id, CancellationToken cancellationToken = default) =>
        _names.TryGetValue(id, out var known) ? known : await ReadAsync(queries => NameAsync(queries, id, cancellationToken));

    /// <summary>The name of an id this directory has already shown (in a picker or a list), else null.</summary>
    public string? KnownName(string id) => _names.GetValueOrDefault(id);

    /// <summary>The names of several ids, once each.</summary>
    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        var unknown = ids.Distinct(StringComparer.Ordinal).ToList();
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in unknown.Where(i => _names.ContainsKey(i)))
            names[id] = _names[id];
        if (names.Count < unknown.Count)
        {
            await ReadAsync(async queries =>
            {
                foreach (var id in unknown.Where(i => !names.ContainsKey(i)))
                    names[id] = await NameAsync(queries, id, cancellationToken);
                return names;
            });
        }
        return names;
    }

    private async Task<string> NameAsync(OrganisationQueries queries, string id, CancellationToken cancellationToken)
    {
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

    /// <summary>Runs <paramref name="read"/> as the circuit's caller on a database context of its own.</summary>
    private async Task<T> ReadAsync<T>(Func<OrganisationQueries, Task<T>> read)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CallerContext>().Current = callers.Current;
        return await read(scope.ServiceProvider.GetRequiredService<OrganisationQueries>());
    }

    private OrgChoice Remember(string id, string label)
    {
        _names[id] = label;
        return new OrgChoice(id, label);
    }
}
