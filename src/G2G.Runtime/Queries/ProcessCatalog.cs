using System.Collections.Concurrent;
using System.Xml;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Runtime.Queries;

/// <summary>A procedure people may start: its key, the name from its diagram, its category and the version a start uses.</summary>
public sealed record CatalogEntry(string ProcessKey, string? Name, string Category, int Version);

/// <summary>
/// The procedures that can be started: the latest published version of every process. The category is the last segment
/// of the BPMN file's <c>targetNamespace</c> (<c>urn:g2g:workflows:office</c> → <c>office</c>, as the folders of
/// workflows/ are named); a file without one is in <see cref="Uncategorised"/>.
/// </summary>
public sealed class ProcessCatalog(G2GDbContext db)
{
    public const string Uncategorised = "other";

    /// <summary>Categories by definition id: a version's XML never changes, so each is read once per node.</summary>
    private static readonly ConcurrentDictionary<long, string> Categories = new();

    public async Task<IReadOnlyList<CatalogEntry>> StartableAsync(CancellationToken cancellationToken = default)
    {
        var published = await db.ProcessDefinitions.AsNoTracking().Where(d => d.IsPublished)
            .Select(d => new { d.Id, d.ProcessKey, d.Name, d.Version }).ToListAsync(cancellationToken).ConfigureAwait(false);
        var latest = published.GroupBy(d => d.ProcessKey).Select(g => g.MaxBy(d => d.Version)!).ToList();
        var unknown = latest.Where(d => !Categories.ContainsKey(d.Id)).Select(d => d.Id).ToList();
        if (unknown.Count > 0)
        {
            var xml = await db.ProcessDefinitions.AsNoTracking().Where(d => unknown.Contains(d.Id)).Select(d => new { d.Id, d.Xml })
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var definition in xml)
                Categories[definition.Id] = CategoryOf(definition.Xml);
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
