using System.Xml;
using System.Xml.Linq;

namespace G2G.Engine.Parsing;

/// <summary>
/// Changes G2G extension attributes of one element in a BPMN file and leaves every other byte of
/// meaning alone: diagram information, other tools' extensions, comments and formatting. This is how
/// the designer's properties panel saves.
/// </summary>
public static class BpmnXmlEditor
{
    /// <summary>
    /// Sets (or, with a null value, removes) <c>g2g:</c> attributes on the element with the given id,
    /// declaring the g2g namespace on the root when the file does not have it yet. The file is read as the parser reads it:
    /// a DTD is refused with an <see cref="XmlException"/>.
    /// </summary>
    public static string SetExtensionAttributes(string xml, string elementId, IReadOnlyDictionary<string, string?> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        XDocument document;
        using (var reader = XmlReader.Create(new StringReader(xml), BpmnParser.ReaderSettings()))
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        var element = document.Descendants().FirstOrDefault(e => (string?)e.Attribute("id") == elementId)
            ?? throw new KeyNotFoundException($"The file has no element with id '{elementId}'.");
        var root = document.Root!;
        if (root.GetPrefixOfNamespace(BpmnNamespaces.G2G) is null)
            root.SetAttributeValue(XNamespace.Xmlns + UniquePrefix(root), BpmnNamespaces.G2G.NamespaceName);
        foreach (var (name, value) in attributes)
            element.SetAttributeValue(BpmnNamespaces.G2G + name, value);
        return Write(document);
    }

    private static string UniquePrefix(XElement root)
    {
        var prefix = "g2g";
        for (var i = 2; root.GetNamespaceOfPrefix(prefix) is not null; i++)
            prefix = "g2g" + i;
        return prefix;
    }

    private static string Write(XDocument document)
    {
        // Entitize: a newline inside an attribute value must stay &#10;, or readers normalise it to a space.
        var settings = new XmlWriterSettings { OmitXmlDeclaration = document.Declaration is null, Indent = false, NewLineHandling = NewLineHandling.Entitize };
        using var text = new Utf8StringWriter();
        using (var writer = XmlWriter.Create(text, settings))
            document.Save(writer);
        return text.ToString();
    }

    private sealed class Utf8StringWriter : StringWriter
    {
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
    }
}
