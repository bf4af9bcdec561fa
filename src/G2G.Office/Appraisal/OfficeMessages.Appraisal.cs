using G2G.Runtime;

namespace G2G.Office;

// 业绩评价: the messages of Appraisal/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText AppraisalNoDepartment() => Catalog.Text(nameof(AppraisalNoDepartment));
    public static RuntimeText AppraisalExists(int year, long instanceId) => Catalog.Text(nameof(AppraisalExists), year, instanceId);
    public static RuntimeText AppraisalStartedAtOnce(int year) => Catalog.Text(nameof(AppraisalStartedAtOnce), year);
    public static RuntimeText AppraisalGradeUnknown() => Catalog.Text(nameof(AppraisalGradeUnknown));
}
