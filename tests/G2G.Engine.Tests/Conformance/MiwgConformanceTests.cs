using System.Xml.Linq;
using G2G.Engine.Execution;
using G2G.Engine.Model.Activities;
using G2G.Engine.Parsing;
using G2G.Engine.Validation;

namespace G2G.Engine.Tests.Conformance;

/// <summary>The OMG MIWG reference models and their bpmn.io exports: files nobody in this project wrote.</summary>
public class MiwgConformanceTests
{
    private static readonly HashSet<string> DocumentLevelCodes = ["xml.malformed", "bpmn.not-definitions", "bpmn.no-process"];

    [ConformanceTheory]
    [MemberData(nameof(ConformanceFiles.All), MemberType = typeof(ConformanceFiles))]
    public void Load_NeverThrows_AndEveryDiagnosticNamesElementKindAndLine(string file)
    {
        var document = BpmnParser.Parse(ConformanceFiles.Read(file));

        Assert.NotEmpty(document.Processes);
        foreach (var diagnostic in document.Diagnostics)
        {
            Assert.True(diagnostic.Line > 0, $"{file}: no line in {diagnostic}");
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message), $"{file}: empty message in {diagnostic}");
            if (!DocumentLevelCodes.Contains(diagnostic.Code))
            {
                Assert.False(string.IsNullOrEmpty(diagnostic.ElementId), $"{file}: no element id in {diagnostic}");
                Assert.False(string.IsNullOrEmpty(diagnostic.ElementKind), $"{file}: no element kind in {diagnostic}");
            }
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(ConformanceFiles.All), MemberType = typeof(ConformanceFiles))]
    public void ValidModels_RunToTheirEnd(string file)
    {
        var document = BpmnParser.Parse(ConformanceFiles.Read(file));
        if (document.HasErrors)
            return; // outside the executable subset; the diagnostics test covers these
        var executor = new ProcessExecutor();
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
        foreach (var process in document.ExecutableProcesses.Where(p => p.Root.NoneStart is not null))
        {
            var result = executor.Execute(process, ProcessState.Empty, new StartProcess(), now);
            for (var step = 0; step < 100 && result.State.Status == ProcessStatus.Running; step++)
            {
                var task = result.State.Tokens.FirstOrDefault(t => process.GetNode(t.ElementId) is UserTask);
                if (task is null)
                    break;
                result = executor.Execute(process, result.State, new CompleteTask(task.Id), now);
            }
            Assert.Empty(result.State.Incidents);
            Assert.Equal(ProcessStatus.Completed, result.State.Status);
        }
    }

    [ConformanceTheory]
    [MemberData(nameof(ConformanceFiles.All), MemberType = typeof(ConformanceFiles))]
    public void EditingAnExtension_KeepsDiagramAndForeignExtensions(string file)
    {
        var original = ConformanceFiles.Read(file);
        var first = BpmnParser.Parse(original);
        var target = first.Processes.SelectMany(p => p.AllNodes).First();

        var saved = BpmnXmlEditor.SetExtensionAttributes(original, target.Id, new Dictionary<string, string?> { ["formKey"] = "conformance/check" });
        var second = BpmnParser.Parse(saved);

        var difference = XmlSemantics.FirstDifference(XDocument.Parse(original).Root!, XDocument.Parse(saved).Root!,
            ignore: a => a.Name == BpmnNamespaces.G2G + "formKey");
        Assert.True(difference is null, difference);
        var edited = XDocument.Parse(saved).Descendants().Single(e => (string?)e.Attribute("id") == target.Id);
        Assert.Equal("conformance/check", (string?)edited.Attribute(BpmnNamespaces.G2G + "formKey"));
        Assert.Equal(first.Diagnostics.Select(d => (d.Code, d.ElementId)), second.Diagnostics.Select(d => (d.Code, d.ElementId)));
        Assert.Equal(first.Processes.SelectMany(p => p.AllNodes).Select(n => n.Id), second.Processes.SelectMany(p => p.AllNodes).Select(n => n.Id));
    }

    [ConformanceTheory]
    [MemberData(nameof(ConformanceFiles.All), MemberType = typeof(ConformanceFiles))]
    public void SubProcessesWithoutStartEvents_AreAccepted(string file)
    {
        var document = BpmnParser.Parse(ConformanceFiles.Read(file));

        Assert.DoesNotContain(document.Diagnostics, d => d.Code == "subprocess.no-start");
    }

    [ConformanceTheory]
    [MemberData(nameof(ConformanceFiles.All), MemberType = typeof(ConformanceFiles))]
    public void UnsupportedElements_AreNamedNotCrashed(string file)
    {
        var xml = ConformanceFiles.Read(file);
        var document = BpmnParser.Parse(xml);
        var unsupportedKinds = new[] { "businessRuleTask", "complexGateway", "transaction", "adHocSubProcess" };
        var present = XDocument.Parse(xml).Descendants().Where(e => unsupportedKinds.Contains(e.Name.LocalName)).Select(e => (string)e.Attribute("id")!);

        foreach (var id in present)
            Assert.Contains(document.Diagnostics, d => d.ElementId == id && d.Code == "bpmn.unsupported-element" && d.Severity == DiagnosticSeverity.Error);
    }
}
