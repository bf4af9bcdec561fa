namespace G2G.Runtime.Benchmarks;

/// <summary>The model every runtime benchmark drives.</summary>
internal static class Models
{
    public const string ApprovalKey = InboxData.ProcessKey;

    /// <summary>bench/models/approval-5.bpmn, copied next to the program by the build.</summary>
    public static string ApprovalFile => Path.Combine(AppContext.BaseDirectory, "models", "approval-5.bpmn");

    /// <summary>One start and five task completions.</summary>
    public const int CommandsPerInstance = 6;
}
