using G2G.Runtime;
using G2G.Runtime.Organisation;

namespace G2G.Documents.Records;

/// <summary>A recipient the direction rules refuse (empty when the refusal is about the list), with the reason.</summary>
public sealed record DirectionRefusal(string AgencyId, RuntimeText Reason);

/// <summary>
/// Checks a document's recipients against the agency graph (<see cref="AgencyRelations"/>): 上行文 (请示, 报告) go to
/// a superior in a 隶属 or 业务指导 line, a 请示 to exactly one main recipient; 下行文 go to subordinates; 函 goes to
/// parallel and non-affiliated agencies; 意见 goes any way. Copies (抄送) may go anywhere except to the issuer itself
/// and, for a 上行文, to a subordinate. Every refusal of a recipient names the relationship and the rule.
/// </summary>
public static class DirectionRules
{
    public static IReadOnlyList<DirectionRefusal> Check(AgencyRelations relations, string type, string issuer,
        IReadOnlyList<string> mains, IReadOnlyList<string> copies)
    {
        ArgumentNullException.ThrowIfNull(relations);
        ArgumentNullException.ThrowIfNull(mains);
        ArgumentNullException.ThrowIfNull(copies);
        var direction = DocumentTypes.Direction(type);
        var refusals = new List<DirectionRefusal>();
        if (direction != DocumentDirection.Published && mains.Count == 0)
            refusals.Add(new("", DocumentsMessages.NeedsMainRecipient(type)));
        if (type == "请示" && mains.Count > 1)
            refusals.Add(new("", DocumentsMessages.OneMainRecipient(mains.Count)));
        foreach (var (agency, isMain) in mains.Select(a => (a, true)).Concat(copies.Select(a => (a, false))))
        {
            if (!relations.Contains(agency))
            {
                refusals.Add(new(agency, DocumentsMessages.UnknownAgency(agency)));
                continue;
            }
            var relation = relations.Between(issuer, agency);
            if (Rule(relation, direction, type, isMain) is { } rule)
                refusals.Add(new(agency, DocumentsMessages.RecipientRefused(agency, Describe(relation), rule)));
        }
        var repeated = mains.Concat(copies).GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        refusals.AddRange(repeated.Select(a => new DirectionRefusal(a, DocumentsMessages.NamedTwice(a))));
        return refusals;
    }

    /// <summary>The relationship in words, in the reader's language.</summary>
    public static RuntimeText Describe(AgencyRelation relation)
    {
        ArgumentNullException.ThrowIfNull(relation);
        return relation.Kind switch
        {
            AgencyRelationKind.Same => DocumentsMessages.RelationSame(relation.Second),
            AgencyRelationKind.Subordination => DocumentsMessages.RelationSubordination(relation.SuperiorId!, relation.SubordinateId!),
            AgencyRelationKind.Guidance => DocumentsMessages.RelationGuidance(relation.SuperiorId!, relation.SubordinateId!),
            AgencyRelationKind.Parallel => DocumentsMessages.RelationParallel(relation.First, relation.Second),
            _ => DocumentsMessages.RelationNonAffiliated(relation.First, relation.Second),
        };
    }

    private static RuntimeText? Rule(AgencyRelation relation, DocumentDirection direction, string type, bool isMain)
    {
        if (relation.Kind == AgencyRelationKind.Same)
            return DocumentsMessages.RuleNotToSelf();
        if (!isMain)
            return direction == DocumentDirection.Upward && relation.FirstIsSuperior ? DocumentsMessages.RuleNoCopyDown(type) : null;
        return direction switch
        {
            DocumentDirection.Upward when !relation.SecondIsSuperior => DocumentsMessages.RuleUpward(type),
            DocumentDirection.Downward when !relation.FirstIsSuperior => DocumentsMessages.RuleDownward(type),
            DocumentDirection.Parallel when relation.Kind is not (AgencyRelationKind.Parallel or AgencyRelationKind.NonAffiliated) =>
                DocumentsMessages.RuleLetter(),
            _ => null,
        };
    }
}
