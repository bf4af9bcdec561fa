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

    /// <summary>
    /// Deepest nesting of elements accepted. Real files stay far below it (definitions, process, a few subprocesses, extension
    /// elements); the parser, validator and executor walk subprocesses recursively, so deeper files are refused before they do.
    /// </summary>
    public const int MaxElementDepth = 100;

    /// <summary>
    /// How every BPMN file is read: no DTD (so no entity can expand, as in the "billion laughs", and no external entity or
    /// schema is fetched) and at most <see cref="MaxDocumentLength"/> characters.
    /// </summary>
    internal static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxDocumentLength,
    };

    private static XElement? Load(string xml, ParseSession session)
    {
        var inProlog = true;
        try
        {
            // A first pass with the reader alone: it is linear in the nesting depth, building the tree is not.
            using (var screen = XmlReader.Create(new StringReader(xml), ReaderSettings()))
            {
                while (screen.Read())
                {
                    if (screen.NodeType != XmlNodeType.Element)
                        continue;
                    inProlog = false;
                    if (screen.Depth >= MaxElementDepth)
                    {
                        var position = (IXmlLineInfo)screen;
                        session.Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "xml.too-deep", screen.GetAttribute("id"), screen.LocalName,
                            position.LineNumber, position.LinePosition,
                            DiagnosticTexts.TooDeep(MaxElementDepth)));
                        return null;
                    }
                }
            }
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings());
            var root = XDocument.Load(reader, LoadOptions.SetLineInfo).Root!;
            if (root.Name != BpmnNamespaces.Model + "definitions")
            {
                session.Error("bpmn.not-definitions", root, DiagnosticTexts.NotDefinitions(root.Name.LocalName, root.Name.NamespaceName));
                return null;
            }
            return root;
        }
        catch (XmlException) when (inProlog && DtdDeclaration(xml) is { } doctype)
        {
            var (line, column) = LineAndColumn(xml, doctype);
            session.Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "xml.dtd-refused", null, null, line, column, DiagnosticTexts.DtdRefused()));
            return null;
        }
        catch (XmlException e)
        {
            session.Diagnostics.Add(new Diagnostic(DiagnosticSeverity.Error, "xml.malformed", null, null, e.LineNumber, e.LinePosition,
                DiagnosticTexts.Malformed(e.Message)));
            return null;
        }
    }

    /// <summary>
    /// Where the prolog declares a DTD: a &lt;!DOCTYPE before the first element. The reader's refusal carries neither a
    /// position nor a code, so the text is looked at.
    /// </summary>
    private static int? DtdDeclaration(string xml)
    {
        var doctype = xml.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (doctype < 0)
            return null;
        for (var i = xml.IndexOf('<'); i >= 0 && i < doctype; i = xml.IndexOf('<', i + 1))
        {
            if (i + 1 < xml.Length && XmlConvert.IsStartNCNameChar(xml[i + 1]))
                return null; // an element starts before it: the text is content, not a declaration
        }
        return doctype;
    }

    private static (int Line, int Column) LineAndColumn(string xml, int offset)
    {
        var lineStart = xml.LastIndexOf('\n', Math.Max(0, offset - 1)) + 1;
        return (xml.AsSpan(0, offset).Count('\n') + 1, offset - lineStart + 1);
    }
}
