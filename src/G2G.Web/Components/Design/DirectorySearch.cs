using G2G.Runtime.Organisation;

namespace G2G.Web.Components.Design;

/// <summary>The directory as the designer's rule pickers search it (the organisation in the app; a fixed list in tests).</summary>
public interface IDirectorySearch
{
    /// <summary>Active entries of one kind whose id or name contains the text (all without it), a page's worth.</summary>
    Task<IReadOnlyList<DirectoryEntry>> SearchAsync(DirectoryKind kind, string? text, CancellationToken cancellationToken = default);
}

/// <summary>Searches the whole organisation through <see cref="OrganisationQueries"/> (directory data anyone signed in may read).</summary>
public sealed class DirectorySearch(OrganisationQueries queries) : IDirectorySearch
{
    private const int MaxChoices = 20;

    public Task<IReadOnlyList<DirectoryEntry>> SearchAsync(DirectoryKind kind, string? text, CancellationToken cancellationToken = default) =>
        queries.SearchDirectoryAsync(kind, text, MaxChoices, cancellationToken);
}

/// <summary>The kinds of assignment rule the picker composes (docs/bpmn-extensions.md, "Assignment rules").</summary>
public enum RuleKind { User, Users, Initiator, Position, DepartmentHead, Leader, Group }

/// <summary>
/// Where a position, head or leader is looked for: the initiator's own unit, or a department or agency picked; a starter
/// rule's position may also be held anywhere.
/// </summary>
public enum RuleUnit { InitiatorDepartment, InitiatorAgency, Department, Agency, Anywhere }

/// <summary>
/// Writes an assignment rule from what was picked: ids and names become quoted literals (arguments are expressions),
/// the initiator's unit is <c>initiator.department</c> or <c>initiator.agency</c>. Null while something is missing.
/// </summary>
public static class RuleText
{
    public static string? Write(RuleKind kind, IReadOnlyList<string> picked, RuleUnit unit, string? unitId) => kind switch
    {
        RuleKind.Initiator => "initiator()",
        RuleKind.User when picked.Count == 1 => $"user({Literal(picked[0])})",
        RuleKind.Users when picked.Count > 0 => $"users([{string.Join(", ", picked.Select(Literal))}])",
        RuleKind.Group when picked.Count == 1 => $"group({Literal(picked[0])})",
        RuleKind.Position when picked.Count == 1 && Unit(unit, unitId) is { } where => $"position({Literal(picked[0])}, {where})",
        RuleKind.DepartmentHead when unit is RuleUnit.InitiatorDepartment or RuleUnit.Department && Unit(unit, unitId) is { } where => $"departmentHead({where})",
        RuleKind.Leader when unit is RuleUnit.InitiatorAgency or RuleUnit.Agency && Unit(unit, unitId) is { } where => $"leader({where})",
        _ => null,
    };

    /// <summary>
    /// Writes a starter rule of <c>g2g:starters</c> (docs/bpmn-extensions.md, "Who may start"): a person, a group, or a position
    /// held anywhere or in a department or agency picked, with literal arguments. Null while something is missing, or for a
    /// kind or unit a starter rule does not have.
    /// </summary>
    public static string? WriteStarter(RuleKind kind, IReadOnlyList<string> picked, RuleUnit unit, string? unitId) => kind switch
    {
        RuleKind.User when picked.Count == 1 => Starter("user", picked[0]),
        RuleKind.Group when picked.Count == 1 => Starter("group", picked[0]),
        RuleKind.Position when picked.Count == 1 && unit == RuleUnit.Anywhere => Starter("position", picked[0]),
        RuleKind.Position when picked.Count == 1 && unit is RuleUnit.Department or RuleUnit.Agency && !string.IsNullOrEmpty(unitId)
            => Starter("position", picked[0], unitId),
        _ => null,
    };

    /// <summary><c>kind('a', …)</c>: a starter rule's arguments are quoted text without escapes, so one holding both quotes cannot be written.</summary>
    private static string? Starter(string kind, params string[] arguments)
    {
        var quoted = arguments.Select(a => !a.Contains('\'', StringComparison.Ordinal) ? $"'{a}'" : !a.Contains('"', StringComparison.Ordinal) ? $"\"{a}\"" : null).ToList();
        return quoted.Contains(null) ? null : $"{kind}({string.Join(", ", quoted)})";
    }

    /// <summary>A text literal of the expression language: single quotes, with backslashes and single quotes escaped.</summary>
    public static string Literal(string text) => $"'{text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal)}'";

    private static string? Unit(RuleUnit unit, string? id) => unit switch
    {
        RuleUnit.InitiatorDepartment => "initiator.department",
        RuleUnit.InitiatorAgency => "initiator.agency",
        _ => string.IsNullOrEmpty(id) ? null : Literal(id),
    };
}
