using System.Xml.Linq;

namespace G2G.Engine.Tests.Conformance;

/// <summary>Compares two XML trees by meaning: element names, attribute sets, trimmed text and child order.</summary>
internal static class XmlSemantics
{
    /// <summary>Returns the first difference as a path and a description, or null when equal.</summary>
    public static string? FirstDifference(XElement expected, XElement actual, Func<XAttribute, bool>? ignore = null)
    {
        if (expected.Name != actual.Name)
            return $"{Path(expected)}: element {expected.Name} became {actual.Name}";
        var a = Attributes(expected, ignore);
        var b = Attributes(actual, ignore);
        foreach (var (name, value) in a)
        {
            if (!b.TryGetValue(name, out var other))
                return $"{Path(expected)}: attribute {name} was lost";
            if (other != value)
                return $"{Path(expected)}: attribute {name} changed from '{value}' to '{other}'";
        }
        if (b.Keys.Except(a.Keys).FirstOrDefault() is { } added)
            return $"{Path(expected)}: attribute {added} was added";
        var textA = string.Concat(expected.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        var textB = string.Concat(actual.Nodes().OfType<XText>().Select(t => t.Value)).Trim();
        if (textA != textB)
            return $"{Path(expected)}: text changed";
        var childrenA = expected.Elements().ToList();
        var childrenB = actual.Elements().ToList();
        if (childrenA.Count != childrenB.Count)
            return $"{Path(expected)}: {childrenA.Count} child elements became {childrenB.Count}";
        for (var i = 0; i < childrenA.Count; i++)
        {
            if (FirstDifference(childrenA[i], childrenB[i], ignore) is { } difference)
                return difference;
        }
        return null;
    }

    // Namespace declarations are compared by the namespaces elements are in, not by prefix.
    private static Dictionary<XName, string> Attributes(XElement element, Func<XAttribute, bool>? ignore) =>
        element.Attributes().Where(x => !x.IsNamespaceDeclaration && (ignore is null || !ignore(x))).ToDictionary(x => x.Name, x => x.Value);

    private static string Path(XElement element) =>
        string.Join("/", element.AncestorsAndSelf().Reverse().Select(e => (string?)e.Attribute("id") is { } id ? $"{e.Name.LocalName}[{id}]" : e.Name.LocalName));
}
