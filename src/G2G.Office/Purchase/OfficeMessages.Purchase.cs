using G2G.Runtime;

namespace G2G.Office;

// 采购: the messages of Purchase/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText PurchaseItemTooLong() => Catalog.Text(nameof(PurchaseItemTooLong));
    public static RuntimeText PurchaseNeedsDepartment() => Catalog.Text(nameof(PurchaseNeedsDepartment));
    public static RuntimeText NoLeadershipTeam() => Catalog.Text(nameof(NoLeadershipTeam));
    public static RuntimeText AmountInYuan() => Catalog.Text(nameof(AmountInYuan));
    public static RuntimeText ContractAboveApproved(string approved) => Catalog.Text(nameof(ContractAboveApproved), approved);
    public static RuntimeText AcceptorNotRequester() => Catalog.Text(nameof(AcceptorNotRequester));
    public static RuntimeText RequesterCannotAccept() => Catalog.Text(nameof(RequesterCannotAccept));
    public static RuntimeText PaymentAboveContract(string contract) => Catalog.Text(nameof(PaymentAboveContract), contract);
}
