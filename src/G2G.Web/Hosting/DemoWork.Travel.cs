using System.Globalization;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using Microsoft.EntityFrameworkCore;

namespace G2G.Web.Hosting;

internal static partial class DemoWork
{
    /// <summary>
    /// Who travels where, when the request was sent (calendar days ago), its estimate in yuan and how far it got: at the
    /// head, at the deputy (out of the province), sent back, rejected (the requester to revise), approved and claimed
    /// (at finance review), approved, claimed and paid. Every requester is of 示范省财政厅 (line 302-11 差旅费).
    /// </summary>
    private static readonly (string User, int DaysAgo, string City, int Yuan, string Outcome)[] Trips =
    [
        ("zheng.kai", 0, "东城市", 1_500, "at-head"), ("he.na", 3, "北京", 4_000, "at-deputy"),
        ("ma.lin", 2, "西山市", 1_200, "sent-back"), ("wu.fang", 9, "杭州", 3_000, "rejected"),
        ("ma.lin", 14, "西山市", 1_600, "claimed"), ("zheng.kai", 21, "东城市", 2_000, "paid"),
    ];

    /// <summary>
    /// Drives the trips through 出差申请 (and 差旅报销). The demo budget has this year's lines only, so early in January
    /// the trips start on the first of the year instead of in December, and no step is later than now.
    /// </summary>
    private static async Task<int> SeedTravelAsync(IServiceProvider services, G2GDbContext db, DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (!await db.ProcessDefinitions.AnyAsync(d => d.ProcessKey == "travel", cancellationToken))
            return 0;
        var started = 0;
        foreach (var (user, daysAgo, city, yuan, outcome) in Trips)
        {
            var newYear = new DateTimeOffset(now.ToOffset(China).Year, 1, 1, 1, 0, 0, China);
            var clock = new ShiftedClock(Later(now.AddDays(-daysAgo).AddHours(-1), Earlier(now, newYear)));
            var instances = ActivatorUtilities.CreateInstance<InstanceService>(services, (TimeProvider)clock);
            var id = await instances.StartAsync(new StartInstance("travel", null, Title: $"出差申请（{city}）", Initiator: user,
                AgencyId: "sf-fin"), cancellationToken);
            var from = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime).AddDays(2);
            await CompleteAsync(instances, db, id, "apply", user, cancellationToken, ("destination", city), ("startDate", Day(from)),
                ("endDate", Day(from.AddDays(2))), ("purpose", "赴基层开展预算执行情况调研"), ("estimatedCost", (decimal)yuan),
                ("budgetLine", "302-11"));
            started++;
            if (outcome == "at-head")
                continue;
            var step = await OpenTaskAsync(db, id, cancellationToken);
            Advance(clock, now, TimeSpan.FromHours(3));
            if (outcome == "sent-back")
            {
                await instances.SendBackAsync(step.Id, step.Assignee!, "apply", comment: "请按差旅标准核算预计费用后再提交。",
                    cancellationToken: cancellationToken);
                continue;
            }
            var decision = outcome == "rejected" ? "reject" : "approve";
            while (await OpenTaskOrNullAsync(db, id, cancellationToken) is { ElementId: "head" or "deputy" } approval
                   && !(outcome == "at-deputy" && approval.ElementId == "deputy"))
            {
                await CompleteAsync(instances, db, id, approval.ElementId, approval.Assignee!, cancellationToken, ("decision", decision));
                Advance(clock, now, TimeSpan.FromHours(3));
            }
            if (outcome is "claimed" or "paid")
                started += await ClaimAsync(services, db, clock, now, id, user, city, from, outcome == "paid", cancellationToken);
        }
        return started;
    }

    /// <summary>The trip's reimbursement, a week after it ended: transport both ways, the nights and the days within the
    /// standards of a 三类 city for 处级及以下; paid by finance when <paramref name="pay"/>.</summary>
    private static async Task<int> ClaimAsync(IServiceProvider services, G2GDbContext db, ShiftedClock clock, DateTimeOffset now,
        long trip, string user, string city, DateOnly from, bool pay, CancellationToken cancellationToken)
    {
        Advance(clock, now, TimeSpan.FromDays(7));
        var instances = ActivatorUtilities.CreateInstance<InstanceService>(services, (TimeProvider)clock);
        var id = await instances.StartAsync(new StartInstance("reimbursement", null, Title: $"差旅报销（{city}）", Initiator: user,
            AgencyId: "sf-fin"), cancellationToken);
        static Dictionary<string, object?> Line(string kind, DateOnly day, decimal amount, int? units = null, string? seat = null) =>
            new(StringComparer.Ordinal) { ["kind"] = kind, ["date"] = Day(day), ["amount"] = amount, ["units"] = units, ["seat"] = seat };
        await CompleteAsync(instances, db, id, "claim", user, cancellationToken, ("travelRequest", trip), ("destination", city),
            ("lines", new[]
            {
                Line("transport", from, 96m, seat: "standard"), Line("transport", from.AddDays(2), 96m, seat: "standard"),
                Line("accommodation", from, 620m, units: 2), Line("allowance", from, 540m, units: 3),
            }));
        if (!pay)
            return 1;
        Advance(clock, now, TimeSpan.FromHours(20));
        var review = await OpenTaskAsync(db, id, cancellationToken);
        await CompleteAsync(instances, db, id, "review", review.Assignee!, cancellationToken, ("decision", "approve"));
        Advance(clock, now, TimeSpan.FromHours(4));
        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(China).DateTime);
        await CompleteAsync(instances, db, id, "pay", review.Assignee!, cancellationToken, ("paidAmount", 1_352m), ("paidOn", Day(today)),
            ("reference", $"ZF-{today:yyyyMMdd}-{trip}"));
        return 1;
    }

    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>Moves the seed's clock on by <paramref name="by"/>, never past <paramref name="now"/>.</summary>
    private static void Advance(ShiftedClock clock, DateTimeOffset now, TimeSpan by) =>
        clock.Advance(TimeSpan.FromTicks(Math.Clamp((now - clock.GetUtcNow()).Ticks, 0, by.Ticks)));

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static DateTimeOffset Earlier(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
