using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Hosting;

internal static partial class DemoWork
{
    /// <summary>One demo item of an office procedure: who starts it, when (calendar days ago), its title, and the steps
    /// it is driven through, each completed by whoever it is assigned to with the values given.</summary>
    private sealed record Walk(string Process, string User, string Agency, int DaysAgo, string Title,
        params (string Step, (string Name, object? Value)[] Values)[] Steps);

    private static (string, (string, object?)[]) Step(string step, params (string, object?)[] values) => (step, values);

    private static (string, (string, object?)[]) Decide(string step, string decision = "approve") => Step(step, ("decision", decision));

    /// <summary>
    /// 办公用品领用, 用车申请, 培训报名, 采购 and 政策法规发布 at 示范省财政厅, 司法档案调阅 between the courts and the procuratorate,
    /// and 业绩评价: each waiting at its approval, at the 办公室, or done (stock issued, a trip back with its mileage, a seat
    /// taken and one on the waiting list, access granted, a grade decided, a purchase paid — one of a million waits for the
    /// leadership's vote, 孙立 has voted — and a rule published into the library). Dates are counted from
    /// <paramref name="today"/>.
    /// </summary>
    private static Walk[] OfficeWalks(DateOnly today) =>
    [
        new("supplies", "zheng.kai", "sf-fin", 0, "办公用品领用（复印纸、签字笔）",
            Step("apply", ("lines", new[] { Line("A4", 5), Line("PEN", 10) }), ("purpose", "预算编制材料打印"))),
        new("supplies", "ma.lin", "sf-fin", 1, "办公用品领用（文件夹）",
            Step("apply", ("lines", new[] { Line("FOLDER", 6) }), ("purpose", "采购档案整理")), Decide("head")),
        new("supplies", "he.na", "sf-fin", 4, "办公用品领用（硒鼓）",
            Step("apply", ("lines", new[] { Line("TONER", 1) }), ("purpose", "财务室打印机更换硒鼓")), Decide("head"), Decide("handOut")),
        new("vehicle", "zheng.kai", "sf-fin", 0, "用车申请（东城市财政局）",
            Step("apply", Trip(today.AddDays(2), "东城市财政局", 2)), Decide("head")),
        new("vehicle", "ma.lin", "sf-fin", 1, "用车申请（省政府采购中心）",
            Step("apply", Trip(today.AddDays(1), "省政府采购中心", 3)), Decide("head"),
            Step("dispatch", ("decision", "approve"), ("vehicle", "示A·00102"), ("driver", "D01"))),
        new("vehicle", "he.na", "sf-fin", 0, "用车申请（西山市）",
            Step("apply", Trip(today.AddDays(3), "西山市财政局", 1))),
        new("training", "zheng.kai", "sf-fin", 3, "培训报名（预算绩效管理专题培训班）",
            Step("apply", ("course", "PX-01"), ("reason", "从事预算绩效管理工作")), Decide("head")),
        new("training", "he.na", "sf-fin", 2, "培训报名（预算绩效管理专题培训班）",
            Step("apply", ("course", "PX-01"), ("reason", "负责厅机关预算绩效自评")), Decide("head")),
        new("training", "ma.lin", "sf-fin", 1, "培训报名（预算绩效管理专题培训班）",
            Step("apply", ("course", "PX-01"), ("reason", "了解绩效评价方法")), Decide("head")),
        new("training", "zheng.kai", "sf-fin", 0, "培训报名（政府采购法规培训）",
            Step("apply", ("course", "PX-02"), ("reason", "熟悉政府采购法规"))),
        new("records-request", "mo.lu", "dc-court", 2, "司法档案调阅（(2025)示刑终字第18号）",
            Step("apply", Records("(2025)示刑终字第18号", "sf-court", today)), Decide("head"), Decide("leader")),
        new("records-request", "bai.an", "sf-proc", 5, "司法档案调阅（(2026)东刑初字第7号）",
            Step("apply", Records("(2026)东刑初字第7号", "dc-court", today)), Decide("head"), Decide("leader"), Decide("archive"),
            Decide("holdingLeader")),
        new("appraisal", "zheng.kai", "sf-fin", 0, "年度业绩评价"),
        new("appraisal", "ma.lin", "sf-fin", 1, "年度业绩评价", Appraised("称职")),
        new("appraisal", "he.na", "sf-fin", 3, "年度业绩评价", Appraised("优秀"), Step("head", ("proposedGrade", "excellent")),
            Step("leader", ("grade", "excellent"))),
        new("purchase", "zheng.kai", "sf-fin", 0, "采购申请（激光打印机）", Purchase("激光打印机", "302-01", 8_000)),
        new("purchase", "he.na", "sf-fin", 2, "采购申请（密集档案柜）", Purchase("密集档案柜", "302-01", 60_000), Decide("head")),
        new("purchase", "ma.lin", "sf-fin", 3, "采购申请（视频会议系统）", Purchase("视频会议系统", "310-02", 1_000_000), Decide("head"),
            Decide("deputy"), Decide("principal"), Step("collective", ("decision", "approve"))),
        new("purchase", "zheng.kai", "sf-fin", 12, "采购申请（扫描仪）", Purchase("高速扫描仪", "302-01", 12_000), Decide("head"),
            Step("contract", ("supplier", "示范办公设备有限公司"), ("contractNumber", "SC-CG-001"), ("contractAmount", 11_800),
                ("acceptor", "wu.fang")),
            Step("accept", ("acceptance", "pass")), Step("pay", ("paidAmount", 11_800), ("voucher", "PZ-0001"))),
        new("regulation", "huang.qiang", "sf-fin", 1, "示范省省级部门预算绩效管理办法",
            Regulation("示范省省级部门预算绩效管理办法", "示财预〔2026〕12号", today.AddDays(30), "sf-fin-bgs")),
        new("regulation", "zhang.min", "sf-fin", 4, "示范省财政厅机关差旅费管理细则",
            Regulation("示范省财政厅机关差旅费管理细则", "示财办〔2026〕3号", today.AddDays(15), "sf-fin-ysc"), Decide("legal")),
        new("regulation", "huang.qiang", "sf-fin", 10, "示范省财政厅政府采购内部控制规定",
            Regulation("示范省财政厅政府采购内部控制规定", "示财预〔2026〕5号", today, "sf-fin-bgs"), Decide("legal"),
            Step("countersign"), Decide("sign")),
    ];

