using G2G.Engine.Expressions;
using G2G.Runtime.Handlers;

namespace G2G.Office.Supplies;

/// <summary>Reads the 领用单's lines, refusing a missing, malformed or repeated one by its field
/// (<c>lines[1].item</c>).</summary>
internal static class SupplyLines
{
    public static IReadOnlyList<(string Code, int Quantity, int Index)> Read(ServiceTaskContext context,
        int maxLines, int maxQuantity)
    {
        if (context.Variable("lines") is not ListValue { Items.Length: > 0 } list)
            throw new ServiceTaskRefusedException(OfficeMessages.SupplyNoLines(), "lines");
        if (list.Items.Length > maxLines)
            throw new ServiceTaskRefusedException(OfficeMessages.SupplyTooManyLines(maxLines), "lines");
        var lines = new List<(string, int, int)>();
        for (var index = 0; index < list.Items.Length; index++)
        {
            var fields = list.Items[index] is RecordValue row ? row.Fields : null;
            var code = fields?.GetValueOrDefault("item") is StringValue { Value: var text }
                && text.Trim().Length > 0 ? text.Trim()
                : throw new ServiceTaskRefusedException(OfficeMessages.SupplyNameItem(), $"lines[{index}].item");
            if (lines.Any(l => l.Item1 == code))
            {
                throw new ServiceTaskRefusedException(OfficeMessages.SupplyDuplicateLine(code), $"lines[{index}].item");
            }
            var quantity = fields?.GetValueOrDefault("quantity") is NumberValue { Value: var n }
                && n == decimal.Truncate(n)
                && n >= 1 && n <= maxQuantity
                ? (int)n
                : throw new ServiceTaskRefusedException(OfficeMessages.SupplyQuantity(maxQuantity), $"lines[{index}].quantity");
            lines.Add((code, quantity, index));
        }
        return lines;
    }
}
