using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Organisation;

/// <summary>The kinds of the directory an assignment rule can name.</summary>
public enum DirectoryKind { Person, Agency, Department, Position, Group }

/// <summary>
/// One entry of the directory as the designer's pickers offer it: what a rule names (<paramref name="Id"/>: a user,
/// agency, department or group id, or a position's name), what people call it, and where it is (agency, department).
/// </summary>
public sealed record DirectoryEntry(DirectoryKind Kind, string Id, string Name, string? Where);

public sealed partial class OrganisationQueries
{
    /// <summary>
    /// Active entries of one kind of the whole directory whose id or name contains <paramref name="text"/> (all without
    /// it), at most <paramref name="limit"/>, by id; positions by name, once each however many hold them.
    /// </summary>
    public async Task<IReadOnlyList<DirectoryEntry>> SearchDirectoryAsync(DirectoryKind kind, string? text, int limit,
        CancellationToken cancellationToken = default)
    {
        var part = text?.Trim() ?? "";
        var agencies = db.Set<AgencyRecord>().AsNoTracking();
        var departments = db.Set<DepartmentRecord>().AsNoTracking();
        switch (kind)
        {
            case DirectoryKind.Person:
                var people = await UsersAsync(new UserFilter(Text: part.Length == 0 ? null : part, Active: true), 1, limit, cancellationToken).ConfigureAwait(false);
                var names = await NamesAsync([], people.Items.Select(p => p.AgencyId), people.Items.Select(p => p.DepartmentId), cancellationToken).ConfigureAwait(false);
                return [.. people.Items.Select(p => new DirectoryEntry(kind, p.Id, p.DisplayName,
                    Where(p.DepartmentId is { } d ? names.Departments.GetValueOrDefault(d) : null, p.AgencyId is { } a ? names.Agencies.GetValueOrDefault(a) : null)))];
            case DirectoryKind.Agency:
                return await agencies.Where(a => a.IsActive && (a.Id.Contains(part) || a.Name.Contains(part) || (a.ShortName != null && a.ShortName.Contains(part))))
                    .OrderBy(a => a.Id).Take(limit).Select(a => new DirectoryEntry(kind, a.Id, a.Name, null))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
            case DirectoryKind.Department:
                return await departments.Where(d => d.IsActive && (d.Id.Contains(part) || d.Name.Contains(part)))
                    .Join(agencies, d => d.AgencyId, a => a.Id, (d, a) => new { d.Id, d.Name, Agency = a.Name })
                    .OrderBy(d => d.Id).Take(limit).Select(d => new DirectoryEntry(kind, d.Id, d.Name, d.Agency))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
            case DirectoryKind.Position:
                var positions = await db.Set<UserPositionRecord>().AsNoTracking().Where(p => p.Name.Contains(part)).Select(p => p.Name)
                    .Distinct().OrderBy(n => n).Take(limit).ToListAsync(cancellationToken).ConfigureAwait(false);
                return [.. positions.Select(name => new DirectoryEntry(kind, name, name, null))];
            case DirectoryKind.Group:
                return await db.Set<GroupRecord>().AsNoTracking().Where(g => g.Id.Contains(part) || g.Name.Contains(part))
                    .GroupJoin(agencies, g => g.AgencyId, a => a.Id, (g, a) => new { g, a })
                    .SelectMany(x => x.a.DefaultIfEmpty(), (x, a) => new { x.g.Id, x.g.Name, Agency = a == null ? null : a.Name })
                    .OrderBy(g => g.Id).Take(limit).Select(g => new DirectoryEntry(kind, g.Id, g.Name, g.Agency))
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a kind of the directory.");
        }
    }

    private static string? Where(string? department, string? agency) =>
        department is null ? agency : agency is null ? department : $"{department} · {agency}";
}
