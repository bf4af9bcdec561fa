namespace G2G.Web.Components.Work;

/// <summary>A button pressed on the task page: the operation, and for a decision the choice.</summary>
public sealed record OperationRequest(TaskOperation Operation, FieldOption? Choice);

/// <summary>What the user confirmed in an operation's dialog.</summary>
public sealed record OperationChoice(
    string? UserId = null,
    IReadOnlyList<string>? Users = null,
    string? Target = null,
    G2G.Engine.Execution.ResumeMode Resume = G2G.Engine.Execution.ResumeMode.FromTop,
    G2G.Engine.Execution.SignerPosition Position = G2G.Engine.Execution.SignerPosition.After,
    string? Comment = null);
