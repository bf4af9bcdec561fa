using System.Xml;
using System.Xml.Linq;
using G2G.Engine.Model;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

/// <summary>
/// Reads BPMN 2.0 XML into an immutable <see cref="BpmnDocument"/> and validates it. Never throws for
/// bad input: malformed XML, unsupported elements and bad values become diagnostics that name the
/// element, its kind and its line.
/// </summary>
public static class BpmnParser
{
    /// <summary>Largest definition file accepted (characters).</summary>
    public const int MaxDocumentLength = 20_000_000;

    public static BpmnDocument Parse(string xml, ValidationContext? context = null)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var session = new ParseSession();
        var root = Load(xml, session);
        var processes = root is null ? [] : session.ReadDefinitions(root);
        var diagnostics = session.Diagnostics;
        // Pools that do not run (black boxes, documentation of a partner's process) never block the file.
        foreach (var process in BpmnDocument.SelectExecutable(processes))
        {
            diagnostics.AddRange(session.ProcessDiagnostics[process]);
            diagnostics.AddRange(BpmnValidator.Validate(process, processes, context ?? ValidationContext.Permissive));
        }
        diagnostics.Sort((a, b) => a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Column.CompareTo(b.Column));
        return new BpmnDocument(xml, processes, diagnostics);
    }

    private static XElement? Load(string xml, ParseSession session)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit, // no entity expansion, no external resources
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentLength,
        };
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), settings);
            var document = XDocument.Load(reader, LoadOptions.SetLineInfo);
            var root = document.Root!;
            if (root.Name != BpmnNamespaces.Model + "definitions")
            {
                session.Error("bpmn.not-definitions", root, $"The document's root element is <{root.Name.LocalName}> in namespace '{root.Name.NamespaceName}', not a BPMN 2.0 <definitions> element.");
                return null;
            }
            return root;
        }
        catch (XmlException e)
        {
            session.Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "xml.malformed", null, null, e.LineNumber, e.LinePosition,
                $"The file is not well-formed XML: {e.Message}"));
            return null;
        }
    }
}
