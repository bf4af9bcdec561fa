using G2G.Engine.Parsing;
using G2G.Engine.Validation;

namespace G2G.Engine.Tests.Parsing;

public class ValidationTests
{
    private static Diagnostic Single(string xml, string code, ValidationContext? context = null)
    {
        var document = BpmnParser.Parse(xml, context);
        var matches = document.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matches.Count == 1, $"expected one {code}, got: {string.Join("; ", document.Diagnostics)}");
        return matches[0];
    }

    [Fact]
    public void NoStartEvent_IsAnError()
    {
        var error = Single(Bpmn.Process("<bpmn:task id=\"t\" />"), "process.no-start");

        Assert.Equal("p", error.ElementId);
        Assert.Equal("process", error.ElementKind);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
    }

    [Fact]
    public void UnreachableNode_NamesElementKindAndLine()
    {
        var xml = Bpmn.Process("""
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" />
                <bpmn:endEvent id="e" />
                <bpmn:userTask id="orphan" name="无人到达" />
            """);

        var error = Single(xml, "flow.unreachable");

        Assert.Equal("orphan", error.ElementId);
        Assert.Equal("userTask", error.ElementKind);
        Assert.Equal(8, error.Line);
        Assert.True(error.Column > 1);
    }

    [Fact]
    public void GatewayWithoutOutgoingFlow_IsADeadEnd()
    {
        var error = Single(Bpmn.Process("""
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="g" />
                <bpmn:exclusiveGateway id="g" />
            """), "flow.dead-end");

        Assert.Equal("g", error.ElementId);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
    }

    [Fact]
    public void ExclusiveGatewayFlowWithoutConditionOrDefault_IsAnError()
    {
        var error = Single(Bpmn.Process("""
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="g" />
                <bpmn:exclusiveGateway id="g" default="f2" />
                <bpmn:sequenceFlow id="f1" sourceRef="g" targetRef="a"><bpmn:conditionExpression>days &gt; 3</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f2" sourceRef="g" targetRef="b" />
                <bpmn:sequenceFlow id="f3" sourceRef="g" targetRef="c" />
                <bpmn:endEvent id="a" /><bpmn:endEvent id="b" /><bpmn:endEvent id="c" />
            """), "gateway.unconditional-flow");

        Assert.Equal("f3", error.ElementId);
        Assert.Equal("sequenceFlow", error.ElementKind);
    }

    [Fact]
    public void ParallelJoinAfterExclusiveSplit_CanNeverFire()
    {
        var error = Single(Bpmn.Process("""
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="split" />
                <bpmn:exclusiveGateway id="split" default="f2" />
                <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="a"><bpmn:conditionExpression>urgent</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="b" />
                <bpmn:userTask id="a" /><bpmn:userTask id="b" />
                <bpmn:sequenceFlow id="f3" sourceRef="a" targetRef="join" />
                <bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="join" />
                <bpmn:parallelGateway id="join" />
                <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="e" />
                <bpmn:endEvent id="e" />
            """), "gateway.join-never-fires");

        Assert.Equal("join", error.ElementId);
        Assert.Contains("split", error.Message);
    }

    [Fact]
    public void ParallelJoinAfterParallelSplit_IsFine()
    {
        var document = BpmnParser.Parse(Bpmn.Process("""
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="split" />
                <bpmn:parallelGateway id="split" />
                <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="a" />
                <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="b" />
                <bpmn:userTask id="a" /><bpmn:userTask id="b" />
                <bpmn:sequenceFlow id="f3" sourceRef="a" targetRef="join" />
                <bpmn:sequenceFlow id="f4" sourceRef="b" targetRef="join" />
                <bpmn:parallelGateway id="join" />
                <bpmn:sequenceFlow id="f5" sourceRef="join" targetRef="e" />
                <bpmn:endEvent id="e" />
            """));

        Assert.Empty(document.Diagnostics);
    }

    [Fact]
    public void UnknownCalledProcess_IsReportedAgainstTheDeployedKeys()
    {
        var context = new ValidationContext { ProcessExists = key => key == "archive" };

        var error = Single(Bpmn.Around("<bpmn:callActivity id=\"x\" calledElement=\"numbering\" />"), "call.unknown-process", context);

        Assert.Contains("numbering", error.Message);
        Assert.DoesNotContain(BpmnParser.Parse(Bpmn.Around("<bpmn:callActivity id=\"x\" calledElement=\"archive\" />"), context).Diagnostics, d => d.Code == "call.unknown-process");
    }

    [Fact]
    public void UnknownServiceAction_IsReportedAgainstTheRegisteredActions()
    {
        var context = new ValidationContext { ActionExists = a => a == "document.assignNumber" };

        var error = Single(Bpmn.Around("<bpmn:serviceTask id=\"x\" g2g:action=\"document.seal\" />"), "service.unknown-action", context);

        Assert.Equal("x", error.ElementId);
    }

    [Theory]
    [InlineData("g2g:due=\"3 weeks\"", "g2g:due")]
    [InlineData("g2g:assignee=\"boss()\"", "g2g:assignee")]
    [InlineData("g2g:assignee=\"position()\"", "g2g:assignee")]
    [InlineData("g2g:operations=\"sendBack,fly\"", "fly")]
    [InlineData("g2g:opinion=\"maybe\"", "g2g:opinion")]
    public void InvalidExtensionValues_AreNamed(string attribute, string named)
    {
        var error = Single(Bpmn.Around($"<bpmn:userTask id=\"x\" {attribute} />"), "extension.invalid");

        Assert.Equal("x", error.ElementId);
        Assert.Contains(named, error.Message);
    }

    [Fact]
    public void UnsupportedElement_IsNamedAndTheRestStillLoads()
    {
        var document = BpmnParser.Parse(Bpmn.Around("<bpmn:complexGateway id=\"x\" />"));

        var error = Assert.Single(document.Diagnostics, d => d.Code == "bpmn.unsupported-element");
        Assert.Equal("complexGateway", error.ElementKind);
        Assert.Equal(3, document.GetProcess("p").AllNodes.Count);
    }

    [Fact]
    public void DuplicateIds_AreReported()
    {
        var error = Single(Bpmn.Around("<bpmn:task id=\"x\" /><bpmn:task id=\"x\" />"), "bpmn.duplicate-id");

        Assert.Equal("x", error.ElementId);
    }

    [Fact]
    public void UnsupportedScriptFormat_IsAnError()
    {
        var error = Single(Bpmn.Around("<bpmn:scriptTask id=\"x\" scriptFormat=\"javascript\"><bpmn:script>x = 1</bpmn:script></bpmn:scriptTask>"), "bpmn.unsupported-script");

        Assert.Contains("javascript", error.Message);
    }
}
