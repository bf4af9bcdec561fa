using G2G.Web.Components.Design;

namespace G2G.Web.Components.Tests;

/// <summary>Comparing two versions of a procedure: added, removed and changed elements by id; the drawing alone changes nothing.</summary>
public sealed class VersionDiffTests
{
    private static string Xml(string tasks, string shapes = """<dc:Bounds x="100" y="100" width="100" height="80" />""") => $"""
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:bpmndi="http://www.omg.org/spec/BPMN/20100524/DI"
            xmlns:dc="http://www.omg.org/spec/DD/20100524/DC" xmlns:g2g="urn:g2g:bpmn:1.0" id="d" targetNamespace="t">
          <bpmn:process id="p" isExecutable="true">
            <bpmn:startEvent id="s"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="a" />
            {tasks}
          </bpmn:process>
          <bpmndi:BPMNDiagram id="di"><bpmndi:BPMNPlane id="plane" bpmnElement="p">
            <bpmndi:BPMNShape id="a_di" bpmnElement="a">{shapes}</bpmndi:BPMNShape>
          </bpmndi:BPMNPlane></bpmndi:BPMNDiagram>
        </bpmn:definitions>
        """;

    private const string Apply = """<bpmn:userTask id="a" name="申请" g2g:assignee="initiator()" g2g:due="1wd"><bpmn:incoming>f1</bpmn:incoming></bpmn:userTask>""";

    [Fact]
    public void AddedRemovedAndChangedElements_AreNamedById()
    {
        var older = Xml(Apply + """<bpmn:userTask id="old" name="旧环节" />""");
        var newer = Xml(Apply.Replace("1wd", "3wd", StringComparison.Ordinal) + """<bpmn:serviceTask id="new" g2g:action="leave.reserve" />""");

        var diff = VersionDiff.Between(older, newer);

        Assert.Equal(["new"], diff.Added);
        Assert.Equal(["old"], diff.Removed);
        Assert.Equal(["a"], diff.Changed);
    }

    [Fact]
    public void MovingAShape_OrConnectingAFlow_ChangesNoElement()
    {
        var older = Xml(Apply);
        var moved = Xml(Apply.Replace("<bpmn:incoming>f1</bpmn:incoming>", "<bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing>", StringComparison.Ordinal),
            """<dc:Bounds x="300" y="120" width="100" height="80" />""");

        var diff = VersionDiff.Between(older, moved);

        Assert.Equal((0, 0, 0), (diff.Added.Count, diff.Removed.Count, diff.Changed.Count));
    }

    [Fact]
    public void AChangedConditionText_IsAChangeOfItsFlow()
    {
        var older = Xml(Apply + """<bpmn:sequenceFlow id="f2" sourceRef="a" targetRef="s"><bpmn:conditionExpression>days &gt; 3</bpmn:conditionExpression></bpmn:sequenceFlow>""");
        var newer = older.Replace("days &gt; 3", "days &gt; 5", StringComparison.Ordinal);

        Assert.Equal(["f2"], VersionDiff.Between(older, newer).Changed);
    }
}
