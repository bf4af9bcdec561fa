using G2G.Runtime;

namespace G2G.Documents;

/// <summary>
/// The documents module's messages for people (refusals of its handlers and services), one factory per message: its
/// name is the stable key, its parameters the template's <c>{0}</c>, <c>{1}</c> … in order. Templates:
/// DocumentsMessages.resx (Simplified Chinese) and DocumentsMessages.en.resx (English); a test keeps them in step.
/// </summary>
public static class DocumentsMessages
{
    private static readonly TextCatalog Catalog = new(new(typeof(DocumentsMessages)));

    /// <summary>The catalogue itself, for the catalogue tests.</summary>
    public static TextCatalog Templates => Catalog;

    public static RuntimeText Required(string field) => Catalog.Text(nameof(Required), field);
    public static RuntimeText TooLong(int maximum) => Catalog.Text(nameof(TooLong), maximum);
    public static RuntimeText WholeYears(string field) => Catalog.Text(nameof(WholeYears), field);
    public static RuntimeText IssuedByAgency() => Catalog.Text(nameof(IssuedByAgency));
    public static RuntimeText UnknownType(string types) => Catalog.Text(nameof(UnknownType), types);
    public static RuntimeText UnknownUrgency() => Catalog.Text(nameof(UnknownUrgency));
    public static RuntimeText SecrecyTooLong(string classification, int maximum) => Catalog.Text(nameof(SecrecyTooLong), classification, maximum);
    public static RuntimeText NotADepartment(string department) => Catalog.Text(nameof(NotADepartment), department);
    public static RuntimeText NoHandlingDepartment() => Catalog.Text(nameof(NoHandlingDepartment));
    public static RuntimeText UnknownMode() => Catalog.Text(nameof(UnknownMode));
    public static RuntimeText NeedsMainRecipient(string type) => Catalog.Text(nameof(NeedsMainRecipient), type);
    public static RuntimeText OneMainRecipient(int count) => Catalog.Text(nameof(OneMainRecipient), count);
    public static RuntimeText UnknownAgency(string agency) => Catalog.Text(nameof(UnknownAgency), agency);
    public static RuntimeText NamedTwice(string agency) => Catalog.Text(nameof(NamedTwice), agency);
    public static RuntimeText RecipientRefused(string agency, RuntimeText relation, RuntimeText rule) => Catalog.Text(nameof(RecipientRefused), agency, relation, rule);
    public static RuntimeText AndAlso(RuntimeText first, RuntimeText second) => Catalog.Text(nameof(AndAlso), first, second);
    public static RuntimeText RelationSame(string agency) => Catalog.Text(nameof(RelationSame), agency);
    public static RuntimeText RelationSubordination(string superior, string subordinate) => Catalog.Text(nameof(RelationSubordination), superior, subordinate);
    public static RuntimeText RelationGuidance(string superior, string subordinate) => Catalog.Text(nameof(RelationGuidance), superior, subordinate);
    public static RuntimeText RelationParallel(string first, string second) => Catalog.Text(nameof(RelationParallel), first, second);
    public static RuntimeText RelationNonAffiliated(string first, string second) => Catalog.Text(nameof(RelationNonAffiliated), first, second);
    public static RuntimeText RuleNotToSelf() => Catalog.Text(nameof(RuleNotToSelf));
    public static RuntimeText RuleUpward(string type) => Catalog.Text(nameof(RuleUpward), type);
    public static RuntimeText RuleDownward(string type) => Catalog.Text(nameof(RuleDownward), type);
    public static RuntimeText RuleLetter() => Catalog.Text(nameof(RuleLetter));
    public static RuntimeText RuleNoCopyDown(string type) => Catalog.Text(nameof(RuleNoCopyDown), type);
    public static RuntimeText NoSeal() => Catalog.Text(nameof(NoSeal));
    public static RuntimeText NoCertificate(string agency) => Catalog.Text(nameof(NoCertificate), agency);
    public static RuntimeText SealBroken() => Catalog.Text(nameof(SealBroken));
    public static RuntimeText FileMissing(string sha256) => Catalog.Text(nameof(FileMissing), sha256);
    public static RuntimeText FileChanged(string sha256) => Catalog.Text(nameof(FileChanged), sha256);
    public static RuntimeText DocumentNotFound(long id) => Catalog.Text(nameof(DocumentNotFound), id);
    public static RuntimeText AttachmentNotFound(long id, int position) => Catalog.Text(nameof(AttachmentNotFound), id, position);
    public static RuntimeText AttachmentType(string contentType) => Catalog.Text(nameof(AttachmentType), contentType);
    public static RuntimeText AttachmentTooLarge(long maximum) => Catalog.Text(nameof(AttachmentTooLarge), maximum);
    public static RuntimeText AttachmentEmpty() => Catalog.Text(nameof(AttachmentEmpty));
    public static RuntimeText AttachmentOnlyWhileDraft(string number) => Catalog.Text(nameof(AttachmentOnlyWhileDraft), number);
    public static RuntimeText AttachmentOnlyDrafter(string drafter) => Catalog.Text(nameof(AttachmentOnlyDrafter), drafter);
    public static RuntimeText ArchiveItemUnknown(string code) => Catalog.Text(nameof(ArchiveItemUnknown), code);
    public static RuntimeText ArchiveItemNotExpired(string code, DateOnly keepUntil) => Catalog.Text(nameof(ArchiveItemNotExpired), code, keepUntil);
    public static RuntimeText ArchiveItemPermanent(string code) => Catalog.Text(nameof(ArchiveItemPermanent), code);
    public static RuntimeText ArchiveItemNotFiled(string code) => Catalog.Text(nameof(ArchiveItemNotFiled), code);
    public static RuntimeText NoArchiveItems() => Catalog.Text(nameof(NoArchiveItems));
    public static RuntimeText DocumentDestroyed(string number) => Catalog.Text(nameof(DocumentDestroyed), number);
    public static RuntimeText ArchiveItemNotFound(long id) => Catalog.Text(nameof(ArchiveItemNotFound), id);
    public static RuntimeText SealsAdministratorsOnly() => Catalog.Text(nameof(SealsAdministratorsOnly));
    public static RuntimeText SealRotatedMeanwhile(string agency) => Catalog.Text(nameof(SealRotatedMeanwhile), agency);
    public static RuntimeText FontMissing(string setting, string path) => Catalog.Text(nameof(FontMissing), setting, path);
}
