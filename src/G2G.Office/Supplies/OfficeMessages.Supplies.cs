using G2G.Runtime;

namespace G2G.Office;

// 办公用品领用: the messages of Supplies/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText SupplyNoLines() => Catalog.Text(nameof(SupplyNoLines));
    public static RuntimeText SupplyTooManyLines(long maxLines) => Catalog.Text(nameof(SupplyTooManyLines), maxLines);
    public static RuntimeText SupplyNameItem() => Catalog.Text(nameof(SupplyNameItem));
    public static RuntimeText SupplyDuplicateLine(string code) => Catalog.Text(nameof(SupplyDuplicateLine), code);
    public static RuntimeText SupplyQuantity(long maxQuantity) => Catalog.Text(nameof(SupplyQuantity), maxQuantity);
    public static RuntimeText SupplyNoItem(string code) => Catalog.Text(nameof(SupplyNoItem), code);
    public static RuntimeText SupplyItemNotFound(long id) => Catalog.Text(nameof(SupplyItemNotFound), id);
    public static RuntimeText SupplyItemExists(string code, string agencyId) => Catalog.Text(nameof(SupplyItemExists), code, agencyId);
    public static RuntimeText SupplyShort(string item, long free, string unit, long quantity) => Catalog.Text(nameof(SupplyShort), item, free, unit, quantity);
}
