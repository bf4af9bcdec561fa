using G2G.Runtime;

namespace G2G.Office;

/// <summary>
/// The office procedures' messages for people (refusals of their services and service tasks), one factory per
/// message: its name is the stable key, its parameters the template's <c>{0}</c>, <c>{1}</c> … in the same order.
/// Templates: OfficeMessages.resx (Simplified Chinese) and OfficeMessages.en.resx (English); a test holds every
/// method, key and placeholder in step across the three. To add a message, add the method and its two templates;
/// never throw a refusal with a literal string.
/// </summary>
public static class OfficeMessages
{
    private static readonly TextCatalog Catalog = new(new(typeof(OfficeMessages)));

    /// <summary>The catalogue itself, for the catalogue tests.</summary>
    public static TextCatalog Templates => Catalog;

    // Records (调阅)
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

    // Regulations (规章)
    public static RuntimeText RegulationSearchTooLong() => Catalog.Text(nameof(RegulationSearchTooLong));
    public static RuntimeText RegulationNotFound(long id) => Catalog.Text(nameof(RegulationNotFound), id);
    public static RuntimeText RepealDateRequired() => Catalog.Text(nameof(RepealDateRequired));
    public static RuntimeText RegulationRepealedAlready(string documentNumber) => Catalog.Text(nameof(RegulationRepealedAlready), documentNumber);
    public static RuntimeText RepealBeforeEffect(DateOnly effectiveOn) => Catalog.Text(nameof(RepealBeforeEffect), effectiveOn);
    // End of messages.
}
