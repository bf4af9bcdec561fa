using G2G.Engine.Validation;

namespace G2G.Engine.Model;

/// <summary>
/// A parsed BPMN 2.0 file: its executable processes, the diagnostics found while reading and
/// validating it, and the original XML, which is what gets stored so diagram information and
/// other tools' extensions survive untouched.
/// </summary>
public sealed class BpmnDocument
{
    internal BpmnDocument(string xml, IReadOnlyList<ProcessDefinition> processes, IReadOnlyList<Diagnostic> diagnostics)
    {
        Xml = xml;
        Processes = processes;
        Diagnostics = diagnostics;
        ExecutableProcesses = SelectExecutable(processes);
    }

    /// <summary>The source XML exactly as given.</summary>
    public string Xml { get; }

    public IReadOnlyList<ProcessDefinition> Processes { get; }

    /// <summary>Problems found, errors and warnings, each with element, position and a plain-language text.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>
    /// The processes that run: those marked executable (all when none is marked), never an empty one.
    /// The others stay in <see cref="Processes"/> for the diagram.
    /// </summary>
    public IReadOnlyList<ProcessDefinition> ExecutableProcesses { get; }

    public ProcessDefinition GetProcess(string key) =>
        Processes.FirstOrDefault(p => p.Id == key) ?? throw new KeyNotFoundException($"The document has no process '{key}'.");

    internal static IReadOnlyList<ProcessDefinition> SelectExecutable(IReadOnlyList<ProcessDefinition> processes)
    {
        var withNodes = processes.Where(p => p.AllNodes.Count > 0).ToList();
        return withNodes.Any(p => p.IsExecutable) ? [.. withNodes.Where(p => p.IsExecutable)] : withNodes;
    }
}
