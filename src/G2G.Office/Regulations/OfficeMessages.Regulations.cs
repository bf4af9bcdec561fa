using G2G.Runtime;

namespace G2G.Office;

// 政策法规发布: the messages of Regulations/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText RegulationSearchTooLong() => Catalog.Text(nameof(RegulationSearchTooLong));
    public static RuntimeText RegulationNotFound(long id) => Catalog.Text(nameof(RegulationNotFound), id);
    public static RuntimeText RepealDateRequired() => Catalog.Text(nameof(RepealDateRequired));
    public static RuntimeText RegulationRepealedAlready(string documentNumber) => Catalog.Text(nameof(RegulationRepealedAlready), documentNumber);
    public static RuntimeText RepealBeforeEffect(DateOnly effectiveOn) => Catalog.Text(nameof(RepealBeforeEffect), effectiveOn);
    public static RuntimeText EffectiveInPast() => Catalog.Text(nameof(EffectiveInPast));
    public static RuntimeText DocumentNumberUsed(string number) => Catalog.Text(nameof(DocumentNumberUsed), number);
    public static RuntimeText NoRuleInForce(string number) => Catalog.Text(nameof(NoRuleInForce), number);
    public static RuntimeText NoLegalDepartment(string legalDepartment) => Catalog.Text(nameof(NoLegalDepartment), legalDepartment);
    public static RuntimeText NotADepartmentWithHead(string id) => Catalog.Text(nameof(NotADepartmentWithHead), id);
    public static RuntimeText PublishedMeanwhile(string number) => Catalog.Text(nameof(PublishedMeanwhile), number);
    public static RuntimeText RuleNoLongerInForce(string number) => Catalog.Text(nameof(RuleNoLongerInForce), number);
}
