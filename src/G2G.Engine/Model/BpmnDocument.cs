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
    }

    /// <summary>The source XML exactly as given.</summary>
    public string Xml { get; }

    public IReadOnlyList<ProcessDefinition> Processes { get; }

    /// <summary>Problems found, errors and warnings, each with element, position and a plain-language text.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics { get; }

    public bool HasErrors => Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error);

    /// <summary>The processes marked executable (all processes when none is marked).</summary>
    public IEnumerable<ProcessDefinition> ExecutableProcesses =>
        Processes.Any(p => p.IsExecutable) ? Processes.Where(p => p.IsExecutable) : Processes;

    public ProcessDefinition GetProcess(string key) =>
        Processes.FirstOrDefault(p => p.Id == key) ?? throw new KeyNotFoundException($"The document has no process '{key}'.");
}
