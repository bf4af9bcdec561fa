using System.Collections.Concurrent;
using System.Xml;
using G2G.Runtime.Definitions;
using G2G.Runtime.Persistence;
using G2G.Runtime.Security;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Queries;

/// <summary>A procedure people may start: its key, the name from its diagram, its category and the version a start uses.</summary>
public sealed record CatalogEntry(string ProcessKey, string? Name, string Category, int Version);

/// <summary>
/// The procedures that can be started: the latest published version of every process, and for a person only those
/// whose <c>g2g:starters</c> name them (<see cref="StarterAccess"/>; a start of anything else is refused). The category is
/// the last segment of the BPMN file's <c>targetNamespace</c> (<c>urn:g2g:workflows:office</c> → <c>office</c>, as the
/// folders of workflows/ are named); a file without one is in <see cref="Uncategorised"/>.
/// </summary>
public sealed class ProcessCatalog(G2GDbContext db, DefinitionCache definitions, CallerContext callers)
{
    public const string Uncategorised = "other";

    /// <summary>Categories by definition id: a version's XML never changes, so each is read once per node.</summary>
    private static readonly ConcurrentDictionary<long, string> Categories = new();

    public async Task<IReadOnlyList<CatalogEntry>> StartableAsync(CancellationToken cancellationToken = default)
    {
        var published = await db.ProcessDefinitions.AsNoTracking().Where(d => d.IsPublished)
            .Select(d => new { d.Id, d.ProcessKey, d.Name, d.Version }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var latest = published.GroupBy(d => d.ProcessKey).Select(g => g.MaxBy(d => d.Version)!).ToList();
        var unknown = latest.Where(d => !Categories.ContainsKey(d.Id) || !definitions.TryGet(d.Id, out _)).Select(d => d.Id).ToList();
        if (unknown.Count > 0)
        {
            var xml = await db.ProcessDefinitions.AsNoTracking().Where(d => unknown.Contains(d.Id)).Select(d => new { d.Id, d.ProcessKey, d.Xml })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var definition in xml)
            {
                Categories[definition.Id] = CategoryOf(definition.Xml);
                definitions.GetOrParse(definition.Id, definition.ProcessKey, () => definition.Xml);
            }
        }
        if (callers.Current is { IsSystem: false } caller)
        {
            var starters = latest.ToDictionary(d => d.Id, d => definitions.GetOrParse(d.Id, d.ProcessKey, () => throw new InvalidOperationException("parsed above")).Starters);
            var positions = StarterAccess.NeedsPositions(starters.Values)
                ? await StarterAccess.PositionsAsync(db, caller.UserId, cancellationToken).ConfigureAwait(false)
                : [];
            latest = [.. latest.Where(d => StarterAccess.Matches(caller, starters[d.Id], positions))];
        }
        return [.. latest.Select(d => new CatalogEntry(d.ProcessKey, d.Name, Categories[d.Id], d.Version))
            .OrderBy(e => e.Category, StringComparer.Ordinal).ThenBy(e => e.ProcessKey, StringComparer.Ordinal)];
    }

    /// <summary>The category named by the root element's targetNamespace; only the root element is read.</summary>
    public static string CategoryOf(string xml)
    {
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            if (reader.MoveToContent() == XmlNodeType.Element && reader.GetAttribute("targetNamespace") is { Length: > 0 } space)
            {
                var segment = space.TrimEnd('/', ':').Split(':', '/').Last();
                if (segment.Length > 0)
                    return segment;
            }
        }
        catch (XmlException)
        {
            // Deployed files were parsed at deployment; a file that cannot be read here is simply uncategorised.
        }
        return Uncategorised;
    }
}
