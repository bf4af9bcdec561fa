using System.Xml.Linq;

namespace G2G.Web.Components.Design;

/// <summary>
/// What changed between two versions of a procedure, by BPMN element id: elements only the newer version has (added),
/// only the older one has (removed), and those whose type, attributes or content differ (changed). The drawing (DI) is
/// not compared: moving a shape changes nothing that runs. The incoming/outgoing references an element lists are left
/// out too, so a new flow is one added element rather than changes to both ends.
/// </summary>
public sealed record VersionDiff(IReadOnlyList<string> Added, IReadOnlyList<string> Removed, IReadOnlyList<string> Changed)
{
    private static readonly XNamespace Bpmn = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    public static VersionDiff Between(string olderXml, string newerXml)
    {
        var older = Elements(olderXml);
        var newer = Elements(newerXml);
        return new VersionDiff(
            [.. newer.Keys.Except(older.Keys).Order(StringComparer.Ordinal)],
            [.. older.Keys.Except(newer.Keys).Order(StringComparer.Ordinal)],
            [.. newer.Keys.Intersect(older.Keys).Where(id => newer[id] != older[id]).Order(StringComparer.Ordinal)]);
    }

    /// <summary>Each element of the model (not the diagram) with an id, and a text that changes when the element does.</summary>
    private static Dictionary<string, string> Elements(string xml)
    {
        var root = XDocument.Parse(xml).Root!;
        return root.Descendants()
            .Where(e => e.Name.Namespace == Bpmn && e.Attribute("id") is not null)
            .GroupBy(e => (string)e.Attribute("id")!)
            .ToDictionary(g => g.Key, g => Signature(g.First()), StringComparer.Ordinal);
    }

    private static string Signature(XElement element) =>
        element.Name + "[" + string.Join(" ", element.Attributes().Where(a => !a.IsNamespaceDeclaration)
            .Select(a => $"{a.Name}={a.Value}").Order(StringComparer.Ordinal)) + "]"
        + string.Concat(element.Nodes().Select(node => node switch
        {
            XElement child when child.Attribute("id") is not null => "", // compared on its own
            XElement child when child.Name == Bpmn + "incoming" || child.Name == Bpmn + "outgoing" => "",
            XElement child => "{" + Signature(child) + "}",
            XText text => text.Value.Trim(),
            _ => "",
        }));
}
