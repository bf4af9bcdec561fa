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
        var document = Load(xml);
        var element = document.Descendants().FirstOrDefault(e => (string?)e.Attribute("id") == elementId)
            ?? throw new KeyNotFoundException($"The file has no element with id '{elementId}'.");
        var root = document.Root!;
        if (root.GetPrefixOfNamespace(BpmnNamespaces.G2G) is null)
            root.SetAttributeValue(XNamespace.Xmlns + UniquePrefix(root), BpmnNamespaces.G2G.NamespaceName);
        foreach (var (name, value) in attributes)
            element.SetAttributeValue(BpmnNamespaces.G2G + name, value);
        return Write(document);
    }

    /// <summary>
    /// Gives the process <paramref name="processKey"/> the id <paramref name="newKey"/>, and every reference to it (the
    /// diagram's plane, a collaboration's participant) with it; with <paramref name="newName"/>, its name too. Everything
    /// else stays as it was, the drawing included: this is how the designer copies a procedure.
    /// </summary>
    public static string RenameProcess(string xml, string processKey, string newKey, string? newName)
    {
        var document = Load(xml);
        var process = document.Descendants(BpmnNamespaces.Model + "process").FirstOrDefault(p => (string?)p.Attribute("id") == processKey)
            ?? throw new KeyNotFoundException($"The file has no process with id '{processKey}'.");
        process.SetAttributeValue("id", newKey);
        if (newName is not null)
            process.SetAttributeValue("name", newName);
        foreach (var reference in document.Descendants().Attributes()
                     .Where(a => a.Name.LocalName is "bpmnElement" or "processRef" && a.Name.Namespace == XNamespace.None && a.Value == processKey))
            reference.Value = newKey;
        return Write(document);
    }

    private static XDocument Load(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), BpmnParser.ReaderSettings());
        return XDocument.Load(reader, LoadOptions.PreserveWhitespace);
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
