using G2G.Engine.Execution;
using G2G.Engine.Expressions;

namespace G2G.Engine.Model.Activities;

/// <summary>One variable mapping of a call activity: an expression evaluated on one side, stored under a name on the other.</summary>
public sealed record VariableMapping(Expression Source, string Target);

/// <summary>Starts another deployed process (by key, latest or a pinned version) and waits for it.</summary>
public sealed class CallActivity : Activity
{
    internal CallActivity(string id, string? name, SourcePosition position, string? calledElement, int? version,
        IReadOnlyList<VariableMapping> inputs, IReadOnlyList<VariableMapping> outputs)
        : base(id, name, "callActivity", position)
    {
        CalledElement = calledElement;
        Version = version;
        Inputs = inputs;
        Outputs = outputs;
    }

    /// <summary>The process key of the called process.</summary>
    public string? CalledElement { get; }

    /// <summary>A pinned version; null means the latest published version.</summary>
    public int? Version { get; }

    /// <summary>Variables passed to the child; none means every variable of the caller is passed.</summary>
    public IReadOnlyList<VariableMapping> Inputs { get; }

    /// <summary>Child variables taken back; none means every child variable is copied back.</summary>
    public IReadOnlyList<VariableMapping> Outputs { get; }

    internal override bool IsWaitState => true;

    internal override void Execute(Run run, Token token) => run.RequestChild(token, this);
}
