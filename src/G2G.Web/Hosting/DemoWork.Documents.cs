using G2G.Runtime.Instances;
using G2G.Runtime.Organisation;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Hosting;

internal static partial class DemoWork
{
    /// <summary>
    /// 公文 of 示范省财政厅 (drafted by 黄强 of 预算处) in their states: a 通知 to 东城市财政局 (业务指导 line) countersigned by
    /// 办公室, signed, numbered, sealed and dispatched, whose 收文 the host's job executor starts at 东城市财政局 (罗怡 signs for
    /// it); a 请示 to the provincial government waiting for 刘财 to sign; a 内部 通知 waiting for 张敏's 核稿.
    /// </summary>
    private static readonly (string Type, string Title, string[] Mains, string[] Departments, ClearanceLevel Classification, string Until)[] Documents =
    [
        ("通知", "关于做好年度预算执行工作的通知", ["dc-fin"], ["sf-fin-bgs"], ClearanceLevel.Unclassified, "dispatched"),
        ("请示", "关于追加防汛救灾资金的请示", ["sf"], [], ClearanceLevel.Unclassified, "sign"),
        ("通知", "关于规范预算单位公务卡使用的通知", ["dc-fin"], [], ClearanceLevel.Internal, "check"),
    ];

    private static async Task<int> SeedDocumentsAsync(IServiceProvider services, G2GDbContext db, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!await db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == "document-issue", cancellationToken))
            return 0;
        var started = 0;
        foreach (var (type, title, mains, departments, classification, until) in Documents)
        {
            var clock = new ShiftedClock(now.AddHours(-6 + started));
            var instances = ActivatorUtilities.CreateInstance<InstanceService>(services, (TimeProvider)clock);
            var id = await instances.StartAsync(new StartInstance("document-issue", null, Title: title, Initiator: "huang.qiang", AgencyId: "sf-fin",
                Classification: classification), cancellationToken);
            await CompleteAsync(instances, db, id, "draft", "huang.qiang", cancellationToken, ("docType", type), ("title", title),
                ("mainRecipients", mains), ("urgency", "平急"), ("departments", departments),
                ("body", $"{(type == "请示" ? "省人民政府" : "东城市财政局")}：\n\n{title[2..^(type.Length + 1)]}，现将有关事项{(type == "请示" ? "请示如下" : "通知如下")}。"));
            foreach (var department in departments)
            {
                clock.Advance(TimeSpan.FromHours(1));
                var head = await db.Set<DepartmentRecord>().AsNoTracking().Where(d => d.Id == department).Select(d => d.HeadUserId!).SingleAsync(cancellationToken);
                await CompleteAsync(instances, db, id, "countersign", head, cancellationToken);
            }
            foreach (var (step, actor) in new[] { ("check", "zhang.min"), ("sign", "liu.cai") })
            {
                if (step == until)
                    break;
                clock.Advance(TimeSpan.FromHours(1));
                await CompleteAsync(instances, db, id, step, actor, cancellationToken, ("decision", "approve"));
            }
            started++;
        }
        return started;
    }
}
