using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Tests.Execution;

/// <summary>
/// The state is data: it round-trips through JSON in every scenario (the harness stores it as JSON
/// between commands) and the executor is deterministic.
/// </summary>
public class StateTests
{
    /// <summary>A scenario per category with most kinds of state: scopes, multi-instance counters, subscriptions, signers, incidents, completions.</summary>
    public static TheoryData<string> Scenarios => new()
    {
        "approval", "countersign", "eventSubProcess", "callActivity", "inclusive", "incident", "boundaryCycle",
    };

    private static ProcessHarness Play(string scenario, bool roundTrip)
    {
        ProcessHarness run;
        switch (scenario)
        {
            case "approval":
                run = Harness("approval-5.bpmn", null, roundTrip).Start(("title", "关于年度预算的请示"), ("note", null), ("amount", 1200.5m), ("due", new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8))));
                run.Complete("draft").Complete("review").Withdraw("review").Complete("review").AddSigner("check", "zhao.liu", SignerPosition.Before);
                run.Complete("check").AddSigner("check", "qian.qi", SignerPosition.After).Complete("check").Complete("check");
                run.SendBack("office", "review", ResumeMode.ReturnToSender);
                break;
            case "countersign":
                run = Harness("multi-instance/countersign.bpmn", "vote", roundTrip).Start(("members", new[] { "m1", "m2", "m3", "m4" }));
                run.CompleteTask(run.Tasks("ballot")[1].TaskId, "approve").CompleteTask(run.Tasks("ballot")[0].TaskId, "reject");
                break;
            case "eventSubProcess":
                run = Harness("activities/event-subprocess.bpmn", null, roundTrip).Start(("applicant", "赵六"));
                run.Message("进度查询", ("question", "何时答复？")).Complete("register").Advance(TimeSpan.FromDays(16));
                break;
            case "callActivity":
                run = Harness("multi-instance/scopes.bpmn", "cityDispatch", roundTrip).Start(("cities", new[] { "广州", "深圳" }), ("deadline", "2026-12-31"));
                run.Do(new CompleteChild(run.Children.Min(c => c.TokenId), ProcessHarness.Vars(("done", true))));
                break;
            case "inclusive":
                run = Harness("gateways/inclusive.bpmn", null, roundTrip).Start().Complete("draft", null, ("concerned", new[] { "财务处", "法规处" }));
                run.Complete("finance").Complete("legalCheck");
                break;
            case "incident":
                run = Harness("gateways/leave.bpmn", "leaveType", roundTrip).Start(("type", "事假"), ("meta", ProcessHarness.Record(("a", 1), ("b", new[] { 1, 2 }))));
                break;
            default:
                run = Harness("events/boundary-events.bpmn", "timerCycle", roundTrip).Start().Advance(TimeSpan.FromMinutes(90));
                break;
        }
        return run;
    }

    private static ProcessHarness Harness(string file, string? process, bool roundTrip)
    {
        var run = ProcessHarness.Load(file, process);
        run.RoundTripState = roundTrip;
        return run;
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void FinalState_RoundTripsThroughJson(string scenario)
    {
        var state = Play(scenario, roundTrip: false).State;

        var json = ProcessStateJson.Serialize(state);
        var back = ProcessStateJson.Deserialize(json);

        Assert.Equal(json, ProcessStateJson.Serialize(back));
        Assert.Equal(json, System.Text.Encoding.UTF8.GetString(ProcessStateJson.SerializeToUtf8(back)));
        Assert.Equal(state.Tokens.AsEnumerable(), back.Tokens.AsEnumerable());
        Assert.Equal(state.Subscriptions.AsEnumerable(), back.Subscriptions.AsEnumerable());
        Assert.Equal(state.Incidents.AsEnumerable(), back.Incidents.AsEnumerable());
        Assert.Equal(state.Scopes.Select(s => (s.Id, s.Kind, s.ElementId, s.ParentId, s.OwnerTokenId)), back.Scopes.Select(s => (s.Id, s.Kind, s.ElementId, s.ParentId, s.OwnerTokenId)));
        Assert.All(state.Scopes.Zip(back.Scopes), pair =>
        {
            Assert.Equal(Value.From(pair.First.Variables), Value.From(pair.Second.Variables));
            Assert.Equal(pair.First.Loop?.Items.AsEnumerable(), pair.Second.Loop?.Items.AsEnumerable());
        });
        Assert.Equal(state.Variables.Count, ProcessStateJson.Deserialize(ProcessStateJson.SerializeToUtf8(state)).Variables.Count);
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void SameCommands_GiveIdenticalStatesAndEffects(string scenario)
    {
        var first = Play(scenario, roundTrip: false);
        var second = Play(scenario, roundTrip: false);

        Assert.Equal(ProcessStateJson.Serialize(first.State), ProcessStateJson.Serialize(second.State));
        Assert.Equal(ProcessHarness.Describe(first.Effects), ProcessHarness.Describe(second.Effects));
    }

    [Theory]
    [MemberData(nameof(Scenarios))]
    public void RunningFromTheStoredJson_GivesTheSameResultAsRunningInMemory(string scenario)
    {
        var inMemory = Play(scenario, roundTrip: false);
        var stored = Play(scenario, roundTrip: true);

        Assert.Equal(ProcessStateJson.Serialize(inMemory.State), ProcessStateJson.Serialize(stored.State));
        Assert.Equal(ProcessHarness.Describe(inMemory.Effects), ProcessHarness.Describe(stored.Effects));
    }

    [Fact]
    public void StateJson_WritesVariablesAndOutcomesInNameOrder_SoEveryProcessWritesTheSameText()
    {
        // ImmutableDictionary enumerates in string-hash order, and string hashes are seeded per process.
        var names = Enumerable.Range(0, 40).Select(i => $"v{i:00}").Reverse().ToArray();
        var run = ProcessHarness.Load("multi-instance/countersign.bpmn", "vote").Start([.. names.Select(n => (n, (object?)1)), ("members", new[] { "m1", "m2", "m3", "m4" })]);
        run.CompleteTask(run.Tasks("ballot")[0].TaskId, "reject").CompleteTask(run.Tasks("ballot")[1].TaskId, "approve");
        run.Do(new CompleteTask(run.Tasks("ballot")[0].TaskId, ProcessHarness.Vars(("zz", 1), ("aa", 1)), "abstain"));

        using var json = System.Text.Json.JsonDocument.Parse(ProcessStateJson.Serialize(run.State));
        foreach (var scope in json.RootElement.GetProperty("scopes").EnumerateArray())
        {
            var keys = scope.GetProperty("variables").EnumerateObject().Select(p => p.Name).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }
        Assert.Equal(["abstain", "approve", "reject"], run.State.Scopes.Single(s => s.Loop is not null).Loop!.Outcomes.Keys.Order()); // sanity
        var loop = json.RootElement.GetProperty("scopes").EnumerateArray().Select(s => s.TryGetProperty("loop", out var l) ? l : default).Single(l => l.ValueKind != System.Text.Json.JsonValueKind.Undefined);
        Assert.Equal(["abstain", "approve", "reject"], loop.GetProperty("outcomes").EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public void ARejectedCommand_ReturnsNoStateAndLeavesTheOldOneIntact()
    {
        var run = Play("approval", roundTrip: false);
        var json = ProcessStateJson.Serialize(run.State);

        run.Rejects(new CompleteTask(12345));
        run.Rejects(new SendBack(run.Task("review").TaskId, "sign"));

        Assert.Equal(json, ProcessStateJson.Serialize(run.State));
    }
}
