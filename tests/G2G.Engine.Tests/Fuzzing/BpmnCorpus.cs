using System.Xml.Linq;
using G2G.Engine.Tests.Conformance;

namespace G2G.Engine.Tests.Fuzzing;

/// <summary>
/// The files the BPMN fuzzer mutates: the OMG MIWG conformance models (where the shared folder is present), the shipped
/// procedures of workflows/ and the engine's scenario files. Each is read once.
/// </summary>
internal static class BpmnCorpus
{
    public static IReadOnlyList<Seed> Seeds { get; } = Load();

    /// <summary>One corpus file: its name, text and parsed tree (cloned before each mutation).</summary>
    internal sealed record Seed(string Name, string Xml, XDocument Document);

    private static List<Seed> Load()
    {
        var files = new List<(string Name, string Path)>();
        if (ConformanceFiles.Folder is { } conformance)
            files.AddRange(Bpmn(conformance).Select(f => ("conformance/" + System.IO.Path.GetRelativePath(conformance, f), f)));
        if (WorkflowsFolder() is { } workflows)
            files.AddRange(Bpmn(workflows).Select(f => ("workflows/" + System.IO.Path.GetRelativePath(workflows, f), f)));
        var scenarios = System.IO.Path.Combine(AppContext.BaseDirectory, "Scenarios");
        files.AddRange(Bpmn(scenarios).Select(f => ("scenarios/" + System.IO.Path.GetRelativePath(scenarios, f), f)));
        return [.. files.Select(f =>
        {
            var xml = File.ReadAllText(f.Path);
            return new Seed(f.Name.Replace('\\', '/'), xml, XDocument.Parse(xml));
        })];
    }

    private static IEnumerable<string> Bpmn(string folder) =>
        Directory.EnumerateFiles(folder, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    /// <summary>The repository's workflows/ folder, found above the test's output folder.</summary>
    private static string? WorkflowsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "G2G.sln")) && Directory.Exists(System.IO.Path.Combine(dir.FullName, "workflows")))
                return System.IO.Path.Combine(dir.FullName, "workflows");
        }
        return null;
    }
}
