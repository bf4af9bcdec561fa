using G2G.Runtime;

namespace G2G.Office;

// 培训报名: the messages of Training/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText TrainingCourseNotFound(string code) => Catalog.Text(nameof(TrainingCourseNotFound), code);
    public static RuntimeText TrainingCourseBegun(string title, DateOnly startsOn) => Catalog.Text(nameof(TrainingCourseBegun), title, startsOn);
    public static RuntimeText TrainingRegisteredAlready(string title, long instanceId) => Catalog.Text(nameof(TrainingRegisteredAlready), title, instanceId);
    public static RuntimeText TrainingCourseMissing(long id) => Catalog.Text(nameof(TrainingCourseMissing), id);
    public static RuntimeText TrainingCodeLength() => Catalog.Text(nameof(TrainingCodeLength));
    public static RuntimeText TrainingTitleLength() => Catalog.Text(nameof(TrainingTitleLength));
    public static RuntimeText TrainingCapacityRange(int min, int max) => Catalog.Text(nameof(TrainingCapacityRange), min, max);
    public static RuntimeText TrainingCodeTaken(string code, string agencyId) => Catalog.Text(nameof(TrainingCodeTaken), code, agencyId);
    public static RuntimeText TrainingRegistrationMissing(long instanceId) => Catalog.Text(nameof(TrainingRegistrationMissing), instanceId);
    public static RuntimeText TrainingNotCancellable(long instanceId) => Catalog.Text(nameof(TrainingNotCancellable), instanceId);
}
