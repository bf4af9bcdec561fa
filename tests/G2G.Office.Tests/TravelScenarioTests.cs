using G2G.Office.Budget;
using G2G.Office.Travel;
using G2G.Runtime;
using G2G.Runtime.Instances;
using G2G.Runtime.Persistence;
using G2G.Runtime.Organisation;
using G2G.Runtime.Security;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static G2G.Office.Tests.TravelWorld;

namespace G2G.Office.Tests;

/// <summary>
/// The shipped 出差申请 (workflows/finance/travel) and 差旅报销 (workflows/finance/reimbursement) walked through the
/// runtime: the estimate held on the 差旅费 line, the claim checked against the request and the standards, paid as
/// spending.
/// </summary>
public abstract class TravelScenarioTests<TDatabase>(TDatabase database)
    : ScenarioTests<TDatabase, TravelWorld>(database, new TravelWorld(database))
    where TDatabase : TestDatabase
{
    [DatabaseFact]
    public async Task ATripInTheProvince_IsHeldApprovedByTheHead_ThenClaimedReviewedAndPaidAsSpending()
    {
        var trip = await World.StartAsync("travel", Clerk);
        await World.ApplyAsync(trip, Clerk, estimate: 2_000m);
        Assert.Equal((200_000L, 800_000L), Held(await World.LineAsync()));
        await World.CompleteAsync(trip, "head", Head, ("decision", "approve"));
        Assert.Empty(await World.OpenStepsAsync(trip)); // 东城市: in the province, below the amount: the head alone
        Assert.Equal(InstanceStatus.Running, (await World.Runtime.InstanceAsync(trip)).Status); // waits daily for its reimbursement
        Assert.Equal((TravelStates.Approved, 3, true), ((await World.RequestAsync(trip)).State, (await World.RequestAsync(trip)).CityClass,
            (await World.RequestAsync(trip)).InProvince));
        Assert.Equal((200_000L, 800_000L), Held(await World.LineAsync())); // approval keeps the hold for the claim

        World.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 15, 10, 0, 0, TimeSpan.FromHours(8)));
        var claim = await World.StartAsync("reimbursement", Clerk);
        await World.CompleteAsync(claim, "claim", Clerk, Claim(trip, "东城市",
            Expense("transport", "2027-01-11", 150m, seat: "standard"), Expense("transport", "2027-01-13", 150m, seat: "standard"),
            Expense("accommodation", "2027-01-11", 660m, units: 2), Expense("allowance", "2027-01-11", 540m, units: 3)));
        Assert.Equal(Finance, (await World.Runtime.TaskAsync(claim, "review")).Assignee);
        await World.CompleteAsync(claim, "review", Finance, ("decision", "approve"));
        await World.CompleteAsync(claim, "pay", Finance, ("paidAmount", 1_500m), ("paidOn", "2027-01-15"), ("reference", "ZF-2027-0007"));

        var line = await World.LineAsync();
        Assert.Equal((0L, 150_000L, 850_000L), (line.ReservedFen, line.SpentFen, line.AvailableFen));
        var paid = await World.ClaimAsync(claim);
        Assert.Equal((ClaimStates.Paid, 150_000L, 150_000L, new DateOnly(2027, 1, 15), "ZF-2027-0007", 4),
            (paid.State, paid.ClaimedFen, paid.PaidFen, paid.PaidOn, paid.PaymentReference, paid.Lines.Count));
        Assert.Equal(TravelStates.Reimbursed, (await World.RequestAsync(trip)).State);
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(claim)).Status);
        World.Runtime.Clock.Set(new DateTimeOffset(2027, 1, 16, 10, 0, 0, TimeSpan.FromHours(8)));
        await World.Runtime.RunJobsAsync();
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(trip)).Status); // settled by the payment
    }

    [DatabaseFact]
    public async Task AnApprovedTripNotClaimedWithin30DaysAfterIt_Lapses_ItsHoldGoesBack_UnlessAClaimIsUnderWay()
    {
        var unclaimed = await World.ApprovedTripAsync(); // 11 to 13 January 2027
        var claimed = await World.ApprovedTripAsync(Clerk2);
        var claim = await World.StartAsync("reimbursement", Clerk2);
        await World.CompleteAsync(claim, "claim", Clerk2, Claim(claimed, "东城市", Expense("allowance", "2027-01-11", 180m, units: 1)));
        Assert.Equal((400_000L, 600_000L), Held(await World.LineAsync()));

        World.Runtime.Clock.Set(new DateTimeOffset(2027, 2, 12, 9, 0, 0, TimeSpan.FromHours(8))); // the 30th day after the trip
        await World.Runtime.RunJobsAsync();
        Assert.Equal(TravelStates.Approved, (await World.RequestAsync(unclaimed)).State);

        World.Runtime.Clock.Set(new DateTimeOffset(2027, 2, 13, 9, 30, 0, TimeSpan.FromHours(8))); // the next daily check
        await World.Runtime.RunJobsAsync();
        Assert.Equal(TravelStates.Lapsed, (await World.RequestAsync(unclaimed)).State);
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(unclaimed)).Status);
        Assert.Equal(TravelStates.Approved, (await World.RequestAsync(claimed)).State); // its claim is at finance review
        Assert.Equal((200_000L, 800_000L), Held(await World.LineAsync()));
        var late = await World.StartAsync("reimbursement", Clerk);
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => World.CompleteAsync(late, "claim", Clerk,
            Claim(unclaimed, "东城市", Expense("allowance", "2027-01-11", 180m, units: 1))));
        Assert.Contains("not approved (lapsed unclaimed (its hold released))", refused.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task OutOfTheProvince_OrFromTheAmount_TheDeputyLeaderApprovesToo()
    {
        var beijing = await World.StartAsync("travel", Clerk);
        await World.ApplyAsync(beijing, Clerk, "北京");
        await World.CompleteAsync(beijing, "head", Head, ("decision", "approve"));
        Assert.Equal(Deputy, (await World.Runtime.TaskAsync(beijing, "deputy")).Assignee);
        Assert.Equal((1, false), ((await World.RequestAsync(beijing)).CityClass, (await World.RequestAsync(beijing)).InProvince));

        var costly = await World.StartAsync("travel", Clerk2);
        await World.ApplyAsync(costly, Clerk2, "东城市", 5_000m);
        await World.CompleteAsync(costly, "head", Head, ("decision", "approve"));
        Assert.Equal(["deputy"], await World.OpenStepsAsync(costly));

        var unlisted = await World.StartAsync("travel", Head);
        await World.ApplyAsync(unlisted, Head, "拉萨");
        Assert.Equal(["deputy"], await World.OpenStepsAsync(unlisted)); // a head's own trip starts at the deputy
        Assert.Equal((3, false), ((await World.RequestAsync(unlisted)).CityClass, (await World.RequestAsync(unlisted)).InProvince));
        await World.CompleteAsync(unlisted, "deputy", Deputy, ("decision", "approve"));
        Assert.Equal(TravelStates.Approved, (await World.RequestAsync(unlisted)).State);
    }

    [DatabaseFact]
    public async Task ARejection_GivesTheHoldBack_ThenTheRequesterResubmitsOrWithdraws()
    {
        var trip = await World.StartAsync("travel", Clerk);
        await World.ApplyAsync(trip, Clerk, "北京", 6_000m);
        await World.CompleteAsync(trip, "head", Head, ("decision", "approve"));

        await World.CompleteAsync(trip, "deputy", Deputy, ("decision", "reject"));
        Assert.Equal((0L, 1_000_000L), Held(await World.LineAsync()));
        Assert.Equal(TravelStates.Rejected, (await World.RequestAsync(trip)).State);
        await World.CompleteAsync(trip, "revise", Clerk, ("revision", "resubmit"));
        await World.ApplyAsync(trip, Clerk, "西山市", 1_200m);
        Assert.Equal((120_000L, 880_000L), Held(await World.LineAsync()));
        Assert.Equal(["head"], await World.OpenStepsAsync(trip));

        await World.CompleteAsync(trip, "head", Head, ("decision", "reject"));
        await World.CompleteAsync(trip, "revise", Clerk, ("revision", "cancel"));
        Assert.Equal((0L, 1_000_000L), Held(await World.LineAsync()));
        Assert.Equal(InstanceStatus.Completed, (await World.Runtime.InstanceAsync(trip)).Status);
    }

    [DatabaseFact]
    public async Task SentBackToTheRequester_TheCorrectedEstimateReplacesTheHold()
    {
        var trip = await World.StartAsync("travel", Clerk);
        await World.ApplyAsync(trip, Clerk, estimate: 5_000m);
        var head = await World.Runtime.TaskAsync(trip, "head");

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().SendBackAsync(head.Id, Head, "apply", comment: "费用偏高，请按标准重新测算"));
        Assert.Equal(["apply"], await World.OpenStepsAsync(trip));
        await World.ApplyAsync(trip, Clerk, estimate: 1_800m);

        Assert.Equal((180_000L, 820_000L), Held(await World.LineAsync()));
        Assert.Equal(["head"], await World.OpenStepsAsync(trip));
        Assert.Equal(180_000L, (await World.RequestAsync(trip)).EstimatedFen);
    }

    [DatabaseFact]
    public async Task BadInputOnTheRequest_IsRefusedByField_AndHoldsNothing()
    {
        var trip = await World.StartAsync("travel", Clerk);

        Assert.Equal("endDate", await FieldAsync(() => World.ApplyAsync(trip, Clerk, from: "2027-01-13", to: "2027-01-11")));
        Assert.Equal("travellers", await FieldAsync(() => World.ApplyAsync(trip, Clerk, travellers: "tr.clerk2, nobody")));
        Assert.Equal("budgetLine", await FieldAsync(() => World.CompleteAsync(trip, "apply", Clerk, ("destination", "北京"),
            ("startDate", "2027-01-11"), ("endDate", "2027-01-12"), ("purpose", "会议"), ("estimatedCost", 100m), ("budgetLine", "999-99"))));
        var above = await Assert.ThrowsAsync<RuntimeException>(() => World.ApplyAsync(trip, Clerk, estimate: 10_000.01m));
        Assert.Contains("10,000.00 yuan available, 10,000.01 asked", above.Message, StringComparison.Ordinal);
        Assert.Equal(["estimatedCost"], above.FieldErrors!.Keys);
        Assert.Equal((0L, 1_000_000L), Held(await World.LineAsync()));
        Assert.Equal(["apply"], await World.OpenStepsAsync(trip));
    }

    [DatabaseFact]
    public async Task AnExpenseAboveTheStandard_IsRefusedOnItsLine_WithTheStandardAndTheAmount()
    {
        var trip = await World.ApprovedTripAsync(travellers: Deputy);
        var claim = await World.StartAsync("reimbursement", Clerk);
        Task ClaimAsync(params Dictionary<string, object?>[] lines) =>
            World.CompleteAsync(claim, "claim", Clerk, Claim(trip, "东城市", lines));

        var night = await Assert.ThrowsAsync<RuntimeException>(() => ClaimAsync(
            Expense("transport", "2027-01-11", 150m, seat: "standard"), Expense("accommodation", "2027-01-11", 800m, units: 2)));
        Assert.Equal(["lines[1].amount"], night.FieldErrors!.Keys);
        Assert.Equal("Accommodation of 800.00 yuan is above the standard for division level and below (处级及以下) in class 3 cities: "
            + "330.00 yuan a night × 2 = 660.00 yuan.", night.Message);
        Assert.Equal("住宿费 800.00 元超出三类城市 处级及以下标准：每晚 330.00 元 × 2 = 660.00 元。", Chinese(night));

        var allowance = await Assert.ThrowsAsync<RuntimeException>(() => ClaimAsync(Expense("allowance", "2027-01-11", 541m, units: 3)));
        Assert.Equal(["lines[0].amount"], allowance.FieldErrors!.Keys);
        Assert.Contains("180.00 yuan a day × 3 = 540.00 yuan", allowance.Message, StringComparison.Ordinal);

        var seat = await Assert.ThrowsAsync<RuntimeException>(() => ClaimAsync(Expense("transport", "2027-01-11", 300m, seat: "first")));
        Assert.Equal(["lines[0].seat"], seat.FieldErrors!.Keys);
        Assert.Equal("高铁一等座/火车软席超出处级及以下的乘坐标准（经济舱/高铁二等座/火车硬席）。", Chinese(seat));

        // The deputy leader travelling with the clerk is 厅局级: a first-class seat and 420 yuan a night are within theirs.
        await ClaimAsync(Expense("transport", "2027-01-11", 300m, seat: "first", traveller: Deputy),
            Expense("accommodation", "2027-01-11", 840m, units: 2, traveller: Deputy));
        Assert.Equal(["review"], await World.OpenStepsAsync(claim));
        Assert.Equal(114_000L, (await World.ClaimAsync(claim)).ClaimedFen);
    }

    [DatabaseFact]
    public async Task AClaimOutsideTheApprovedTrip_IsRefused_DatesDestinationTravellerAndTotal()
    {
        var trip = await World.ApprovedTripAsync();
        var claim = await World.StartAsync("reimbursement", Clerk);
        Task ClaimAsync(string destination, params Dictionary<string, object?>[] lines) =>
            World.CompleteAsync(claim, "claim", Clerk, Claim(trip, destination, lines));

        var early = await Assert.ThrowsAsync<RuntimeException>(() => ClaimAsync("东城市", Expense("allowance", "2027-01-10", 180m, units: 1)));
        Assert.Equal(["lines[0].date"], early.FieldErrors!.Keys);
        Assert.Contains("outside the approved trip 2027-01-11–2027-01-13", early.Message, StringComparison.Ordinal);
        Assert.Equal("lines[0].units", await FieldAsync(() => ClaimAsync("东城市", Expense("accommodation", "2027-01-12", 330m, units: 2))));
        Assert.Equal("lines[0].date", await FieldAsync(() => ClaimAsync("东城市", Expense("transport", "2027-01-14", 150m, seat: "standard"))));
        Assert.Equal("destination", await FieldAsync(() => ClaimAsync("西山市", Expense("allowance", "2027-01-11", 180m, units: 1))));
        Assert.Equal("lines[0].traveller", await FieldAsync(() => ClaimAsync("东城市",
            Expense("allowance", "2027-01-11", 180m, units: 1, traveller: Clerk2))));
        Assert.Equal("lines[1].date", await FieldAsync(() => ClaimAsync("东城市",
            Expense("allowance", "2027-01-11", 360m, units: 2), Expense("allowance", "2027-01-12", 180m, units: 1))));
        var total = await Assert.ThrowsAsync<RuntimeException>(() => ClaimAsync("东城市",
            Expense("transport", "2027-01-11", 1_900m, seat: "standard"), Expense("transport", "2027-01-13", 200m, seat: "standard")));
        Assert.Equal(["lines"], total.FieldErrors!.Keys);
        Assert.Contains("2,100.00 yuan exceeds the 2,000.00 yuan approved", total.Message, StringComparison.Ordinal);
        Assert.Equal(["claim"], await World.OpenStepsAsync(claim));
    }

    [DatabaseFact]
    public async Task AClaim_NeedsTheClaimantsOwnApprovedRequest_AndOneClaimAtATime()
    {
        var pending = await World.StartAsync("travel", Clerk);
        await World.ApplyAsync(pending, Clerk);
        var approved = await World.ApprovedTripAsync();
        var lines = Expense("allowance", "2027-01-11", 180m, units: 1);

        var stranger = await World.StartAsync("reimbursement", Clerk2);
        var others = await Assert.ThrowsAsync<RuntimeException>(() =>
            World.CompleteAsync(stranger, "claim", Clerk2, Claim(approved, "东城市", lines)));
        Assert.Equal(["travelRequest"], others.FieldErrors!.Keys);
        Assert.Contains("someone else's", others.Message, StringComparison.Ordinal);
        var first = await World.StartAsync("reimbursement", Clerk);
        var notYet = await Assert.ThrowsAsync<RuntimeException>(() => World.CompleteAsync(first, "claim", Clerk, Claim(pending, "东城市", lines)));
        Assert.Contains("not approved", notYet.Message, StringComparison.Ordinal);
        Assert.Equal("travelRequest", await FieldAsync(() => World.CompleteAsync(first, "claim", Clerk, Claim(99_999_999, "东城市", lines))));

        await World.CompleteAsync(first, "claim", Clerk, Claim(approved, "东城市", lines));
        var second = await World.StartAsync("reimbursement", Clerk);
        var twice = await Assert.ThrowsAsync<RuntimeException>(() => World.CompleteAsync(second, "claim", Clerk, Claim(approved, "东城市", lines)));
        Assert.Contains($"Reimbursement {first} of this trip is under way", twice.Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task TwoRequestsRacingForTheLastMoney_ExactlyOneGetsIt()
    {
        var first = await World.StartAsync("travel", Clerk);
        var second = await World.StartAsync("travel", Clerk2);

        var results = await Task.WhenAll(
            BureauWorld.Outcome(() => World.ApplyAsync(first, Clerk, estimate: 7_000m)),
            BureauWorld.Outcome(() => World.ApplyAsync(second, Clerk2, estimate: 7_000m)));

        Assert.Single(results, r => r is null);
        Assert.Single(results, r => r is RuntimeException { Code: RuntimeErrorCode.Invalid } e && e.FieldErrors!.ContainsKey("estimatedCost"));
        Assert.Equal((700_000L, 300_000L), Held(await World.LineAsync()));
    }

    [DatabaseFact]
    public async Task AnAdministratorTerminates_ARequestGivesItsHoldBack_AClaimLeavesTheTripToClaimAgain()
    {
        var waiting = await World.StartAsync("travel", Clerk2);
        await World.ApplyAsync(waiting, Clerk2, "北京", 3_000m);
        var trip = await World.ApprovedTripAsync();
        Assert.Equal((500_000L, 500_000L), Held(await World.LineAsync()));

        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(waiting, "admin", "行程取消"));
        Assert.Equal((200_000L, 800_000L), Held(await World.LineAsync()));
        Assert.Equal(TravelStates.Cancelled, (await World.RequestAsync(waiting)).State);
        Assert.Equal(InstanceStatus.Cancelled, (await World.Runtime.InstanceAsync(waiting)).Status);

        var claim = await World.StartAsync("reimbursement", Clerk);
        await World.CompleteAsync(claim, "claim", Clerk, Claim(trip, "东城市", Expense("allowance", "2027-01-11", 540m, units: 3)));
        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(claim, "admin", "重复报销"));
        Assert.Equal(ClaimStates.Cancelled, (await World.ClaimAsync(claim)).State);
        Assert.Equal((200_000L, 800_000L), Held(await World.LineAsync())); // the trip's hold stays for a new claim
        var again = await World.StartAsync("reimbursement", Clerk);
        await World.CompleteAsync(again, "claim", Clerk, Claim(trip, "东城市", Expense("allowance", "2027-01-11", 540m, units: 3)));
        Assert.Equal(["review"], await World.OpenStepsAsync(again));
    }

    [DatabaseFact]
    public async Task AnApprovedTripThatWillNotHappen_IsCancelledByItsRequester_AndGivesItsHoldBack()
    {
        var trip = await World.ApprovedTripAsync();
        var pending = await World.StartAsync("travel", Clerk2);
        await World.ApplyAsync(pending, Clerk2);
        var clerk = new Caller(Clerk, "tr", Department, ClearanceLevel.Unclassified, [], [], ["tr"]);
        var clerk2 = new Caller(Clerk2, "tr", Department, ClearanceLevel.Unclassified, [], [], ["tr"]);

        var stranger = await Assert.ThrowsAsync<RuntimeException>(() => Travel(t => t.CancelTripAsync(trip, Clerk2, default), clerk2));
        Assert.Equal(RuntimeErrorCode.NotFound, stranger.Code);
        var notApproved = await Assert.ThrowsAsync<RuntimeException>(() => Travel(t => t.CancelTripAsync(pending, Clerk2, default), clerk2));
        Assert.Equal(RuntimeErrorCode.Conflict, notApproved.Code);
        var claim = await World.StartAsync("reimbursement", Clerk);
        await World.CompleteAsync(claim, "claim", Clerk, Claim(trip, "东城市", Expense("allowance", "2027-01-11", 180m, units: 1)));
        var claimed = await Assert.ThrowsAsync<RuntimeException>(() => Travel(t => t.CancelTripAsync(trip, Clerk, default), clerk));
        Assert.Equal(RuntimeErrorCode.Conflict, claimed.Code);
        await World.Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(claim, "admin", "改期"));

        var cancelled = await Travel(t => t.CancelTripAsync(trip, Clerk, default), clerk);

        Assert.Equal(TravelStates.Cancelled, cancelled.State);
        Assert.Equal((200_000L, 800_000L), Held(await World.LineAsync())); // only the pending request's hold is left
        var mine = await Travel(t => t.RequestsAsync(null, null, default), clerk);
        Assert.Equal([trip], mine.Select(r => r.InstanceId));
        var again = await World.StartAsync("reimbursement", Clerk);
        Assert.Contains("not approved (cancelled)", (await Assert.ThrowsAsync<RuntimeException>(() => World.CompleteAsync(again, "claim", Clerk,
            Claim(trip, "东城市", Expense("allowance", "2027-01-11", 180m, units: 1))))).Message, StringComparison.Ordinal);
    }

    [DatabaseFact]
    public async Task TheHeadsDeadlinePasses_TheHeadIsReminded_ThenThePrincipalLeaderReceivesTheEscalation()
    {
        var trip = await World.StartAsync("travel", Clerk);
        await World.ApplyAsync(trip, Clerk);
        var head = await World.Runtime.TaskAsync(trip, "head");
        Assert.NotNull(head.DueAt);

        World.Runtime.Clock.Set(head.DueAt!.Value.AddMinutes(-1));
        await World.Runtime.RunJobsAsync();
        var reminder = Assert.Single(await NoticesAsync(trip, "task.reminder"));
        Assert.Equal((Head, head.Id), (reminder.Recipient, reminder.TaskId));
        Assert.Empty(await NoticesAsync(trip, "task.escalated"));

        World.Runtime.Clock.Set(head.DueAt.Value.AddDays(3));
        await World.Runtime.RunJobsAsync();
        await World.Runtime.DispatchOutboxAsync();
        Assert.Contains(await NoticesAsync(trip, "task.overdue"), n => n.Recipient == Head);
        var escalated = Assert.Single(await NoticesAsync(trip, "task.escalated"));
        Assert.Equal(Leader, escalated.Recipient);
        var inbox = await World.Runtime.Query(db => db.Set<NotificationRecord>()
            .Where(n => n.UserId == Leader && n.InstanceId == trip).ToListAsync());
        Assert.Equal(("task.escalated", head.Id), (Assert.Single(inbox).Kind, inbox[0].TaskId));
    }

    private Task<List<OutboxRecord>> NoticesAsync(long instance, string kind) =>
        World.Runtime.Query(db => db.Set<OutboxRecord>().Where(o => o.InstanceId == instance && o.Kind == kind).OrderBy(o => o.Id).ToListAsync());

    private Task<T> Travel<T>(Func<TravelService, Task<T>> work, Caller caller) =>
        World.Runtime.In(s =>
        {
            s.GetRequiredService<CallerContext>().Current = caller;
            return work(s.GetRequiredService<TravelService>());
        });

    private static string Chinese(RuntimeException refused) => refused.Text.In(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"));

    private static Task<string> FieldAsync(Func<Task> work) => BureauWorld.RefusedFieldAsync(work);

    private static (long Reserved, long Available) Held(BudgetLineView line) => (line.ReservedFen, line.AvailableFen);
}

public sealed class SqliteTravelScenarioTests(SqliteTestDatabase database) : TravelScenarioTests<SqliteTestDatabase>(database);

public sealed class PostgresTravelScenarioTests(PostgresTestDatabase database) : TravelScenarioTests<PostgresTestDatabase>(database);
