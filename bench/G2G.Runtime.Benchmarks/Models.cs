using G2G.Engine.Expressions;

namespace G2G.Runtime.Benchmarks;

/// <summary>The model every runtime benchmark drives.</summary>
internal static class Models
{
    public const string ApprovalKey = InboxData.ProcessKey;

    /// <summary>The workflows folder the build lays out next to the program: bench/models/approval-5.bpmn and its form.</summary>
    public static string WorkflowsFolder => Path.Combine(AppContext.BaseDirectory, "workflows");

    /// <summary>bench/models/approval-5.bpmn in <see cref="WorkflowsFolder"/>.</summary>
    public static string ApprovalFile => Path.Combine(WorkflowsFolder, "approval", "approval-5.bpmn");

    /// <summary>
    /// A valid submission of the first step's form (<c>approval/draft</c>, bench/models/forms/draft.json); the
    /// other four steps have no form and are completed without variables.
    /// </summary>
    public static IReadOnlyDictionary<string, Value> DraftSubmission { get; } = new Dictionary<string, Value>(StringComparer.Ordinal)
    {
        ["subject"] = Value.From("关于基准测试的请示"),
        ["urgency"] = Value.From("normal"),
        ["summary"] = Value.From("请审批。"),
    };

    /// <summary>What the benchmark submits at a step (1 = the draft step).</summary>
    public static IReadOnlyDictionary<string, Value>? Submission(int step) => step == 1 ? DraftSubmission : null;

    /// <summary>One start and five task completions.</summary>
    public const int CommandsPerInstance = 6;
}
