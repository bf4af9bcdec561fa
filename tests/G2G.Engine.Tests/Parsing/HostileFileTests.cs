using System.Xml;
using G2G.Engine.Parsing;
using G2G.Engine.Validation;

namespace G2G.Engine.Tests.Parsing;

/// <summary>
/// Files made to hurt a parser: entity bombs, external entities, deep nesting, and the bad values the fuzzer
/// (Fuzzing/BpmnFuzzTests) found crashing it. Each is refused with a diagnostic, never an exception.
/// </summary>
public class HostileFileTests
{
    private const string Definitions = """<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">""";

    [Fact]
    public void BillionLaughs_IsRefusedBeforeAnyEntityExpands()
    {
        var entities = string.Concat(Enumerable.Range(1, 9).Select(i => $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">"));
        var xml = $"""
            <?xml version="1.0"?>
            <!DOCTYPE bpmn:definitions [<!ENTITY lol0 "lol">{entities}]>
            {Definitions}<bpmn:process id="p" name="&lol9;" /></bpmn:definitions>
            """;
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Single(BpmnParser.Parse(xml).Diagnostics);

        Assert.Equal("xml.dtd-refused", error.Code);
        Assert.Equal(2, error.Line);
        Assert.Contains("<!DOCTYPE", error.Message, StringComparison.Ordinal);
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - allocated < 1 << 20, "the entities were expanded");
    }

    [Theory]
    [InlineData("<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>", "&x;")]
    [InlineData("<!DOCTYPE d [<!ENTITY x SYSTEM \"http://127.0.0.1:9/leak\">]>", "&x;")]
    [InlineData("<!DOCTYPE d [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>", "")]
    [InlineData("<!DOCTYPE d SYSTEM \"file:///etc/passwd\">", "")]
    public void ExternalEntitiesAndDtds_AreRefused_AndNothingIsRead(string doctype, string reference)
    {
        var xml = $"{doctype}\n{Definitions}<bpmn:process id=\"p\" name=\"{reference}\" /></bpmn:definitions>";

        var error = Assert.Single(BpmnParser.Parse(xml).Diagnostics);

        Assert.Equal("xml.dtd-refused", error.Code);
        Assert.DoesNotContain("root:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheWordDoctypeInsideTheFile_IsNoDtd()
    {
        var xml = $"{Definitions}<bpmn:process id=\"p\"><bpmn:documentation>&lt;!DOCTYPE html&gt; is HTML's</bpmn:documentation>"
            + "<bpmn:startEvent id=\"s\" /></bpmn:process><broken></bpmn:definitions>";

        var error = Assert.Single(BpmnParser.Parse(xml).Diagnostics);

        Assert.Equal("xml.malformed", error.Code);
    }

    [Theory]
    [InlineData(100, false)]
    [InlineData(101, true)]
    [InlineData(200_000, true)]
    public void DeepNesting_IsRefusedWithoutExhaustingTheStack(int depth, bool refused)
    {
        // definitions > process > subProcess > … : depth counts every element from the root.
        var subProcesses = depth - 2;
        var open = string.Concat(Enumerable.Range(0, subProcesses).Select(i => $"<bpmn:subProcess id=\"s{i}\">"));
        var close = string.Concat(Enumerable.Repeat("</bpmn:subProcess>", subProcesses));
        var xml = $"{Definitions}<bpmn:process id=\"p\" isExecutable=\"true\">{open}{close}</bpmn:process></bpmn:definitions>";

        var document = BpmnParser.Parse(xml);

        var tooDeep = document.Diagnostics.Where(d => d.Code == "xml.too-deep").ToList();
        Assert.Equal(refused ? 1 : 0, tooDeep.Count);
        if (refused)
        {
            Assert.Equal($"s{BpmnParser.MaxElementDepth - 2}", tooDeep[0].ElementId);
            Assert.Empty(document.Processes);
        }
    }

    [Fact]
    public void Editor_RefusesDtdsToo()
    {
        var xml = $"<!DOCTYPE d [<!ENTITY a \"aaaa\">]>\n{Definitions}<bpmn:process id=\"p\" name=\"&a;\" /></bpmn:definitions>";

        Assert.Throws<XmlException>(() => BpmnXmlEditor.SetExtensionAttributes(xml, "p", new Dictionary<string, string?> { ["formKey"] = "x" }));
    }

    // Found by the fuzzer: an attribute of type xs:boolean with another value threw FormatException out of Parse.
    [Theory]
    [InlineData("<bpmn:process id=\"p\" isExecutable=\"yes\"><bpmn:startEvent id=\"s\" /></bpmn:process>", "process", "isExecutable")]
    [InlineData("<bpmn:process id=\"p\"><bpmn:subProcess id=\"x\" triggeredByEvent=\"maybe\" /></bpmn:process>", "subProcess", "triggeredByEvent")]
    [InlineData("<bpmn:process id=\"p\"><bpmn:startEvent id=\"x\" isInterrupting=\"no\" /></bpmn:process>", "startEvent", "isInterrupting")]
    [InlineData("<bpmn:process id=\"p\"><bpmn:task id=\"t\" /><bpmn:boundaryEvent id=\"x\" attachedToRef=\"t\" cancelActivity=\"TRUE\"><bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent></bpmn:process>", "boundaryEvent", "cancelActivity")]
    [InlineData("<bpmn:process id=\"p\"><bpmn:task id=\"x\"><bpmn:standardLoopCharacteristics testBefore=\"R5/PT1S\" loopMaximum=\"3\" /></bpmn:task></bpmn:process>", "standardLoopCharacteristics", "testBefore")]
    [InlineData("<bpmn:process id=\"p\"><bpmn:task id=\"x\"><bpmn:multiInstanceLoopCharacteristics isSequential=\"\"><bpmn:loopCardinality>3</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics></bpmn:task></bpmn:process>", "multiInstanceLoopCharacteristics", "isSequential")]
    public void NonBooleanFlag_IsADiagnostic(string process, string element, string attribute)
    {
        var document = BpmnParser.Parse($"{Definitions}{process}</bpmn:definitions>");

        var error = Assert.Single(document.Diagnostics, d => d.Code == "bpmn.bad-boolean");
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Contains($"The {attribute} attribute of <{element}> must be true or false", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Theory]
    [InlineData(" true ", true)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    public void XsBooleanSpellings_AreAccepted(string value, bool executable)
    {
        var document = BpmnParser.Parse($"{Definitions}<bpmn:process id=\"p\" isExecutable=\"{value}\"><bpmn:startEvent id=\"s\" /></bpmn:process></bpmn:definitions>");

        Assert.DoesNotContain(document.Diagnostics, d => d.Code == "bpmn.bad-boolean");
        Assert.Equal(executable, document.GetProcess("p").IsExecutable);
    }
}
