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
            throw new ServiceTaskRefusedException("Add at least one line. / 请至少填写一项物品。", "lines");
        if (list.Items.Length > maxLines)
            throw new ServiceTaskRefusedException($"At most {maxLines} lines. / 每单最多 {maxLines} 项。", "lines");
        var lines = new List<(string, int, int)>();
        for (var index = 0; index < list.Items.Length; index++)
        {
            var fields = list.Items[index] is RecordValue row ? row.Fields : null;
            var code = fields?.GetValueOrDefault("item") is StringValue { Value: var text }
                && text.Trim().Length > 0 ? text.Trim()
                : throw new ServiceTaskRefusedException("Name the item. / 请填写物品编号。", $"lines[{index}].item");
            if (lines.Any(l => l.Item1 == code))
            {
                throw new ServiceTaskRefusedException($"{code} is on an earlier line already. / {code} 已在前面的行中。",
                    $"lines[{index}].item");
            }
            var quantity = fields?.GetValueOrDefault("quantity") is NumberValue { Value: var n }
                && n == decimal.Truncate(n)
                && n >= 1 && n <= maxQuantity
                ? (int)n
                : throw new ServiceTaskRefusedException(
                    $"A whole quantity from 1 to {maxQuantity}. / 数量须为 1 至 {maxQuantity} 的整数。",
                    $"lines[{index}].quantity");
            lines.Add((code, quantity, index));
        }
        return lines;
    }
}
