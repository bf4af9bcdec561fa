using G2G.Engine.Execution;
using G2G.Engine.Parsing;
using G2G.Engine.Tests.Parsing;

namespace G2G.Engine.Tests.Execution;

/// <summary>Link events: a throw continues at the catch of the same name on its own process level.</summary>
public class LinkEventTests
{
    private static ProcessHarness Load() => ProcessHarness.Load("events/link-events.bpmn", "linkJump");

    [Fact]
    public void LinkThrow_ContinuesAtTheCatchOfTheSameName()
    {
        var run = Load().Start();

        run.Complete("draft", variables: ("needsSignature", false));

        Assert.Equal(["shelve"], run.OpenTaskElements);
        Assert.Equal(["start", "draft", "route", "toArchive", "archiveLink", "fStart", "fThrow", "fCatch"], run.Completed);
    }

    [Fact]
    public void SeveralThrows_ShareOneCatch()
    {
        var run = Load().Start();

        run.Complete("draft", variables: ("needsSignature", true)).Complete("sign").Complete("shelve");

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(1, run.CompletedCount("signedToArchive"));
        Assert.Equal(1, run.CompletedCount("archiveLink"));
    }

    [Fact]
    public void LinkThrowWithoutCatchOnItsLevel_NamesTheLinkAndTheLine()
    {
        var document = BpmnParser.Parse(Bpmn.Process("""
                <bpmn:startEvent id="s" /><bpmn:sequenceFlow id="f0" sourceRef="s" targetRef="sub" />
                <bpmn:subProcess id="sub">
                  <bpmn:startEvent id="in" /><bpmn:sequenceFlow id="g" sourceRef="in" targetRef="jump" />
                  <bpmn:intermediateThrowEvent id="jump"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateThrowEvent>
                </bpmn:subProcess>
                <bpmn:intermediateCatchEvent id="land"><bpmn:linkEventDefinition name="next" /></bpmn:intermediateCatchEvent>
                <bpmn:sequenceFlow id="f1" sourceRef="land" targetRef="e" /><bpmn:endEvent id="e" />
            """));

        var error = Assert.Single(document.Diagnostics, d => d.Code == "bpmn.link-unmatched");
        Assert.Equal("jump", error.ElementId);
        Assert.Equal(8, error.Line);
        Assert.Contains("'next'", error.Message);
    }
}
