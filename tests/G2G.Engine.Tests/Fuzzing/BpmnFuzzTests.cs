using CsCheck;
using G2G.Engine.Execution;
using G2G.Engine.Model.Activities;
using G2G.Engine.Parsing;
using G2G.Engine.Validation;
using Xunit.Abstractions;

namespace G2G.Engine.Tests.Fuzzing;

/// <summary>
/// Mutated conformance models, shipped procedures and scenarios: the parser and validator answer every one with diagnostics
/// (never an exception, a hang or unbounded memory), and a file they accept runs without the executor failing.
/// </summary>
public class BpmnFuzzTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));

    /// <summary>A deployment's context: only the corpus's own keys and actions exist, so the lookups are exercised too.</summary>
    private static readonly ValidationContext Strict = new()
    {
        ProcessExists = key => key.StartsWith("leave", StringComparison.Ordinal),
        ActionExists = action => action.Contains('.', StringComparison.Ordinal),
    };

    [Fact(Timeout = 30 * 60_000)]
    public async Task MutatedFiles_AreAnsweredWithDiagnostics_AndAcceptedOnesRun()
    {
        var seeds = BpmnCorpus.Seeds;
        Assert.NotEmpty(seeds);
        var report = await Task.Run(() => FuzzRun.Check(BpmnMutation.Case(seeds.Count), c =>
        {
            var xml = BpmnMutation.Apply(seeds[c.Seed].Document, c.Mutations);
            ParseAndRun(xml, c.Seed % 2 == 0 ? ValidationContext.Permissive : Strict);
        }, c => seeds[c.Seed].Xml.Length, FuzzRun.Cases(1_000),
            c => $"{seeds[c.Seed].Name} with {string.Join(", ", c.Mutations.Select(m => m.ToString()))}"));
        output.WriteLine($"BPMN: {seeds.Count} corpus files; {report}");
    }

    /// <summary>The property of one file: diagnostics that say something, and an accepted file that runs.</summary>
    internal static void ParseAndRun(string xml, ValidationContext context)
    {
        var document = BpmnParser.Parse(xml, context);
        foreach (var diagnostic in document.Diagnostics)
        {
            if (string.IsNullOrWhiteSpace(diagnostic.Code) || string.IsNullOrWhiteSpace(diagnostic.Message))
                throw new FuzzFinding($"A diagnostic without code or message: {diagnostic}");
        }
        if (document.HasErrors)
            return;
        foreach (var process in document.ExecutableProcesses)
            Run(process);
    }

    /// <summary>Starts the process and completes user tasks and fires timers for a few steps; only refusals may be thrown.</summary>
    private static void Run(Model.ProcessDefinition process)
    {
        var executor = new ProcessExecutor();
        try
        {
            var state = executor.Execute(process, ProcessState.Empty, new StartProcess(), Monday).State;
            for (var step = 0; step < 25 && state.Status == ProcessStatus.Running; step++)
            {
                Command? next = state.Tokens.FirstOrDefault(t => process.GetNode(t.ElementId) is UserTask) is { } task
                    ? new CompleteTask(task.Id)
                    : state.Subscriptions.FirstOrDefault(s => s.Kind == SubscriptionKind.Timer) is { } timer ? new FireTimer(timer.Id) : null;
                if (next is null)
                    break;
                state = ProcessStateJson.Deserialize(ProcessStateJson.Serialize(executor.Execute(process, state, next, Monday.AddDays(step)).State));
            }
        }
        catch (CommandRejectedException)
        {
            // A refusal is an answer: e.g. a process whose only start events are message starts.
        }
    }
}
