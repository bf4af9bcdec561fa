using System.Xml;
using System.Xml.Linq;
using G2G.Engine.Model;
using G2G.Engine.Validation;

namespace G2G.Engine.Parsing;

/// <summary>State of one parse: diagnostics, and the definitions-level messages, signals and errors that events refer to.</summary>
internal sealed partial class ParseSession
{
    private readonly Dictionary<string, string> _messages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _signals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _errors = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string?> _escalations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, XElement> _eventDefinitions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private XElement? _languageDeclaration;

    public List<Diagnostic> Diagnostics { get; } = [];

    /// <summary>What was found inside each process; reported only for the processes that run.</summary>
    public Dictionary<ProcessDefinition, List<Diagnostic>> ProcessDiagnostics { get; } = [];

    public static SourcePosition PositionOf(XObject node) =>
        node is IXmlLineInfo info && info.HasLineInfo() ? new SourcePosition(info.LineNumber, info.LinePosition) : default;

    public void Error(string code, XElement element, DiagnosticText message) => Add(DiagnosticSeverity.Error, code, element, message);

    public void Warning(string code, XElement element, DiagnosticText message) => Add(DiagnosticSeverity.Warning, code, element, message);

    private void Add(DiagnosticSeverity severity, string code, XElement element, DiagnosticText message)
    {
        var position = PositionOf(element);
        Diagnostics.Add(new Diagnostic(severity, code, (string?)element.Attribute("id"), element.Name.LocalName, position.Line, position.Column, message));
    }

    /// <summary>Reads messages, signals, errors and event definitions first (events refer to them), then the processes.</summary>
    public List<ProcessDefinition> ReadDefinitions(XElement definitions)
    {
        if (definitions.Attribute("expressionLanguage") is not null)
            _languageDeclaration = definitions;
        foreach (var element in definitions.Elements())
        {
            var id = (string?)element.Attribute("id");
            if (id is null || element.Name.Namespace != BpmnNamespaces.Model)
                continue;
            switch (element.Name.LocalName)
            {
                case "message": _messages[id] = (string?)element.Attribute("name") ?? id; break;
                case "signal": _signals[id] = (string?)element.Attribute("name") ?? id; break;
                case "escalation":
                    _escalations[id] = (string?)element.Attribute("escalationCode") ?? (string?)element.Attribute("name") ?? id;
                    break;
                case "error": _errors[id] = (string?)element.Attribute("errorCode") ?? (string?)element.Attribute("name") ?? id; break;
                case var kind when kind.EndsWith("EventDefinition", StringComparison.Ordinal):
                    _eventDefinitions[id] = element;
                    break;
            }
        }
        var processes = new List<ProcessDefinition>();
        foreach (var element in definitions.Elements(BpmnNamespaces.Model + "process"))
        {
            var executable = Flag(element, "isExecutable", false); // reported for every process, running or not
            var before = Diagnostics.Count;
            var process = ReadProcess(element, executable);
            if (process is null)
                continue;
            processes.Add(process);
            ProcessDiagnostics[process] = Diagnostics[before..];
            Diagnostics.RemoveRange(before, Diagnostics.Count - before);
        }
        if (processes.Count == 0)
            Error("bpmn.no-process", definitions, DiagnosticTexts.NoProcess());
        else if (BpmnDocument.SelectExecutable(processes).Count == 0)
            Error("bpmn.no-process", definitions, DiagnosticTexts.NoFlowNodes(string.Join(", ", processes.Select(p => $"'{p.Id}'"))));
        return processes;
    }

    private ProcessDefinition? ReadProcess(XElement element, bool executable)
    {
        var id = (string?)element.Attribute("id");
        if (string.IsNullOrWhiteSpace(id))
        {
            Error("bpmn.missing-id", element, DiagnosticTexts.ProcessWithoutId());
            return null;
        }
        var root = new FlowContainer(new ProcessStub(id), null);
        var allNodes = new List<FlowNode>();
        var allFlows = new List<SequenceFlow>();
        ReadContainer(element, root, allNodes, allFlows);
        var process = new ProcessDefinition(id, (string?)element.Attribute("name"), PositionOf(element),
            executable, root, allNodes, allFlows)
        {
            Starters = ReadStarters(element),
            InitiatorMayRevoke = ReadInitiatorMayRevoke(element),
        };
        root.Owner = process;
        return process;
    }

    /// <summary>
    /// A boolean attribute of <paramref name="element"/>, or <paramref name="fallback"/> when it is absent. Any other value than
    /// those of xs:boolean is reported on <paramref name="owner"/> (the element itself by default) and reads as the fallback.
    /// </summary>
    private bool Flag(XElement element, string attribute, bool fallback, XElement? owner = null)
    {
        var text = (string?)element.Attribute(attribute);
        if (text is null)
            return fallback;
        if (ReadFlag(text) is { } value)
            return value;
        Error("bpmn.bad-boolean", owner ?? element, DiagnosticTexts.BadBoolean(attribute, element.Name.LocalName, text));
        return fallback;
    }

    /// <summary>An xs:boolean (true, false, 1, 0, surrounding spaces allowed), or null for anything else.</summary>
    private static bool? ReadFlag(string? text) => text?.Trim() switch
    {
        "true" or "1" => true,
        "false" or "0" => false,
        _ => null,
    };

    /// <summary>Registers an id and reports duplicates, which would make references ambiguous.</summary>
    private bool ClaimId(XElement element, string id)
    {
        if (_ids.Add(id))
            return true;
        Error("bpmn.duplicate-id", element, DiagnosticTexts.DuplicateId(id));
        return false;
    }

    /// <summary>Placeholder owner until the process object exists (the container is built first).</summary>
    private sealed class ProcessStub(string id) : BpmnElement(id, null, "process", default);
}
