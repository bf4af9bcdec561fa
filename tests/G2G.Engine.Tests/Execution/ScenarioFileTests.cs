using G2G.Engine.Parsing;
using G2G.Engine.Validation;

namespace G2G.Engine.Tests.Execution;

/// <summary>Every scenario file is a valid BPMN 2.0 document the engine accepts without warnings.</summary>
public class ScenarioFileTests
{
    public static TheoryData<string> Files()
    {
        var root = Path.Combine(AppContext.BaseDirectory, "Scenarios");
        var files = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(root, "*.bpmn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            files.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
        return files;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void ScenarioFile_ParsesWithoutDiagnostics(string file)
    {
        var document = BpmnParser.Parse(File.ReadAllText(ProcessHarness.ScenarioPath(file)));

        Assert.Empty(document.Diagnostics.Select(d => d.ToString()));
        Assert.NotEmpty(document.ExecutableProcesses);
        Assert.All(document.Processes, p => Assert.NotNull(p.Name)); // every process is named for the designer
    }
}
