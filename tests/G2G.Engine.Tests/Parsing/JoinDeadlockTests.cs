using G2G.Engine.Parsing;
using G2G.Engine.Validation;

namespace G2G.Engine.Tests.Parsing;

/// <summary>Parallel joins fed by paths of which only one is taken deadlock at run time: found at deploy.</summary>
public class JoinDeadlockTests
{
    private const string Join = """
            <bpmn:parallelGateway id="join" />
            <bpmn:sequenceFlow id="out" sourceRef="join" targetRef="end" /><bpmn:endEvent id="end" />
        """;

    private static Diagnostic? JoinDiagnostic(string body)
    {
        var document = BpmnParser.Parse(Bpmn.Process(body + Join, """<bpmn:message id="m" name="回函" />"""));
        var others = document.Diagnostics.Where(d => d.Code != "gateway.join-never-fires").ToList();
        Assert.True(others.Count == 0, string.Join("; ", others));
        return document.Diagnostics.SingleOrDefault(d => d.Code == "gateway.join-never-fires");
    }

    private static string TaskWithBoundary(bool interrupting) => $"""
            <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="review" />
            <bpmn:userTask id="review" /><bpmn:sequenceFlow id="f1" sourceRef="review" targetRef="join" />
            <bpmn:boundaryEvent id="late" attachedToRef="review" cancelActivity="{(interrupting ? "true" : "false")}">
              <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:boundaryEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="late" targetRef="remind" />
            <bpmn:userTask id="remind" /><bpmn:sequenceFlow id="f3" sourceRef="remind" targetRef="join" />
        """;

    [Fact]
    public void TaskAndItsInterruptingBoundaryEvent_IntoOneParallelJoin_NeverFires()
    {
        var error = JoinDiagnostic(TaskWithBoundary(interrupting: true));

        Assert.NotNull(error);
        Assert.Equal(DiagnosticSeverity.Error, error.Severity);
        Assert.Equal("join", error.ElementId);
        Assert.Contains("'review'", error.Message);
    }

    [Fact]
    public void NonInterruptingBoundary_IntoAParallelJoin_WarnsThatTheTaskFinishingFirstDeadlocks()
    {
        var warning = JoinDiagnostic(TaskWithBoundary(interrupting: false));

        Assert.NotNull(warning);
        Assert.Equal(DiagnosticSeverity.Warning, warning.Severity);
        Assert.Contains("'late'", warning.Message);
    }

    [Fact]
    public void BranchesOfAnEventBasedGateway_IntoOneParallelJoin_NeverFire()
    {
        var error = JoinDiagnostic("""
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="race" />
                <bpmn:eventBasedGateway id="race" />
                <bpmn:sequenceFlow id="f1" sourceRef="race" targetRef="reply" />
                <bpmn:sequenceFlow id="f2" sourceRef="race" targetRef="week" />
                <bpmn:intermediateCatchEvent id="reply"><bpmn:messageEventDefinition messageRef="m" /></bpmn:intermediateCatchEvent>
                <bpmn:intermediateCatchEvent id="week"><bpmn:timerEventDefinition><bpmn:timeDuration>P7D</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="reply" targetRef="join" />
                <bpmn:sequenceFlow id="f4" sourceRef="week" targetRef="join" />
            """);

        Assert.NotNull(error);
        Assert.Contains("'race'", error.Message);
    }

    [Fact]
    public void DecisionWhoseTwoFlowsReachTheSameTask_BeforeTheJoin_NeverFires()
    {
        var error = JoinDiagnostic("""
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="split" />
                <bpmn:exclusiveGateway id="split" default="f3" />
                <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="a"><bpmn:conditionExpression>urgent</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="a"><bpmn:conditionExpression>late</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="b" />
                <bpmn:userTask id="a" /><bpmn:userTask id="b" />
                <bpmn:sequenceFlow id="f4" sourceRef="a" targetRef="join" />
                <bpmn:sequenceFlow id="f5" sourceRef="b" targetRef="join" />
            """);

        Assert.NotNull(error);
        Assert.Contains("'split'", error.Message);
    }

    [Fact]
    public void InterruptingBoundaryThatLeavesTheJoinAlone_IsFine()
    {
        Assert.Null(JoinDiagnostic("""
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="fork" />
                <bpmn:parallelGateway id="fork" />
                <bpmn:sequenceFlow id="f1" sourceRef="fork" targetRef="review" />
                <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="sign" />
                <bpmn:userTask id="review" /><bpmn:userTask id="sign" />
                <bpmn:boundaryEvent id="late" attachedToRef="review">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>P3D</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="late" targetRef="timedOut" /><bpmn:endEvent id="timedOut" />
                <bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="join" />
                <bpmn:sequenceFlow id="f5" sourceRef="sign" targetRef="join" />
            """));
    }

    [Fact]
    public void DecisionBranchThatForksIntoEveryJoinFlow_IsFine()
    {
        Assert.Null(JoinDiagnostic("""
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="split" />
                <bpmn:exclusiveGateway id="split" default="f2" />
                <bpmn:sequenceFlow id="f1" sourceRef="split" targetRef="fork"><bpmn:conditionExpression>urgent</bpmn:conditionExpression></bpmn:sequenceFlow>
                <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="skip" /><bpmn:endEvent id="skip" />
                <bpmn:parallelGateway id="fork" />
                <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="join" />
                <bpmn:sequenceFlow id="f4" sourceRef="fork" targetRef="a" /><bpmn:userTask id="a" />
                <bpmn:sequenceFlow id="f5" sourceRef="a" targetRef="join" />
            """));
    }
}
