using G2G.Engine.Expressions;
using G2G.Engine.Model.Activities;
using G2G.Engine.Model.Events;
using G2G.Engine.Model.Extensions;
using G2G.Engine.Parsing;
using G2G.Engine.Time;

namespace G2G.Engine.Tests.Parsing;

public class ParserTests
{
    [Theory]
    [InlineData("bpmn")]
    [InlineData("semantic")]
    [InlineData("bpmn2")]
    [InlineData("")]
    public void Parse_AcceptsEveryPrefixSpellingOfTheBpmnNamespace(string prefix)
    {
        var p = prefix.Length == 0 ? "" : prefix + ":";
        var xmlns = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
        var xml = $"""
            <{p}definitions {xmlns}="http://www.omg.org/spec/BPMN/20100524/MODEL" id="d" targetNamespace="t">
              <{p}process id="p"><{p}startEvent id="s"/><{p}sequenceFlow id="f" sourceRef="s" targetRef="e"/><{p}endEvent id="e"/></{p}process>
            </{p}definitions>
            """;

        var document = BpmnParser.Parse(xml);

        Assert.False(document.HasErrors, string.Join("; ", document.Diagnostics));
        Assert.Equal(["s", "e"], document.GetProcess("p").AllNodes.Select(n => n.Id));
    }

    [Fact]
    public void Parse_MalformedXml_ReportsLineAndColumn()
    {
        var document = BpmnParser.Parse("<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">\n  <bpmn:process id=\"p\">\n</bpmn:definitions>");

        var error = Assert.Single(document.Diagnostics);
        Assert.Equal("xml.malformed", error.Code);
        Assert.Equal(3, error.Line);
        Assert.Empty(document.Processes);
    }

    [Fact]
    public void Parse_RefusesDtdsSoEntitiesCannotExpand()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY a \"aaaa\">]><d>&a;</d>";

        var error = Assert.Single(BpmnParser.Parse(xml).Diagnostics);

