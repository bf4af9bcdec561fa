using G2G.Engine.Execution;
using G2G.Engine.Model.Extensions;

namespace G2G.Engine.Model.Activities;

/// <summary>A task for a person: an inbox item with a form, a deadline and the human operations the step allows.</summary>
public sealed class UserTask : Activity
{
    internal UserTask(string id, string? name, SourcePosition position, HumanTaskSettings settings)
        : base(id, name, "userTask", position) => Settings = settings;

    /// <summary>The G2G extension settings: assignment, form, deadlines, operations, opinion.</summary>
    public HumanTaskSettings Settings { get; }

    internal override bool IsWaitState => true;

    internal override void Execute(Run run, Token token) => run.CreateTask(token, this);
}
