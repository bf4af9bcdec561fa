using G2G.Runtime;

namespace G2G.Office;

// 预算执行: the messages of Budget/ (templates in Text/OfficeMessages.resx and OfficeMessages.en.resx).
public static partial class OfficeMessages
{
    public static RuntimeText BudgetLineNotFound(long id) => Catalog.Text(nameof(BudgetLineNotFound), id);
    public static RuntimeText BudgetLineExists(string departmentId, string code, long year) => Catalog.Text(nameof(BudgetLineExists), departmentId, code, year);
    public static RuntimeText BudgetLineCommitted(string yuan, string code) => Catalog.Text(nameof(BudgetLineCommitted), yuan, code);
    public static RuntimeText BudgetLineUsed(string code) => Catalog.Text(nameof(BudgetLineUsed), code);
    public static RuntimeText BudgetLineFields() => Catalog.Text(nameof(BudgetLineFields));
    public static RuntimeText BudgetAmountOutOfRange() => Catalog.Text(nameof(BudgetAmountOutOfRange));
    public static RuntimeText BudgetOfOtherAgency(string agencyId) => Catalog.Text(nameof(BudgetOfOtherAgency), agencyId);
    public static RuntimeText NoBudgetLine(string code, long year) => Catalog.Text(nameof(NoBudgetLine), code, year);
    public static RuntimeText BudgetInsufficient(string code, string name, string available, string asked) => Catalog.Text(nameof(BudgetInsufficient), code, name, available, asked);
    public static RuntimeText PaidAlready() => Catalog.Text(nameof(PaidAlready));
    public static RuntimeText PaymentAboveApproved(string approved) => Catalog.Text(nameof(PaymentAboveApproved), approved);
}