    private static (string, (string, object?)[]) Purchase(string item, string line, int yuan) =>
        Step("apply", ("item", item), ("budgetLine", line), ("amount", yuan), ("reason", "保障机关日常办公需要"));

    private static (string, (string, object?)[]) Regulation(string title, string number, DateOnly effective, params string[] departments) =>
        Step("draft", ("title", title), ("documentNumber", number), ("effectiveDate", Day(effective)), ("departments", departments),
            ("body", $"第一条 为规范相关工作，根据有关法律、法规，结合本省实际，制定《{title}》。第二条 本规定自施行之日起执行。"));

    private static Dictionary<string, object?> Line(string item, int quantity) =>
        new(StringComparer.Ordinal) { ["item"] = item, ["quantity"] = quantity };

    private static (string, object?)[] Trip(DateOnly day, string destination, int passengers) =>
        [("startDate", Day(day)), ("startTime", "09:00"), ("endDate", Day(day)), ("endTime", "17:00"), ("destination", destination),
         ("passengers", passengers), ("purpose", "赴" + destination + "对接工作")];

    private static (string, object?)[] Records(string caseNumber, string holdingAgency, DateOnly today) =>
        [("caseNumber", caseNumber), ("holdingAgency", holdingAgency), ("reason", "审查案件需要调阅原审卷宗"),
         ("fromDate", Day(today.AddDays(1))), ("untilDate", Day(today.AddDays(14)))];

    private static (string, (string, object?)[]) Appraised(string grade) =>
        Step("self", ("summary", "本年度认真履行岗位职责，按时办结各项工作，业务能力进一步提高。"),
            ("selfGrade", grade == "优秀" ? "excellent" : "competent"));

    /// <summary>Drives each <see cref="OfficeWalks"/> item through its procedure (skipping a procedure not deployed).</summary>
    private static async Task<int> SeedOfficeAsync(IServiceProvider services, G2GDbContext db, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var deployed = await db.ProcessDefinitions.Select(d => d.ProcessKey).Distinct().ToListAsync(cancellationToken);
        var started = 0;
        foreach (var walk in OfficeWalks(DateOnly.FromDateTime(now.ToOffset(China).DateTime)).Where(w => deployed.Contains(w.Process)))
        {
            var clock = new ShiftedClock(now.AddDays(-walk.DaysAgo).AddHours(-2));
            var instances = ActivatorUtilities.CreateInstance<InstanceService>(services, (TimeProvider)clock);
            var id = await instances.StartAsync(new StartInstance(walk.Process, null, Title: walk.Title, Initiator: walk.User,
                AgencyId: walk.Agency), cancellationToken);
            foreach (var (step, values) in walk.Steps)
            {
                var task = await OpenTaskAsync(db, id, cancellationToken);
                await CompleteAsync(instances, db, id, step, task.Assignee!, cancellationToken, values);
                Advance(clock, now, TimeSpan.FromHours(walk.DaysAgo > 0 ? 5 : 1));
            }
            started++;
        }
        return started;
    }
}
