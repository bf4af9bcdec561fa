using System.Globalization;
using System.Text.Json.Nodes;

namespace G2G.Load;

/// <summary>
/// A shipped procedure the province starts (workflows/): who of the demo province may start it (the people the demo
/// itself starts it for: a department with a head, and 示范省财政厅's budget lines, stock and standards for the office
/// and finance ones), and the steps a holder may send back (退回) to the applicant's first step.
/// </summary>
internal sealed record Procedure(string Key, string Name, IReadOnlyList<string> Starters, IReadOnlySet<string> SendBackFrom)
{
    private static readonly string[] FinanceClerks = ["zheng.kai", "he.na", "ma.lin"];
    private static readonly HashSet<string> Approvals = new(["head", "deputy", "principal"], StringComparer.Ordinal);

    /// <summary>The procedures the driver can start and walk to their end, by key.</summary>
    public static readonly IReadOnlyDictionary<string, Procedure> Catalog = new Dictionary<string, Procedure>(StringComparer.Ordinal)
    {
        ["leave"] = new("leave", "请假", [.. FinanceClerks, "wu.fang", "chen.jing", "zhang.min"], Approvals),
        ["supplies"] = new("supplies", "办公用品领用", FinanceClerks, new HashSet<string>()),
        ["vehicle"] = new("vehicle", "用车申请", FinanceClerks, new HashSet<string>()),
        ["travel"] = new("travel", "出差申请", FinanceClerks, Approvals),
        ["purchase"] = new("purchase", "采购", FinanceClerks, new HashSet<string>()),
    };

    /// <summary>The first step of every procedure here: where a send back goes.</summary>
    public const string FirstStep = "apply";
}

/// <summary>
/// Fills a task's form as a person would: every field the step lets them edit (<c>GET /tasks/{id}/form</c>'s
/// <c>fields</c> that are not read-only), from what the field means in the shipped procedures (dates ahead in the
/// budget year, a 病假 of one day, approve, resubmit, one of 示范省财政厅's cars, an amount under the head's limit, a colleague as acceptor …),
/// or from its type where the key is not known. Values the instance holds already (<c>values</c>) are used where a
/// later step must repeat them (the contract amount is the approved amount).
/// </summary>
internal static class FormFiller
{
    private static long _odometer = 500_000;

    public static JsonObject Fill(JsonNode form, JsonObject? variables, Random random, string person, IReadOnlyList<string> colleagues)
    {
        // What the instance holds, the form's current values over it.
        var values = variables?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in form["values"] as JsonObject ?? [])
            values[key] = value?.DeepClone();
        // One working day between two and six weeks ahead: inside this year's or next year's budget, rarely the same day twice.
        var day = NextWorkingDay(DateOnly.FromDateTime(DateTime.UtcNow.AddHours(8)).AddDays(13 + random.Next(30)));
        var filled = new JsonObject();
        foreach (var field in form["fields"]?.AsArray() ?? [])
        {
            if (field is null || field["readOnly"]?.GetValue<bool>() == true)
                continue;
            var key = field["key"]!.GetValue<string>();
            var type = field["type"]!.GetValue<string>();
            var required = field["required"]?.GetValue<bool>() == true;
            var value = Known(key, day, random, person, colleagues, values) ?? (required ? ByType(field, type, day) : null);
            if (value is not null)
                filled[key] = value;
        }
        return filled;
    }

    private static JsonNode? Known(string key, DateOnly day, Random random, string person, IReadOnlyList<string> colleagues, JsonObject values) => key switch
    {
        "decision" => "approve",
        "revision" => "resubmit",
        "acceptance" => "pass",
        "leaveType" => "sick", // the one kind without a balance to run out of in a long run
        "startDate" or "endDate" => Day(day),
        "returnDate" => Day(NextWorkingDay(DateOf(values["endDate"]) ?? day)),
        "startTime" => "09:00",
        "endTime" => "17:00",
        "reason" or "purpose" => "负载测试：按计划办理",
        "destination" => "东城市",
        "passengers" => 1,
        "estimatedCost" => 800,
        "budgetLine" => "302-01",
        "item" => "办公椅",
        "amount" => 1000 + random.Next(1000),
        "lines" => new JsonArray(new JsonObject { ["item"] = "A4", ["quantity"] = 1 }),
        "supplier" => "示范办公设备有限公司",
        "contractNumber" => $"HT-{random.Next(1_000_000):D6}",
        "contractAmount" or "paidAmount" => values["amount"] is JsonValue amount ? amount.DeepClone() : 1000,
        "acceptor" => colleagues.FirstOrDefault(c => c != person) ?? person,
        "voucher" => $"PZ-{random.Next(1_000_000):D6}",
        "odometer" => Interlocked.Add(ref _odometer, 40), // a vehicle's mileage never goes down
        "vehicle" => random.Next(2) == 0 ? "示A·00101" : "示A·00102", // 示范省财政厅's cars and drivers (VehicleDemoData)
        "driver" => random.Next(2) == 0 ? "D01" : "D02",
        "delegateTo" or "travellers" or "phone" => null,
        _ => null,
    };

    /// <summary>A value any field of the type accepts: the first option, the smallest number allowed, a short text.</summary>
    private static JsonNode? ByType(JsonNode field, string type, DateOnly day) => type switch
    {
        "radio" or "select" => field["options"]?.AsArray().FirstOrDefault()?.DeepClone(),
        "number" => field["min"]?.GetValue<decimal>() ?? 1,
        "checkbox" => true,
        "date" => Day(day),
        "datetime" => day.ToDateTime(new TimeOnly(9, 0)).ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        "checklist" or "taglist" => new JsonArray(field["options"]?.AsArray().FirstOrDefault()?.DeepClone()),
        _ => "负载测试",
    };

    /// <summary>A date variable as the API gives it: <c>"2026-12-20"</c>, or <c>{"$date":"2026-12-20T00:00:00+08:00"}</c>.</summary>
    private static DateOnly? DateOf(JsonNode? node)
    {
        var text = (node is JsonObject tagged ? tagged["$date"] : node) is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;
        return text is { Length: >= 10 } && DateOnly.TryParse(text[..10], CultureInfo.InvariantCulture, out var day) ? day : null;
    }

    private static DateOnly NextWorkingDay(DateOnly day)
    {
        do
            day = day.AddDays(1);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday);
        return day;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
