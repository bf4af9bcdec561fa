using G2G.Engine.Model.Events;
using G2G.Engine.Parsing;

namespace G2G.Engine.Tests.Parsing;

/// <summary>Valid BPMN as other modelling tools write it: pools, foreign languages, shared definitions.</summary>
public class ForeignFileTests
{
    private const string Runnable = """
        <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
        """;

    private static string Definitions(string content, string attributes = "") => $"""
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="defs" targetNamespace="urn:t" {attributes}>
        {content}
        </bpmn:definitions>
        """;

    [Fact]
    public void Collaboration_RunsTheExecutableProcess_AndKeepsBlackBoxAndDocumentedPools()
    {
        var document = BpmnParser.Parse(Definitions($"""
              <bpmn:collaboration id="c">
                <bpmn:participant id="pa" processRef="main" /><bpmn:participant id="pb" processRef="citizen" />
                <bpmn:participant id="pc" processRef="archive" />
              </bpmn:collaboration>
              <bpmn:process id="main" isExecutable="true">{Runnable}</bpmn:process>
              <bpmn:process id="citizen" isExecutable="false" />
              <bpmn:process id="archive" isExecutable="false">
                <bpmn:task id="file" /><bpmn:sequenceFlow id="g" sourceRef="file" targetRef="shelf" />
                <bpmn:exclusiveGateway id="shelf" />
              </bpmn:process>
            """));

        Assert.Empty(document.Diagnostics);
        Assert.Equal(["main", "citizen", "archive"], document.Processes.Select(p => p.Id));
        Assert.Equal(["main"], document.ExecutableProcesses.Select(p => p.Id));
    }

    [Fact]
    public void PlaceholderProcess_WithoutExecutableFlag_IsKeptButNotRun()
    {
        var document = BpmnParser.Parse(Definitions($"""
              <bpmn:process id="placeholder" />
              <bpmn:process id="work">{Runnable}</bpmn:process>
            """));

        Assert.Empty(document.Diagnostics);
        Assert.Equal(["work"], document.ExecutableProcesses.Select(p => p.Id));
        Assert.Equal(2, document.Processes.Count);
    }

    [Fact]
    public void OnlyEmptyProcesses_SayThereIsNothingToRun()
    {
        var document = BpmnParser.Parse(Definitions("""<bpmn:process id="a" isExecutable="true" />"""));

        var error = Assert.Single(document.Diagnostics);
        Assert.Equal("bpmn.no-process", error.Code);
        Assert.Contains("'a'", error.Message);
        Assert.Single(document.Processes);
    }

    [Fact]
    public void CategoryValueRef_InASubProcess_IsNotAFlowNode()
    {
        var document = BpmnParser.Parse(Bpmn.Around("""
            <bpmn:subProcess id="x">
              <bpmn:categoryValueRef>cv1</bpmn:categoryValueRef>
              <bpmn:startEvent id="in" /><bpmn:sequenceFlow id="g" sourceRef="in" targetRef="out" /><bpmn:endEvent id="out" />
            </bpmn:subProcess>
            """, """<bpmn:category id="cat"><bpmn:categoryValue id="cv1" value="审批" /></bpmn:category>"""));

        Assert.Empty(document.Diagnostics);
    }

    /// <summary>A decision whose flow f1 (line 6) carries the given condition element.</summary>
    private static string Decision(string condition, string language) => Definitions($"""
              <bpmn:process id="p" isExecutable="true">
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="g" />
                <bpmn:exclusiveGateway id="g" default="f2" />
                <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="e">{condition}</bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="e" /><bpmn:endEvent id="e" />
              </bpmn:process>
            """, $"expressionLanguage=\"{language}\"");

    [Fact]
    public void DeclaredForeignExpressionLanguage_IsNamed_NotASyntaxError()
    {
        var xml = Decision("<bpmn:conditionExpression>amount in [1..1000]</bpmn:conditionExpression>",
            "https://www.omg.org/spec/DMN/20191111/FEEL/");

        var error = Assert.Single(BpmnParser.Parse(xml).Diagnostics);

        Assert.Equal("bpmn.unsupported-expression-language", error.Code);
        Assert.Equal("f1", error.ElementId);
        Assert.Equal(6, error.Line);
        Assert.Contains("https://www.omg.org/spec/DMN/20191111/FEEL/", error.Message);
        Assert.Contains("not supported", error.Message);
    }

    [Fact]
    public void ExpressionMarkedAsOurs_OverridesADeclaredForeignLanguage()
    {
        var xml = Decision("<bpmn:conditionExpression language=\"g2g\">amount &gt; 1000</bpmn:conditionExpression>",
            "http://www.w3.org/1999/XPath");

        Assert.Empty(BpmnParser.Parse(xml).Diagnostics);
    }

    [Fact]
    public void EventDefinitionRef_ResolvesTopLevelDefinitions()
    {
        var document = BpmnParser.Parse(Bpmn.Process("""
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="wait" />
                <bpmn:intermediateCatchEvent id="wait"><bpmn:eventDefinitionRef>replyDef</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="wait" targetRef="pause" />
                <bpmn:intermediateCatchEvent id="pause"><bpmn:eventDefinitionRef>dayDef</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="pause" targetRef="e" /><bpmn:endEvent id="e" />
            """, """
                <bpmn:message id="m" name="回函" />
                <bpmn:messageEventDefinition id="replyDef" messageRef="m" />
                <bpmn:timerEventDefinition id="dayDef"><bpmn:timeDuration>P1D</bpmn:timeDuration></bpmn:timerEventDefinition>
            """));

        Assert.Empty(document.Diagnostics);
        var process = document.GetProcess("p");
        Assert.Equal("回函", Assert.IsType<MessageDefinition>(((IntermediateCatchEvent)process.GetNode("wait")).Definition).MessageName);
        Assert.Equal("P1D", Assert.IsType<TimerDefinition>(((IntermediateCatchEvent)process.GetNode("pause")).Definition).Text);
    }

    [Fact]
    public void EventDefinitionRef_ToNothing_NamesTheMissingDefinition()
    {
        var error = Assert.Single(BpmnParser.Parse(Bpmn.Around(
            "<bpmn:intermediateCatchEvent id=\"x\"><bpmn:eventDefinitionRef>gone</bpmn:eventDefinitionRef></bpmn:intermediateCatchEvent>")).Diagnostics);

        Assert.Equal("bpmn.unknown-event-definition", error.Code);
        Assert.Equal("x", error.ElementId);
        Assert.Contains("'gone'", error.Message);
    }

    [Fact]
    public void ReceiveTaskWithoutMessage_IsReportedOnce_NotOnItsBoundaryEvents()
    {
        var document = BpmnParser.Parse(Bpmn.Around("""
            <bpmn:receiveTask id="x" />
            <bpmn:boundaryEvent id="late" attachedToRef="x"><bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="chase" />
            <bpmn:userTask id="chase" /><bpmn:sequenceFlow id="f4" sourceRef="chase" targetRef="end" />
            """));

        var error = Assert.Single(document.Diagnostics);
        Assert.Equal("bpmn.unknown-message", error.Code);
        Assert.Equal("x", error.ElementId);
    }
}
