using G2G.Runtime.Instances;
using G2G.Runtime.Queries;
using G2G.Runtime.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace G2G.Runtime.Tests.Runtime;

/// <summary>The inbox views' orders and filters: due or created, completed, started; state and agency; unknown orders refused.</summary>
public abstract class InboxOrderTests<TDatabase>(TDatabase database) : RuntimeTestBase<TDatabase>(database, "approval.bpmn")
    where TDatabase : TestDatabase
{
    private Task<T> Inbox<T>(Func<InboxQueries, Task<T>> query) => Runtime.In(s => query(s.GetRequiredService<InboxQueries>()));

    /// <summary>
    /// Three applications an hour apart (Monday 09:00): A is large (局长审批, due in 3 working days, offered to the agency's
    /// leaders), B and C small (处长审批 by wang.wu, due in 2). A fourth, D, in another agency.
    /// </summary>
    private async Task<(string Initiator, string Agency, string Tag, long A, long B, long C, long D)> ThreeApplicationsAsync()
    {
        var tag = $"t{Guid.NewGuid():N}"[..10];
        var (initiator, agency) = ($"u-{tag}", $"ag-{tag}");
        async Task<long> Apply(string name, int amount, string inAgency)
        {
            var id = await Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance("approval",
                RuntimeHarness.Vars(("amount", amount)), Title: $"{tag} {name}", Initiator: initiator, AgencyId: inAgency)));
            await Runtime.CompleteAsync((await Runtime.TaskAsync(id, "apply")).Id, initiator);
            Runtime.Clock.Advance(TimeSpan.FromHours(1));
            return id;
        }
        return (initiator, agency, tag, await Apply("A", 20000, agency), await Apply("B", 100, agency), await Apply("C", 200, agency), await Apply("D", 300, "elsewhere"));
    }

    [DatabaseFact]
    public async Task ToDo_SortsByDueOrCreated_EitherWay()
    {
        var (_, agency, tag, a, b, c, _) = await ThreeApplicationsAsync();
        var viewer = new Viewer("wang.wu", [$"leader:{agency}"]);
        async Task<long[]> Order(string? sort) =>
            [.. (await Inbox(q => q.ToDoAsync(viewer, new InboxFilter(AgencyId: agency, Text: tag, Sort: sort), 1, 50))).Items.Select(t => t.InstanceId)];

        Assert.Equal([b, c, a], await Order(null));
        Assert.Equal([b, c, a], await Order("due"));
        Assert.Equal([a, c, b], await Order("-due"));
        Assert.Equal([a, b, c], await Order("created"));
        Assert.Equal([c, b, a], await Order("-created"));
    }

    [DatabaseFact]
    public async Task ToDo_PagesAcrossAssignedAndOfferedTasks_AndListsAClaimedTaskOnce()
    {
        var (_, agency, tag, a, b, c, _) = await ThreeApplicationsAsync();
        var viewer = new Viewer("wang.wu", [$"leader:{agency}"]);
        Task<Page<TaskView>> ToDo(int page, string? sort = null) => Inbox(q => q.ToDoAsync(viewer, new InboxFilter(AgencyId: agency, Text: tag, Sort: sort), page, 2));

        var first = await ToDo(1, "-due");
        var second = await ToDo(2, "-due");
        Assert.Equal([a, c], first.Items.Select(t => t.InstanceId));
        Assert.Equal([b], second.Items.Select(t => t.InstanceId));
        Assert.Equal((3, 3), (first.Total, second.Total));

        // wang.wu claims A: it leaves the offered half and joins the assigned half, still once.
        var offered = Assert.Single(first.Items, t => t.InstanceId == a);
        await Runtime.In(s => s.GetRequiredService<InstanceService>().ClaimAsync(offered.Id, "wang.wu", [$"leader:{agency}"]));
        var all = await Inbox(q => q.ToDoAsync(viewer, new InboxFilter(AgencyId: agency, Text: tag), 1, 50));
        Assert.Equal([b, c, a], all.Items.Select(t => t.InstanceId));
        Assert.Equal("wang.wu", all.Items[^1].Assignee);
    }

    [DatabaseFact]
    public async Task ToDo_WithTheTotalTheCallerCounted_CutsThePageByItWithoutCountingAgain()
    {
        var (_, agency, tag, a, b, c, _) = await ThreeApplicationsAsync();
        var viewer = new Viewer("wang.wu", [$"leader:{agency}"]);
        var filter = new InboxFilter(AgencyId: agency, Text: tag, Sort: "-due");
        Task<Page<TaskView>> ToDo(int page, int? total) => Inbox(q => q.ToDoAsync(viewer, filter, page, 2, total));

        var counted = await ToDo(2, null);
        var given = await ToDo(2, 3);
        Assert.Equal([b], given.Items.Select(t => t.InstanceId));
        Assert.Equal(3, given.Total);
        Assert.Equal(counted, given with { Items = counted.Items });

        // The total is taken as given: a page past it is empty, as a page past the counted end is.
        var past = await ToDo(2, 2);
        Assert.Equal((0, 2), (past.Items.Count, past.Total));
        Assert.Equal([a, c], (await ToDo(1, 2)).Items.Select(t => t.InstanceId));
    }

    [DatabaseFact]
    public async Task Badges_OfManyViewersAtOnce_AreEachOnesOwn_ATaskOfferedToTwoOfTheirCandidaciesCountingOnce()
    {
        var (initiator, agency, tag, a, b, _, _) = await ThreeApplicationsAsync();
        var leaders = $"leader:{agency}";
        var (named, leader, reader, secret) = ($"named-{tag}", $"leader-{tag}", $"reader-{tag}", $"secret-{tag}");
        // A classified application for the leaders too: only those cleared to 秘密 count it.
        var classified = await Runtime.In(s => s.GetRequiredService<InstanceService>().StartAsync(new StartInstance("approval",
            RuntimeHarness.Vars(("amount", 50000)), Title: $"{tag} E", Initiator: initiator, AgencyId: agency,
            Classification: G2G.Runtime.Organisation.ClearanceLevel.Secret)));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(classified, "apply")).Id, initiator);
        // A (局长审批) is offered to the agency's leaders; it is offered to one of them by name as well. B and the classified
        // application are copied to a reader and to someone cleared to 秘密.
        var director = await Runtime.TaskAsync(a, "director");
        await Runtime.In(async s =>
        {
            var db = s.GetRequiredService<G2G.Runtime.Persistence.G2GDbContext>();
            db.Add(new G2G.Runtime.Persistence.TaskCandidateRecord { TaskId = director.Id, Kind = CandidateKinds.User, Value = named });
            foreach (var (instance, to) in new[] { (b, reader), (b, secret), (classified, reader), (classified, secret) })
                db.Add(new G2G.Runtime.Persistence.TaskCopyRecord { InstanceId = instance, UserId = to, CopiedBy = "wang.wu", CreatedAt = Runtime.Clock.GetUtcNow() });
            await db.SaveChangesAsync();
        });
        Viewer[] viewers =
        [
            new("wang.wu", [leaders]), new(named, [leaders]), new(leader, [leaders, $"other-{tag}"]), new(reader, []),
            new(secret, [leaders], G2G.Runtime.Organisation.ClearanceLevel.Secret),
        ];

        var together = await Inbox(q => q.BadgesAsync(viewers));

        foreach (var viewer in viewers)
            Assert.Equal(await Inbox(q => q.BadgesAsync(viewer)), together[viewer.UserId]);
        Assert.Equal((1, 0), together[named]); // once, though offered to them and to their group
        Assert.Equal((1, 0), together[leader]);
        Assert.Equal((0, 1), together[reader]);
        Assert.Equal((2, 2), together[secret]);
    }

    [DatabaseFact]
    public async Task Done_SortsByCompletion_AndStarted_FiltersByStateAndAgency()
    {
        var (initiator, agency, tag, a, b, c, d) = await ThreeApplicationsAsync();
        await Runtime.CompleteAsync((await Runtime.TaskAsync(c, "head")).Id, "wang.wu");
        Runtime.Clock.Advance(TimeSpan.FromMinutes(5));
        await Runtime.CompleteAsync((await Runtime.TaskAsync(b, "head")).Id, "wang.wu");
        await Runtime.In(s => s.GetRequiredService<InstanceService>().CancelAsync(a, "admin", "重复申请"));
        var head = new Viewer("wang.wu", []);
        var me = new Viewer(initiator, []);
        async Task<long[]> Done(string? sort) =>
            [.. (await Inbox(q => q.DoneAsync(head, new InboxFilter(Text: tag, Sort: sort), 1, 50))).Items.Select(t => t.InstanceId)];
        async Task<long[]> Started(InboxFilter filter) => [.. (await Inbox(q => q.StartedAsync(me, filter, 1, 50))).Items.Select(i => i.Id)];

        Assert.Equal([b, c], await Done(null));
        Assert.Equal([c, b], await Done("completed"));
        Assert.Equal([d, c, b, a], await Started(new InboxFilter()));
        Assert.Equal([a, b, c, d], await Started(new InboxFilter(Sort: "started")));
        Assert.Equal([c, b, a], await Started(new InboxFilter(AgencyId: agency)));
        Assert.Equal([a], await Started(new InboxFilter(State: InstanceStatus.Cancelled)));
        Assert.Equal([b, c], await Started(new InboxFilter(AgencyId: agency, State: InstanceStatus.Completed, Sort: "started")));
    }

    [DatabaseFact]
    public async Task AnUnknownOrder_IsRefusedWithTheNamesItKnows()
    {
        var refused = await Assert.ThrowsAsync<RuntimeException>(() => Inbox(q => q.ToDoAsync(new Viewer("wang.wu", []), new InboxFilter(Sort: "priority"), 1, 50)));

        Assert.Equal(RuntimeErrorCode.Invalid, refused.Code);
        Assert.Contains("due, -due, created, -created", refused.Message, StringComparison.Ordinal);
    }
}

public sealed class SqliteInboxOrderTests(SqliteTestDatabase database) : InboxOrderTests<SqliteTestDatabase>(database);

public sealed class PostgresInboxOrderTests(PostgresTestDatabase database) : InboxOrderTests<PostgresTestDatabase>(database);