        Assert.Equal("xml.dtd-refused", error.Code);
    }

    [Fact]
    public void Parse_NotBpmn_SaysWhatTheRootIs()
    {
        var error = Assert.Single(BpmnParser.Parse("<html xmlns=\"http://www.w3.org/1999/xhtml\"/>").Diagnostics);

        Assert.Equal("bpmn.not-definitions", error.Code);
        Assert.Contains("<html>", error.Message);
    }

    [Fact]
    public void Parse_UserTaskExtensions_AreRead()
    {
        var document = BpmnParser.Parse(Bpmn.Around("""
            <bpmn:userTask id="x" name="处长审核" g2g:assignee="position('处长', initiator.department)" g2g:formKey="leave/review"
                g2g:due="3wd" g2g:remindBefore="4wh" g2g:escalateAfter="P2D" g2g:escalateTo="leader()"
                g2g:operations="sendBack, withdraw addSigner;copy" g2g:sendBackTo="previous,initiator" g2g:opinion="required" />
            """));

        var task = (UserTask)document.GetProcess("p").GetNode("x");
        var settings = task.Settings;
        Assert.Equal("position", settings.Assignment!.Kind);
        Assert.Equal(2, settings.Assignment.Arguments.Length);
        Assert.Equal("leave/review", settings.FormKey);
        Assert.Equal("3wd", settings.Due!.ToString());
        Assert.Equal("4wh", settings.RemindBefore!.ToString());
        Assert.Equal("leader", settings.EscalateTo!.Kind);
        Assert.Equal(TaskOperations.SendBack | TaskOperations.Withdraw | TaskOperations.AddSigner | TaskOperations.Copy, settings.Operations);
        Assert.Equal(["previous", "initiator"], settings.SendBackTargets);
        Assert.Equal(OpinionPolicy.Required, settings.Opinion);
    }

    [Fact]
    public void Parse_DeadlineExpressions_AreEvaluatedToDeadlines_AndBadOnesAreReported()
    {
        var document = BpmnParser.Parse(Bpmn.Around("""
            <bpmn:userTask id="x" g2g:due="${coalesce(deadlines.signFor, '1wd')}" g2g:remindBefore="${deadlines.remind}" />
            """));
        var settings = ((UserTask)document.GetProcess("p").GetNode("x")).Settings;
        Assert.Equal((null, null), (settings.Due, settings.RemindBefore));
        DeadlineSpec? Due(string variables) => Deadline.Resolve(settings.Due, settings.DueExpression,
            new DictionaryVariableScope(new Dictionary<string, Value> { ["deadlines"] = ValueJson.Parse(variables) }), new EvaluationContext());
        Assert.Equal("2wh", Due("""{"signFor": "2wh"}""")!.ToString());
        Assert.Equal("1wd", Due("{}")!.ToString());
        var wrong = Assert.Throws<ExpressionEvaluationException>(() => Due("""{"signFor": 3}"""));
        Assert.Contains("'3wd', '4wh' or 'P3D'", wrong.Message, StringComparison.Ordinal);

        var broken = BpmnParser.Parse(Bpmn.Around("""<bpmn:userTask id="x" g2g:due="${coalesce(}" />""")).Diagnostics;
        Assert.Equal("x", Assert.Single(broken, d => d.Code == "expression.syntax").ElementId);
    }

    [Fact]
    public void Parse_EventDefinitions_ResolveMessageSignalAndErrorNames()
    {
        var document = BpmnParser.Parse(Bpmn.Process("""
                <bpmn:startEvent id="s" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="task" />
                <bpmn:userTask id="task" />
                <bpmn:boundaryEvent id="b" attachedToRef="task" cancelActivity="false"><bpmn:messageEventDefinition messageRef="m1" /></bpmn:boundaryEvent>
                <bpmn:sequenceFlow id="f2" sourceRef="b" targetRef="e2" />
                <bpmn:endEvent id="e2"><bpmn:signalEventDefinition signalRef="s1" /></bpmn:endEvent>
                <bpmn:sequenceFlow id="f3" sourceRef="task" targetRef="e" />
                <bpmn:endEvent id="e"><bpmn:errorEventDefinition errorRef="err1" /></bpmn:endEvent>
            """, """<bpmn:message id="m1" name="收文到达" /><bpmn:signal id="s1" name="紧急通知" /><bpmn:error id="err1" errorCode="REJECTED" />"""));

        var process = document.GetProcess("p");
        var boundary = (BoundaryEvent)process.GetNode("b");
        Assert.False(boundary.CancelActivity);
        Assert.Equal("task", boundary.AttachedTo.Id);
        Assert.Equal("收文到达", ((MessageDefinition)boundary.Definition).MessageName);
        Assert.Equal("紧急通知", ((SignalDefinition)((EndEvent)process.GetNode("e2")).Definition!).SignalName);
        Assert.Equal("REJECTED", ((ErrorDefinition)((EndEvent)process.GetNode("e")).Definition!).ErrorCode);
    }

    [Fact]
    public void Parse_KeepsTheOriginalXmlVerbatim()
    {
        var xml = Bpmn.Around("<bpmn:task id=\"x\"><bpmn:extensionElements><camunda:foo xmlns:camunda=\"http://camunda.org/schema/1.0/bpmn\" a=\"1\"/></bpmn:extensionElements></bpmn:task>");

        Assert.Same(xml, BpmnParser.Parse(xml).Xml);
    }

    [Fact]
    public void ErrorStartEvent_IsAcceptedInAnEventSubProcess_AndRefusedAtProcessLevel()
    {
        var inside = BpmnParser.Parse(Bpmn.Process("""
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
                <bpmn:subProcess id="onError" triggeredByEvent="true">
                  <bpmn:startEvent id="errorStart"><bpmn:errorEventDefinition /></bpmn:startEvent>
                  <bpmn:sequenceFlow id="g" sourceRef="errorStart" targetRef="handled" /><bpmn:endEvent id="handled" />
                </bpmn:subProcess>
            """));
        var outside = BpmnParser.Parse(Bpmn.Process("""
                <bpmn:startEvent id="s"><bpmn:errorEventDefinition /></bpmn:startEvent>
                <bpmn:sequenceFlow id="f" sourceRef="s" targetRef="e" /><bpmn:endEvent id="e" />
            """));

        Assert.Empty(inside.Diagnostics);
        Assert.Contains(outside.Diagnostics, d => d.ElementId == "s" && d.Code == "bpmn.unsupported-event");
    }
}
