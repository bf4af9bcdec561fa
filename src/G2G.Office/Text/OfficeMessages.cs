using G2G.Runtime;

namespace G2G.Office;

/// <summary>
/// The office procedures' messages for people (refusals of their services and service tasks), one factory per
/// message: its name is the stable key, its parameters the template's <c>{0}</c>, <c>{1}</c> … in the same order.
/// Templates: OfficeMessages.resx (Simplified Chinese) and OfficeMessages.en.resx (English); a test holds every
/// method, key and placeholder in step across them. The factories stand beside their module (<c>Leave/OfficeMessages.Leave.cs</c>
/// …); this part holds the catalogue and the messages about form values every module shares. To add a message, add
/// the method and its two templates; never throw a refusal with a literal string.
/// </summary>
public static partial class OfficeMessages
{
    private static readonly TextCatalog Catalog = new(new(typeof(OfficeMessages)));

    /// <summary>The catalogue itself, for the catalogue tests.</summary>
    public static TextCatalog Templates => Catalog;

    // Form values of the office procedures
    public static RuntimeText TimeOfDayExpected(string field) => Catalog.Text(nameof(TimeOfDayExpected), field);
    public static RuntimeText WholeNumberExpected(string field, long min, long max) => Catalog.Text(nameof(WholeNumberExpected), field, min, max);
    public static RuntimeText LengthExpected(string field, long maxLength) => Catalog.Text(nameof(LengthExpected), field, maxLength);
    public static RuntimeText AtMostCharacters(long maxLength) => Catalog.Text(nameof(AtMostCharacters), maxLength);
    public static RuntimeText DateExpected(string field) => Catalog.Text(nameof(DateExpected), field);
    public static RuntimeText PhoneTooLong(string field, long maxLength) => Catalog.Text(nameof(PhoneTooLong), field, maxLength);
    public static RuntimeText YearOutOfRange() => Catalog.Text(nameof(YearOutOfRange));
    public static RuntimeText NoAgencyOfYours() => Catalog.Text(nameof(NoAgencyOfYours));
}
