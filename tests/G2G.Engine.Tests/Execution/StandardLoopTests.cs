using G2G.Engine.Execution;
using G2G.Engine.Parsing;
using G2G.Engine.Tests.Parsing;

namespace G2G.Engine.Tests.Execution;

/// <summary>Standard loops: loopCondition (checked after each round, or before with testBefore) and loopMaximum.</summary>
public class StandardLoopTests
{
    private static ProcessHarness Load(string process) => ProcessHarness.Load("activities/standard-loop.bpmn", process);

    [Fact]
    public void LoopCondition_RunsTheTaskAgainUntilItIsFalse()
    {
        var run = Load("revise").Start();

        run.Complete("revision", variables: ("accepted", false));
        Assert.Equal(["revision"], run.OpenTaskElements);
        run.Complete("revision", variables: ("accepted", true));

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(2, run.Created("revision").Count);
    }

    [Fact]
    public void LoopMaximum_StopsTheLoopAndTheBoundaryTimerStaysArmedAcrossRounds()
    {
        var run = Load("revise").Start();
        var timer = run.Timer("remind");

        run.Complete("revision", variables: ("accepted", false)).Complete("revision");
        Assert.Equal(timer, run.Timer("remind"));
        run.Complete("revision");

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(3, run.CompletedCount("revision"));
    }

    [Theory]
    [InlineData(3, 3)]
    [InlineData(0, 0)]
    public void TestBefore_ChecksTheConditionBeforeEveryRound_EvenTheFirst(int pending, int numbered)
    {
        var run = Load("numbering").Start(("pending", pending), ("numbered", 0));

        Assert.Equal(ProcessStatus.Completed, run.Status);
        Assert.Equal(ProcessHarness.ToValue(numbered), run.Variable("numbered"));
    }

    [Fact]
    public void LoopWithoutConditionOrMaximum_SaysWhatIsMissing()
    {
        var error = Assert.Single(BpmnParser.Parse(Bpmn.Around(
            "<bpmn:task id=\"x\"><bpmn:standardLoopCharacteristics /></bpmn:task>")).Diagnostics);

        Assert.Equal("bpmn.loop-unbounded", error.Code);
        Assert.Equal("x", error.ElementId);
        Assert.Equal(7, error.Line);
        Assert.Contains("loopCondition", error.Message);
    }
}
