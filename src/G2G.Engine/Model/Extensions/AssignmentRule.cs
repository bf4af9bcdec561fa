using System.Collections.Immutable;
using G2G.Engine.Expressions;

namespace G2G.Engine.Model.Extensions;

/// <summary>
/// Who a task goes to, written <c>rule(arg, …)</c> with expression arguments, e.g.
/// <c>position('处长', initiator.department)</c> or <c>users(approvers)</c>. The engine evaluates the
/// arguments; the runtime resolves the rule against the organisation.
/// </summary>
public sealed record AssignmentRule(string Kind, ImmutableArray<Expression> Arguments, string Source)
{
    /// <summary>Rule kinds and how many arguments each takes (min, max).</summary>
    public static IReadOnlyDictionary<string, (int Min, int Max)> Kinds { get; } = new Dictionary<string, (int, int)>(StringComparer.Ordinal)
    {
        ["user"] = (1, 1),            // a named user id
        ["users"] = (1, 1),           // a list of user ids (a variable or a literal list)
        ["initiator"] = (0, 0),       // whoever started the instance
        ["position"] = (1, 2),        // holders of a position in a department/agency (default: the initiator's department)
        ["leader"] = (0, 1),          // the principal leader of an agency (default: the initiator's agency)
        ["departmentHead"] = (0, 1),  // the head of a department (default: the initiator's department)
        ["group"] = (1, 1),           // members of a named group
    };

    public override string ToString() => Source;
}

/// <summary>An assignment rule with its arguments evaluated for one task.</summary>
public sealed record ResolvedAssignment(string Kind, ImmutableArray<Value> Arguments);
