using G2G.Engine.Parsing;

namespace G2G.Engine.Tests.Execution;

/// <summary>
/// Parser problems found while writing the execution scenarios. Parsing belongs to another branch,
/// so these stay skipped until it is fixed there; ProcessHarness tolerates the diagnostic meanwhile.
/// </summary>
public class ParserIssueTests
{
    [Fact(Skip = "Parsing bug (ParseSession.Events.cs ReadEvent): every error start event is reported as bpmn.unsupported-event, " +
                 "but an error start event is valid in an event subprocess; the executor handles it (see StartEndEventTests).")]
    public void ErrorStartEvent_InEventSubProcess_IsAccepted()
    {
        var document = BpmnParser.Parse(File.ReadAllText(ProcessHarness.ScenarioPath("events/error-events.bpmn")));

        Assert.DoesNotContain(document.Diagnostics, d => d.ElementId == "errorStart");
    }
}
