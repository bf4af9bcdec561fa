using G2G.Runtime;

namespace G2G.Office;

// 司法档案调阅: the messages of Records/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText RecordsOnlyRequester(string requester) => Catalog.Text(nameof(RecordsOnlyRequester), requester);
    public static RuntimeText RecordsNotGranted(RuntimeText state) => Catalog.Text(nameof(RecordsNotGranted), state);
    public static RuntimeText RecordsAccessNotStarted(DateOnly from) => Catalog.Text(nameof(RecordsAccessNotStarted), from);
    public static RuntimeText RecordsAccessEnded(DateOnly until) => Catalog.Text(nameof(RecordsAccessEnded), until);
    public static RuntimeText RecordsRevokeReasonRequired() => Catalog.Text(nameof(RecordsRevokeReasonRequired));
    public static RuntimeText RecordsOnlyGrantRevoked(long id, RuntimeText state) => Catalog.Text(nameof(RecordsOnlyGrantRevoked), id, state);
    public static RuntimeText RecordsInstanceChanged(long id) => Catalog.Text(nameof(RecordsInstanceChanged), id);
    public static RuntimeText RecordsRequestNotFound(long id) => Catalog.Text(nameof(RecordsRequestNotFound), id);
    public static RuntimeText RecordsStateRequested() => Catalog.Text(nameof(RecordsStateRequested));
    public static RuntimeText RecordsStateRejected() => Catalog.Text(nameof(RecordsStateRejected));
    public static RuntimeText RecordsStateGranted() => Catalog.Text(nameof(RecordsStateGranted));
    public static RuntimeText RecordsStateExpired() => Catalog.Text(nameof(RecordsStateExpired));
    public static RuntimeText RecordsStateRevoked() => Catalog.Text(nameof(RecordsStateRevoked));
    public static RuntimeText RecordsStartInPast() => Catalog.Text(nameof(RecordsStartInPast));
    public static RuntimeText PeriodEndsBeforeStart() => Catalog.Text(nameof(PeriodEndsBeforeStart));
    public static RuntimeText RecordsMaxDays(long maxDays) => Catalog.Text(nameof(RecordsMaxDays), maxDays);
    public static RuntimeText NotAnAgency(string id) => Catalog.Text(nameof(NotAnAgency), id);
    public static RuntimeText OwnAgencyArchive() => Catalog.Text(nameof(OwnAgencyArchive));
    public static RuntimeText NoArchiveOffice(string agency, string archiveHead) => Catalog.Text(nameof(NoArchiveOffice), agency, archiveHead);
}
