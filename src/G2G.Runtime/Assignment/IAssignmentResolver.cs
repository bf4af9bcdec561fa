using G2G.Engine.Expressions;
using G2G.Engine.Model.Extensions;

namespace G2G.Runtime.Assignment;

/// <summary>
/// Who a new task goes to: one assignee, or candidates who may claim it. <paramref name="OnBehalfOf"/> names the
/// user the task was meant for when a standing delegation (委托) routed it to the assignee.
/// </summary>
public sealed record TaskAssignment(string? Assignee, IReadOnlyList<string> CandidateUsers, IReadOnlyList<string> CandidateGroups, string? OnBehalfOf = null)
{
    public bool IsEmpty => Assignee is null && CandidateUsers.Count == 0 && CandidateGroups.Count == 0;
}

/// <summary>
/// The instance facts a rule may refer to by default (the initiator's department and agency), and the instance's
/// 密级: only people cleared for it may receive the task. <paramref name="OrganisationStamp"/> is the organisation's
/// stamp when the command already read it in its transaction (with its load), so the resolver need not.
/// </summary>
public sealed record AssignmentContext(long InstanceId, string ProcessKey, string? Initiator, string? AgencyId,
    Organisation.ClearanceLevel Classification = Organisation.ClearanceLevel.Unclassified, string? OrganisationStamp = null);

/// <summary>
/// A rule that resolves to nobody (an unknown or deactivated user, a vacant position, an empty group). The runtime
/// records it as an incident on the instance, naming <see cref="Rule"/> and the reason, instead of creating a task
/// that nobody can see silently.
/// </summary>
public sealed class AssignmentUnresolvedException(string rule, string reason)
    : Exception($"The assignment rule {rule} resolved to nobody: {reason}")
{
    /// <summary>The rule with its evaluated arguments, e.g. <c>position('处长', 'gd-fin-bgs')</c>.</summary>
    public string Rule { get; } = rule;

    /// <summary>Why nobody was found, with the context used (initiator, defaults).</summary>
    public string Reason { get; } = reason;
}

/// <summary>Resolves an evaluated assignment rule (docs/bpmn-extensions.md) against the organisation.</summary>
public interface IAssignmentResolver
{
    Task<TaskAssignment> ResolveAsync(ResolvedAssignment? rule, AssignmentContext context, CancellationToken cancellationToken);
}

/// <summary>
/// Resolves rules without an organisation model: users directly, everything organisational as a
/// candidate group named after the rule (<c>position:处长@dept-1</c>, <c>leader:agency-1</c>), which
/// the organisation layer can fill with members.
/// </summary>
public sealed class DirectAssignmentResolver : IAssignmentResolver
{
    public Task<TaskAssignment> ResolveAsync(ResolvedAssignment? rule, AssignmentContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        string Text(int i) => rule!.Arguments.Length > i && rule.Arguments[i] is StringValue s ? s.Value : rule!.Arguments.Length > i ? rule.Arguments[i].ToString() ?? "" : "";
        TaskAssignment Group(string name) => new(null, [], [name]);
        var assignment = rule?.Kind switch
        {
            null => new TaskAssignment(null, [], []),
            "user" => new TaskAssignment(Text(0), [], []),
            "users" => new TaskAssignment(null, rule.Arguments[0] is ListValue list ? [.. list.Items.Select(i => i is StringValue s ? s.Value : i.ToString() ?? "")] : [Text(0)], []),
            "initiator" => new TaskAssignment(context.Initiator, [], []),
            "group" => Group(Text(0)),
            "position" => Group(rule.Arguments.Length > 1 ? $"position:{Text(0)}@{Text(1)}" : $"position:{Text(0)}"),
            "leader" => Group(rule.Arguments.Length > 0 ? $"leader:{Text(0)}" : $"leader:{context.AgencyId}"),
            "departmentHead" => Group(rule.Arguments.Length > 0 ? $"head:{Text(0)}" : "head:initiator"),
            _ => throw new RuntimeException(RuntimeErrorCode.Invalid, RuntimeMessages.UnknownAssignmentRule(rule.Kind)),
        };
        return Task.FromResult(assignment);
    }
}
