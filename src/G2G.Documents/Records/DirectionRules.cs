using G2G.Runtime.Organisation;

namespace G2G.Documents.Records;

/// <summary>A recipient the direction rules refuse, with the relationship and the rule.</summary>
public sealed record DirectionRefusal(string AgencyId, string Message);

/// <summary>
/// Checks a document's recipients against the agency graph (<see cref="AgencyRelations"/>): 上行文 (请示, 报告) go to
/// a superior in a 隶属 or 业务指导 line, a 请示 to exactly one main recipient; 下行文 go to subordinates; 函 goes to
/// parallel and non-affiliated agencies; 意见 goes any way. Copies (抄送) may go anywhere except to the issuer itself
/// and, for a 上行文, to a subordinate. Every refusal names the relationship and the rule.
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
            refusals.Add(new("", $"A {type} needs a main recipient (主送机关). / {type}须有主送机关。"));
        if (type == "请示" && mains.Count > 1)
        {
            refusals.Add(new(string.Join(",", mains),
                $"A 请示 has exactly one main recipient; {mains.Count} are named. / 请示应当一文一事、只主送一个上级机关，现有 {mains.Count} 个主送机关。"));
        }
        foreach (var (agency, isMain) in mains.Select(a => (a, true)).Concat(copies.Select(a => (a, false))))
        {
            if (!relations.Contains(agency))
            {
                refusals.Add(new(agency, $"'{agency}' is not an agency of the organisation. / “{agency}”不是本系统中的机关。"));
                continue;
            }
            var relation = relations.Between(issuer, agency);
            if (Refusal(relation, direction, type, isMain) is { } rule)
                refusals.Add(new(agency, $"{agency}: {relation}; {rule}"));
        }
        var repeated = mains.Concat(copies).GroupBy(a => a, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key);
        refusals.AddRange(repeated.Select(a => new DirectionRefusal(a, $"{a} is named twice. / {a} 重复列出。")));
        return refusals;
    }

    private static string? Refusal(AgencyRelation relation, DocumentDirection direction, string type, bool isMain)
    {
        if (relation.Kind == AgencyRelationKind.Same)
            return "a document is not sent to its own issuer. / 不得向本机关行文。";
        var issuerIsSuperior = relation.FirstIsSuperior;
        var recipientIsSuperior = relation.SecondIsSuperior;
        if (!isMain)
        {
            return direction == DocumentDirection.Upward && issuerIsSuperior
                ? $"a {type} is not copied to a subordinate. / 上行文不得抄送下级机关。"
                : null;
        }
        return direction switch
        {
            DocumentDirection.Upward when !recipientIsSuperior =>
                $"a {type} goes only to a superior in a subordination or guidance line (上行文). / {type}只能主送具有隶属或业务指导关系的上级机关。",
            DocumentDirection.Downward when !issuerIsSuperior =>
                $"a {type} goes only to a subordinate in a subordination or guidance line (下行文). / {type}只能主送具有隶属或业务指导关系的下级机关。",
            DocumentDirection.Parallel when relation.Kind is not (AgencyRelationKind.Parallel or AgencyRelationKind.NonAffiliated) =>
                $"a 函 goes to parallel or non-affiliated agencies (平行文). / 函只用于平行机关或不相隶属机关之间。",
            _ => null,
        };
    }
}
